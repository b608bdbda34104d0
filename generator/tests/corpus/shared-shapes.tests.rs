//! `shared-shapes.yaml`: copies of one shape are one type, a component of the same shape as
//! another is an alias of it, and shapes that differ stay apart.

use std::any::TypeId;

use corpus_shared_shapes::types::{
    GetRepoOwnerResponse, ListReposSort, NullableRepository, Repository, RepositoryOwner,
    RepositoryOwnerPlace, RepositoryOwnerStrictPlace,
};
use serde_json::json;

#[test]
fn the_twin_component_is_an_alias() {
    assert_eq!(TypeId::of::<NullableRepository>(), TypeId::of::<Repository>());
    let answer: GetRepoOwnerResponse = serde_json::from_value(json!({
        "login": "octocat",
        "source": {"name": "hello", "owner": {"id": 1, "login": "octocat"}}
    }))
    .unwrap();
    let source: Option<Repository> = answer.source.unwrap();
    assert_eq!(source.unwrap().owner.login, "octocat");
}

#[test]
fn an_inline_copy_in_an_answer_is_the_components_nested_type() {
    // `listUsers` answers inline objects of the owner's shape, properties in another order.
    let users: Vec<RepositoryOwner> = serde_json::from_value(json!([
        {"id": 7, "login": "hubot", "place": {"city": "Paris"}, "strict_place": {"city": "Lyon"}}
    ]))
    .unwrap();
    let repository: Repository =
        serde_json::from_value(json!({"name": "hello", "owner": serde_json::to_value(&users[0]).unwrap()})).unwrap();
    assert_eq!(repository.owner, users[0]);
    assert_eq!(repository.owner.place.as_ref().and_then(|p| p.city.as_deref()), Some("Paris"));
}

#[test]
fn shapes_that_differ_stay_apart() {
    // `additionalProperties: false` is part of the shape.
    assert_ne!(TypeId::of::<RepositoryOwnerPlace>(), TypeId::of::<RepositoryOwnerStrictPlace>());
}

#[tokio::test]
async fn the_same_enum_values_in_another_order_are_one_enum() {
    // `listUsers`'s `sort` takes the enum of `listRepos`'s (values in another order).
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::query_param("sort", "updated"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = corpus_shared_shapes::Client::builder().base_url(server.uri()).build().unwrap();
    let users = client.list_users().sort(ListReposSort::Updated).await.unwrap();
    assert!(users.is_empty());
}
