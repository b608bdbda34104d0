//! Case 23 (`23-answers-without-content.yaml`): an answer to HEAD, and a 204, are read as
//! answers without content whatever the document says: the call succeeds, and the answer's
//! headers are there to read.

use corpus_23_answers_without_content::mock::MockServer;
use corpus_23_answers_without_content::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server on 127.0.0.1 that answers every request on one connection with `answer`, as
/// written, and stops after `requests` of them.
async fn server(answer: &'static str, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = vec![0; 8192];
        for _ in 0..requests {
            // Each request here is headers only, read in one go.
            if socket.read(&mut buffer).await.unwrap_or(0) == 0 {
                return;
            }
            socket.write_all(answer.as_bytes()).await.unwrap();
        }
    });
    format!("http://{address}")
}

fn client(url: &str) -> Client {
    Client::builder().base_url(url).build().unwrap()
}

#[tokio::test]
async fn a_head_answer_has_no_content_to_decode() {
    // What a server answers to HEAD: the headers a GET would have, Content-Length included,
    // and no content.
    let url = server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\nX-Count: 3\r\n\r\n",
        2,
    )
    .await;
    let client = client(&url);
    client.head_item("a").await.unwrap();
    let response = client.head_item("a").send_with_response().await.unwrap();
    assert_eq!(response.header("x-count"), Some("3"));
}

#[tokio::test]
async fn a_204_answer_has_no_content_to_decode() {
    let url = server("HTTP/1.1 204 No Content\r\n\r\n", 1).await;
    client(&url).delete_item("a").await.unwrap();
}

#[tokio::test]
async fn the_mock_answers_head_and_204_without_content() {
    let mock = MockServer::start().await;
    mock.head_item().succeeds().await;
    mock.delete_item().succeeds().await;
    let client = mock.client_builder().build().unwrap();
    client.head_item("a").await.unwrap();
    client.delete_item("a").await.unwrap();
    assert_eq!(mock.received_requests().await.len(), 2);
}
