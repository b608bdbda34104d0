//! `shared-shapes.yaml`: copies of one shape are one type, a component of the same shape as
//! another is an alias of it, and shapes that differ stay apart.

use std::any::TypeId;

use corpus_shared_shapes::operations::ListUsers;
use corpus_shared_shapes::types::{
    GetRepoOwnerResponse, ListReposSort, NullableRepository, Repository, RepositoryOwner, RepositoryOwnerPlace,
    RepositoryOwnerStrictPlace,
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

#[test]
fn the_same_enum_values_in_another_order_are_one_enum() {
    // `listUsers` lists the values of `listRepos`'s `sort` in another order: the setter of its
    // request builder takes the same enum (this compiles only if it does).
    let sort_users: fn(ListUsers<'static>, ListReposSort) -> ListUsers<'static> = ListUsers::sort;
    let _ = sort_users;
    assert_eq!(ListReposSort::Updated.to_string(), "updated");
}
