//! 02-deepobject-query.yaml: a `deepObject` struct and an exploded `form` map.

use std::collections::BTreeMap;

use wire_02_deepobject_query::{types::RentalFilter, Client};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn deep_object_fields_and_map_entries_become_pairs() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let filter = RentalFilter::new().with_city("Den Haag").with_max_price(3);
    let attrs = BTreeMap::from([("colour".to_owned(), "red".to_owned()), ("size".to_owned(), "xl".to_owned())]);
    client.search_rentals(&filter, &attrs).await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.url.query(),
        Some("filter%5Bcity%5D=Den%20Haag&filter%5BmaxPrice%5D=3&colour=red&size=xl")
    );
    // As a server decodes it.
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs[0], ("filter[city]".to_owned(), "Den Haag".to_owned()));
    assert_eq!(pairs[1], ("filter[maxPrice]".to_owned(), "3".to_owned()));

    // Fields left unset are not sent at all.
    server.reset().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let only_city = RentalFilter::new().with_city("Delft");
    client.search_rentals(&only_city, &BTreeMap::new()).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.query(), Some("filter%5Bcity%5D=Delft"));
}
