//! One test per operation against a wiremock server: what the client sends (method, raw path,
//! headers, body) and what it makes of the answer; plus error answers and path encoding.

mod common;

use citrix_cloud::types::{
    CreateServicePrincipalRequest, GetAccessTokenRequest, GetAccessTokenRequestGrantType,
    NotificationSeverity, TokenResponseExpiresIn,
};
use citrix_cloud::{Error, Secret};
use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

fn timestamp(text: &str) -> jiff::Timestamp {
    text.parse().expect("a valid timestamp")
}

#[tokio::test]
async fn get_access_token_posts_the_form_without_authorization() {
    let server = start().await;
    let client = client(&server);
    let body = GetAccessTokenRequest::new(
        GetAccessTokenRequestGrantType::ClientCredentials,
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    );

    let answer = client.get_access_token(CUSTOMER_ID, &body).await.unwrap();

    assert_eq!(answer.token_type.as_deref(), Some("bearer"));
    assert_eq!(
        answer.access_token.as_ref().map(Secret::expose),
        Some(TOKEN)
    );
    assert_eq!(
        answer.expires_in,
        Some(TokenResponseExpiresIn::String("3600".to_owned()))
    );
    // The token is not printed with the answer.
    assert!(!format!("{answer:?}").contains(TOKEN));

    // One request: the operation itself, not a token request of the client's own first.
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), TOKEN_PATH);
    assert_eq!(header_of(request, "authorization"), None);
    assert_eq!(
        header_of(request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_common_headers(request);
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&request.body).unwrap();
    let expected = [
        ("grant_type", "client_credentials"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    assert_eq!(form, expected);
}

#[tokio::test]
async fn get_access_token_accepts_the_literal_root_customer() {
    let server = start().await;
    Mock::given(method("POST"))
        .and(path("/cctrustoauth2/root/tokens/clients"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "bearer", "access_token": "tok-root", "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    let body = GetAccessTokenRequest::new(
        GetAccessTokenRequestGrantType::ClientCredentials,
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    );
    let answer = client(&server)
        .get_access_token("root", &body)
        .await
        .unwrap();
    assert_eq!(answer.access_token.unwrap().expose(), "tok-root");
    assert_eq!(
        answer.expires_in,
        Some(TokenResponseExpiresIn::Integer(3600))
    );
    server.verify().await;
}

#[tokio::test]
async fn list_service_principals_authenticates_and_decodes() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/serviceprincipals"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [
                {
                    "id": "sp-1",
                    "displayName": "automation",
                    "clientId": "client-1",
                    "customerId": "cust-1",
                    "createdAt": "2024-05-01T12:30:00Z"
                },
                {"id": "sp-2", "displayName": "backup", "futureField": {"nested": true}}
            ]
        })))
        .mount(&server)
        .await;
    let client = client(&server);

    let answer = client.list_service_principals().await.unwrap();

    let items = answer.items.expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].id.as_deref(), Some("sp-1"));
    assert_eq!(items[0].display_name.as_deref(), Some("automation"));
    assert_eq!(items[0].client_id.as_deref(), Some("client-1"));
    assert_eq!(items[0].customer_id.as_deref(), Some("cust-1"));
    assert_eq!(items[0].created_at, Some(timestamp("2024-05-01T12:30:00Z")));
    assert_eq!(items[1].display_name.as_deref(), Some("backup"));
    assert_eq!(items[1].created_at, None);

    let request = only_request(&server, "GET", "/serviceprincipals").await;
    assert_api_headers(&request);
    assert!(request.body.is_empty());
    assert_eq!(token_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn create_service_principal_sends_json() {
    let server = start().await;
    Mock::given(method("POST"))
        .and(path("/serviceprincipals"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": "sp-9",
            "displayName": "ci-robot",
            "clientId": "client-9",
            "customerId": "cust-1",
            "createdAt": "2024-06-02T08:00:00.123+02:00"
        })))
        .mount(&server)
        .await;

    let created = client(&server)
        .create_service_principal(&CreateServicePrincipalRequest::new("ci-robot"))
        .await
        .unwrap();

    assert_eq!(created.id.as_deref(), Some("sp-9"));
    assert_eq!(created.display_name.as_deref(), Some("ci-robot"));
    assert_eq!(created.client_id.as_deref(), Some("client-9"));
    assert_eq!(
        created.created_at,
        Some(timestamp("2024-06-02T06:00:00.123Z"))
    );

    let request = only_request(&server, "POST", "/serviceprincipals").await;
    assert_api_headers(&request);
    assert_eq!(
        header_of(&request, "content-type"),
        Some("application/json")
    );
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"displayName": "ci-robot"}));
}

#[tokio::test]
async fn get_service_principal_decodes_and_sends_a_fresh_transaction_id_per_call() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/serviceprincipals/sp-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "sp-1",
            "displayName": "automation",
            "createdAt": "2024-05-01T12:30:00Z"
        })))
        .mount(&server)
        .await;
    let client = client(&server);

    let first = client.get_service_principal("sp-1").await.unwrap();
    let second = client.get_service_principal("sp-1").await.unwrap();

    assert_eq!(first, second);
    assert_eq!(first.id.as_deref(), Some("sp-1"));
    assert_eq!(first.display_name.as_deref(), Some("automation"));
    assert_eq!(first.created_at, Some(timestamp("2024-05-01T12:30:00Z")));

    let requests = requests_to(&server, "GET", "/serviceprincipals/sp-1").await;
    assert_eq!(requests.len(), 2);
    let ids: Vec<uuid::Uuid> = requests.iter().map(assert_api_headers).collect();
    assert_ne!(ids[0], ids[1], "each call sends its own transaction id");
    // The cached token served the second call.
    assert_eq!(token_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn get_service_principal_404_is_an_api_error_with_the_problem_and_request_id() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/serviceprincipals/x"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("Citrix-TransactionId", "srv-txn-404")
                .set_body_json(json!({
                    "type": "https://errors-api.cloud.com/common/notFound",
                    "detail": "no such principal",
                    "parameters": [{"name": "id", "value": "x"}]
                })),
        )
        .mount(&server)
        .await;

    let err = client(&server)
        .get_service_principal("x")
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(404));
    assert_eq!(err.request_id(), Some("srv-txn-404"));
    assert!(!err.is_retryable());
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}");
    };
    assert_eq!(api.status(), 404);
    assert_eq!(api.operation(), "getServicePrincipal");
    assert_eq!(api.request_id(), Some("srv-txn-404"));
    let problem = api.problem().expect("a problem body");
    assert_eq!(
        problem.r#type.as_deref(),
        Some("https://errors-api.cloud.com/common/notFound")
    );
    assert_eq!(problem.detail.as_deref(), Some("no such principal"));
    assert_eq!(problem.parameters.len(), 1);
    assert_eq!(problem.parameters[0].name.as_deref(), Some("id"));
    assert_eq!(problem.parameters[0].value.as_deref(), Some("x"));
    assert_eq!(api.body().unwrap()["detail"], "no such principal");

    let text = err.to_string();
    for part in [
        "getServicePrincipal",
        "404",
        "Not Found",
        "no such principal",
        "id=x",
        "srv-txn-404",
    ] {
        assert!(text.contains(part), "{part:?} missing from {text:?}");
    }
    // A 404 is not retried.
    assert_eq!(
        requests_to(&server, "GET", "/serviceprincipals/x")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn delete_service_principal_returns_unit_on_204() {
    let server = start().await;
    Mock::given(method("DELETE"))
        .and(path("/serviceprincipals/sp-1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let outcome: Result<(), Error> = client(&server).delete_service_principal("sp-1").await;
    assert!(matches!(outcome, Ok(())), "{outcome:?}");

    let request = only_request(&server, "DELETE", "/serviceprincipals/sp-1").await;
    assert_api_headers(&request);
    assert!(request.body.is_empty());
    server.verify().await;
}

#[tokio::test]
async fn list_resource_locations_decodes() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/resourcelocations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [
                {
                    "id": "rl-1",
                    "name": "Frankfurt",
                    "internalOnly": false,
                    "timeZone": "W. Europe Standard Time",
                    "readOnly": true,
                    "connectors": 2
                },
                {"id": "rl-2", "name": "Tokyo"}
            ]
        })))
        .mount(&server)
        .await;

    let answer = client(&server).list_resource_locations().await.unwrap();

    let items = answer.items.expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].id.as_deref(), Some("rl-1"));
    assert_eq!(items[0].name.as_deref(), Some("Frankfurt"));
    assert_eq!(items[0].internal_only, Some(false));
    assert_eq!(
        items[0].time_zone.as_deref(),
        Some("W. Europe Standard Time")
    );
    assert_eq!(items[0].read_only, Some(true));
    assert_eq!(items[1].name.as_deref(), Some("Tokyo"));
    assert_eq!(items[1].read_only, None);

    let request = only_request(&server, "GET", "/resourcelocations").await;
    assert_api_headers(&request);
}

#[tokio::test]
async fn get_resource_location_decodes() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/resourcelocations/rl-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "rl-1", "name": "Frankfurt", "internalOnly": true, "timeZone": "UTC"
        })))
        .mount(&server)
        .await;

    let location = client(&server).get_resource_location("rl-1").await.unwrap();

    assert_eq!(location.id.as_deref(), Some("rl-1"));
    assert_eq!(location.name.as_deref(), Some("Frankfurt"));
    assert_eq!(location.internal_only, Some(true));
    assert_eq!(location.time_zone.as_deref(), Some("UTC"));

    let request = only_request(&server, "GET", "/resourcelocations/rl-1").await;
    assert_api_headers(&request);
}

#[tokio::test]
async fn list_notifications_tolerates_unknown_severities_and_fields() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/notifications"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [
                {"id": "n1", "title": "Maintenance", "description": "Sunday",
                 "severity": "Information", "createdDate": "2024-05-01T12:00:00Z"},
                {"id": "n2", "title": "Disk almost full", "severity": "Warning"},
                {"id": "n3", "title": "Connector down", "severity": "Critical"},
                {
                    "id": "n4",
                    "title": "Something new",
                    "severity": "Emergency",
                    "destinationAdmin": "*",
                    "component": "Citrix Cloud",
                    "eventId": "e-1",
                    "priority": 1,
                    "content": [{
                        "languageTag": "en-US",
                        "title": "Something new",
                        "description": "details",
                        "detailUri": "https://example.invalid/n4"
                    }],
                    "categories": ["platform"],
                    "data": {"any": ["thing"]},
                    "externalId": "ext-4"
                }
            ],
            "continuationToken": null
        })))
        .mount(&server)
        .await;

    let answer = client(&server).list_notifications().await.unwrap();

    let items = answer.items.expect("items");
    let severities: Vec<_> = items.iter().map(|n| n.severity.clone()).collect();
    assert_eq!(
        severities,
        [
            Some(NotificationSeverity::Information),
            Some(NotificationSeverity::Warning),
            Some(NotificationSeverity::Critical),
            Some(NotificationSeverity::Unknown("Emergency".to_owned())),
        ]
    );
    assert_eq!(items[3].severity.as_ref().unwrap().as_str(), "Emergency");
    assert_eq!(items[3].title.as_deref(), Some("Something new"));
    assert_eq!(items[0].description.as_deref(), Some("Sunday"));
    assert_eq!(
        items[0].created_date,
        Some(timestamp("2024-05-01T12:00:00Z"))
    );

    let request = only_request(&server, "GET", "/notifications").await;
    assert_api_headers(&request);
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_into_one_segment() {
    let server = start().await;
    // wiremock's `path` matcher compares `Url::path()`, which is the raw, still encoded path.
    for (raw_path, id) in [
        ("/serviceprincipals/a%2F..%2Fb", "a/../b"),
        ("/serviceprincipals/x%3Fy%23z", "x?y#z"),
    ] {
        Mock::given(method("GET"))
            .and(path(raw_path))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": id})))
            .mount(&server)
            .await;
    }
    let client = client(&server);

    let first = client.get_service_principal("a/../b").await.unwrap();
    let second = client.get_service_principal("x?y#z").await.unwrap();

    assert_eq!(first.id.as_deref(), Some("a/../b"));
    assert_eq!(second.id.as_deref(), Some("x?y#z"));
    let api: Vec<_> = received(&server)
        .await
        .into_iter()
        .filter(|r| r.url.path() != TOKEN_PATH)
        .collect();
    let seen: Vec<_> = api
        .iter()
        .map(|r| (r.url.path(), r.url.query(), r.url.fragment()))
        .collect();
    assert_eq!(
        seen,
        [
            ("/serviceprincipals/a%2F..%2Fb", None, None),
            ("/serviceprincipals/x%3Fy%23z", None, None),
        ]
    );
}

#[tokio::test]
async fn a_dot_dot_path_parameter_is_refused_before_sending() {
    let server = start().await;
    let err = client(&server)
        .get_service_principal("..")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Encode {
                operation: Some("getServicePrincipal"),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains(".."), "{err}");
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn a_non_json_error_body_keeps_the_raw_body_and_status() {
    let server = start().await;
    let page = "<html><head><title>502 Bad Gateway</title></head>\
                <body><h1>Bad Gateway</h1><p>upstream went away</p></body></html>";
    Mock::given(method("POST"))
        .and(path("/serviceprincipals"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;

    let err = client(&server)
        .create_service_principal(&CreateServicePrincipalRequest::new("x"))
        .await
        .unwrap_err();

    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}");
    };
    assert_eq!(api.status(), 502);
    assert_eq!(api.operation(), "createServicePrincipal");
    assert_eq!(api.raw_body(), page);
    assert!(api.body().is_none());
    assert!(api.problem().is_none());
    // Without a server id, the id this client sent is reported.
    let sent = only_request(&server, "POST", "/serviceprincipals").await;
    let sent_id = assert_api_headers(&sent).to_string();
    assert_eq!(api.request_id(), Some(sent_id.as_str()));
    let text = err.to_string();
    for part in [
        "createServicePrincipal",
        "502",
        "Bad Gateway",
        "upstream went away",
    ] {
        assert!(text.contains(part), "{part:?} missing from {text:?}");
    }
}

#[tokio::test]
async fn get_access_token_decode_errors_do_not_quote_the_token() {
    let server = common::start().await;
    // Valid JSON that no `TokenResponse` can hold: the decode error must not quote the body,
    // which holds the access token.
    Mock::given(method("POST"))
        .and(path("/cctrustoauth2/root/tokens/clients"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "bearer", "access_token": "zzTOKENzz", "expires_in": {"seconds": 3600}
        })))
        .mount(&server)
        .await;
    let body = GetAccessTokenRequest::new(
        GetAccessTokenRequestGrantType::ClientCredentials,
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    );
    let err = client(&server)
        .get_access_token("root", &body)
        .await
        .expect_err("an object is not a token lifetime");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("zzTOKENzz"), "the token leaked: {shown}");
}

#[tokio::test]
async fn get_access_token_accepts_a_fractional_lifetime() {
    let server = common::start().await;
    Mock::given(method("POST"))
        .and(path("/cctrustoauth2/root/tokens/clients"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "bearer", "access_token": "zzTOKENzz", "expires_in": 3599.5
        })))
        .mount(&server)
        .await;
    let body = GetAccessTokenRequest::new(
        GetAccessTokenRequestGrantType::ClientCredentials,
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    );
    let token = client(&server).get_access_token("root", &body).await.unwrap();
    assert_eq!(token.expires_in, Some(TokenResponseExpiresIn::Number(3599.5)));
    assert_eq!(token.access_token.as_ref().map(|t| t.expose()), Some("zzTOKENzz"));
}

#[tokio::test]
async fn a_typed_error_body_is_readable_as_its_type() {
    let server = common::start().await;
    Mock::given(method("POST"))
        .and(path("/cctrustoauth2/root/tokens/clients"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client", "error_description": "Invalid client credentials"
        })))
        .mount(&server)
        .await;
    let body = GetAccessTokenRequest::new(
        GetAccessTokenRequestGrantType::ClientCredentials,
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    );
    let err = client(&server).get_access_token("root", &body).await.unwrap_err();
    let api = err.as_api_error().expect("a 401 answer is an API error");
    assert_eq!(api.status(), 401);
    let typed: citrix_cloud::types::OAuthError = api.body_as().expect("a JSON body").unwrap();
    assert_eq!(typed.error.as_deref(), Some("invalid_client"));
    assert_eq!(typed.error_description.as_deref(), Some("Invalid client credentials"));
}
