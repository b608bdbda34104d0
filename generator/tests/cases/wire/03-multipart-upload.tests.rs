//! 03-multipart-upload.yaml: typed parts, a boundary in the `Content-Type`, the file part with
//! the `encoding`'s content type.

use wire_03_multipart_upload::{types::UploadScanRequest, Client};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn each_property_is_a_part_and_the_file_keeps_its_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"id": "s1"}"#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let png = vec![0x89, b'P', b'N', b'G', 0, 0xff];
    let stored = client.upload_scan(&UploadScanRequest::new("front page", png.clone())).await.unwrap();
    assert_eq!(stored.id.as_deref(), Some("s1"));

    let request = &server.received_requests().await.unwrap()[0];
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(content_type);
    assert!(!boundary.is_empty());
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"caption\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nfront page\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&png);
    expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    assert_eq!(request.body, expected);
}

/// `thumbnail` is optional and nullable (`Option<Option<Vec<u8>>>`): set, it is a file part
/// of its own; set to `null`, it is left out like an absent one, since a file part cannot
/// carry `null` (RFC 7578).
#[tokio::test]
async fn an_optional_nullable_file_is_a_part_when_set_and_left_out_when_null() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"id": "s1"}"#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let scan = UploadScanRequest::new("c", vec![1]);
    client.upload_scan(&scan.clone().with_thumbnail(Some(vec![7, 8]))).await.unwrap();
    client.upload_scan(&scan.with_thumbnail(None)).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let body = |i: usize| String::from_utf8_lossy(&requests[i].body).into_owned();
    let thumbnail = "Content-Disposition: form-data; name=\"thumbnail\"; filename=\"thumbnail\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n\u{7}\u{8}\r\n";
    assert!(body(0).contains(thumbnail), "{}", body(0));
    assert!(!body(1).contains("thumbnail"), "{}", body(1));
    assert!(body(1).contains("name=\"file\""), "{}", body(1));
}
