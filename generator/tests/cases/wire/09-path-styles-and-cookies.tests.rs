//! 09-path-styles-and-cookies.yaml: label and matrix path parameters, an exploded object
//! header, cookies, and `allowReserved`.

use wire_09_path_styles_and_cookies::{
    types::Dims,
    Client,
};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn every_location_in_its_style() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let shelf = ["top".to_owned(), "left side".to_owned()];
    let dims = Dims::new(3, 4);
    client.get_book(&shelf, 7, &dims, "s 1").theme("dark").q("a/b?c=d").await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), "/shelves/.top.left%20side/books;id=7");
    assert_eq!(request.url.query(), Some("q=a/b?c=d"));
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header("x-dims").as_deref(), Some("w=3,h=4"));
    assert_eq!(header("cookie").as_deref(), Some("session=s%201; theme=dark"));

    // An optional cookie left unset is not sent.
    server.reset().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    client.get_book(&shelf, 7, &dims, "s").await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers.get("cookie").unwrap(), "session=s");
    assert_eq!(request.url.query(), None);
}
