//! Case 26 (`26-operation-servers.yaml`): a call goes to its operation's own server (or its
//! path's), unless the client was given a `base_url`, which replaces every server.

use corpus_26_operation_servers::mock::MockServer;
use corpus_26_operation_servers::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Listens on `address` (the port the document names), answers one request with `answer`,
/// and gives back the request line it read (`GET /base/items HTTP/1.1`).
async fn serve_once(address: &str, answer: &'static str) -> tokio::task::JoinHandle<String> {
    let listener = TcpListener::bind(address).await.expect("the document's port is free on 127.0.0.1");
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buffer = [0; 4096];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let read = socket.read(&mut buffer).await.unwrap();
            if read == 0 {
                break;
            }
            request.extend_from_slice(&buffer[..read]);
        }
        socket.write_all(answer.as_bytes()).await.unwrap();
        String::from_utf8_lossy(&request).lines().next().unwrap_or_default().to_owned()
    })
}

#[tokio::test]
async fn each_call_goes_to_its_own_server() {
    let items = serve_once(
        "127.0.0.1:47311",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n[\"a\"]",
    )
    .await;
    let added = serve_once("127.0.0.1:47312", "HTTP/1.1 204 No Content\r\n\r\n").await;
    // No base URL: the document's servers.
    let client = Client::builder().build().unwrap();
    assert_eq!(client.list_items().await.unwrap(), vec!["a".to_owned()]);
    client.add_item().await.unwrap();
    // The path item's server for `listItems`, the operation's own for `addItem`.
    assert_eq!(items.await.unwrap(), "GET /base/items HTTP/1.1");
    assert_eq!(added.await.unwrap(), "POST /files/items HTTP/1.1");
}

#[tokio::test]
async fn a_base_url_replaces_every_server() {
    let mock = MockServer::start().await;
    mock.list_items().returns(&vec!["m".to_owned()]).await;
    mock.add_item().succeeds().await;
    let client = mock.client_builder().build().unwrap();
    assert_eq!(client.list_items().await.unwrap(), vec!["m".to_owned()]);
    client.add_item().await.unwrap();
    assert_eq!(mock.received_requests().await.len(), 2);
}
