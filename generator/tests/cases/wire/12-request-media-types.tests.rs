//! 12-request-media-types.yaml: JSON by default, another media type on request, and the
//! document's media type as `Content-Type`.

use wire_12_request_media_types::types::Pet;
use wire_12_request_media_types::Client;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Sends one request with `call` and gives back its `Content-Type` and body.
async fn sent<F, Fut>(call: F) -> (String, String)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    call(Client::builder().base_url(server.uri()).build().unwrap()).await;
    let request = &server.received_requests().await.unwrap()[0];
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap().to_owned();
    (content_type, String::from_utf8(request.body.clone()).unwrap())
}

fn pet() -> Pet {
    Pet::new("Rex & co").with_tag("dog")
}

#[tokio::test]
async fn json_is_the_default() {
    let (content_type, body) = sent(|client| async move { client.add_pet(&pet()).await.unwrap() }).await;
    assert_eq!(content_type, "application/json");
    assert_eq!(body, r#"{"name":"Rex & co","tag":"dog"}"#);
}

#[tokio::test]
async fn a_form_on_request() {
    let (content_type, body) = sent(|client| async move { client.add_pet(&pet()).body_as_form().await.unwrap() }).await;
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    assert_eq!(body, "name=Rex+%26+co&tag=dog");
}

#[tokio::test]
async fn multipart_parts_on_request() {
    let (content_type, body) = sent(|client| async move { client.add_pet(&pet()).body_as_multipart().await.unwrap() }).await;
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(&content_type);
    let part = |name: &str| {
        let start = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n");
        let rest = &body[body.find(&start).unwrap_or_else(|| panic!("no part {name}: {body}")) + start.len()..];
        let value = &rest[rest.find("\r\n\r\n").unwrap() + 4..];
        value[..value.find("\r\n").unwrap()].to_owned()
    };
    assert_eq!(part("name"), "Rex & co");
    assert_eq!(part("tag"), "dog");
}

#[tokio::test]
async fn the_documents_json_media_type_is_sent() {
    let (content_type, body) =
        sent(|client| async move { client.patch_pet("p1").body(&pet()).await.unwrap() }).await;
    assert_eq!(content_type, "application/merge-patch+json");
    assert_eq!(body, r#"{"name":"Rex & co","tag":"dog"}"#);
}

#[tokio::test]
async fn text_goes_as_its_own_media_type() {
    let (content_type, body) = sent(|client| async move { client.import_pets("name\nRex\n").await.unwrap() }).await;
    assert_eq!(content_type, "text/csv");
    assert_eq!(body, "name\nRex\n");
    let (content_type, _) = sent(|client| async move {
        client.import_pets("name\tRex\n").body_as_tab_separated_values().await.unwrap()
    })
    .await;
    assert_eq!(content_type, "text/tab-separated-values");
}
