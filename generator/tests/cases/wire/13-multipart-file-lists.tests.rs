//! 13-multipart-file-lists.yaml: each item of a list of files is a file part of its own,
//! under the property's name, in order; an empty, absent or null list sends none, nor does a
//! null item. A list of strings is a text part per item in the same way.

use wire_13_multipart_file_lists::{types::UploadPagesRequest, Client};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

fn part(name: &str, bytes: &str) -> String {
    format!(
        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n{bytes}\r\n"
    )
}

#[tokio::test]
async fn a_list_of_files_is_one_file_part_per_item() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let pages = vec![b"one".to_vec(), b"two".to_vec()];
    let drafts = vec![Some(b"d1".to_vec()), None, Some(b"d2".to_vec())];
    let first = UploadPagesRequest::new("c", pages.clone())
        .with_extras(Some(vec![b"x".to_vec()]))
        .with_drafts(drafts)
        .with_labels(vec!["a".to_owned(), "b".to_owned()]);
    client.upload_pages(&first).await.unwrap();
    client.upload_pages(&UploadPagesRequest::new("c", Vec::new()).with_extras(None)).await.unwrap();
    client.upload_pages(&UploadPagesRequest::new("c", pages)).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let body = |i: usize| String::from_utf8_lossy(&requests[i].body).into_owned();
    let (one, two) = (body(0).find(&part("pages", "one")), body(0).find(&part("pages", "two")));
    assert!(one.is_some() && two.is_some() && one < two, "{}", body(0));
    assert_eq!(body(0).matches("form-data; name=\"pages\"").count(), 2, "{}", body(0));
    assert!(body(0).contains(&part("extras", "x")), "{}", body(0));
    // A null item: no part for it, the others in order.
    let (d1, d2) = (body(0).find(&part("drafts", "d1")), body(0).find(&part("drafts", "d2")));
    assert!(d1.is_some() && d2.is_some() && d1 < d2, "{}", body(0));
    assert_eq!(body(0).matches("form-data; name=\"drafts\"").count(), 2, "{}", body(0));
    // A list of strings: a text part per item, in order.
    let text = |value: &str| format!("name=\"labels\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{value}\r\n");
    let (a, b) = (body(0).find(&text("a")), body(0).find(&text("b")));
    assert!(a.is_some() && b.is_some() && a < b, "{}", body(0));
    assert_eq!(body(0).matches("form-data; name=\"labels\"").count(), 2, "{}", body(0));
    // Empty list, null list: no part, the caption still sent.
    assert!(!body(1).contains("pages") && !body(1).contains("extras"), "{}", body(1));
    assert!(body(1).contains("form-data; name=\"caption\""), "{}", body(1));
    // Absent list: no part.
    assert!(!body(2).contains("extras"), "{}", body(2));
}
