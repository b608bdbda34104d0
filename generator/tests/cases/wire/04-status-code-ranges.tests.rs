//! 04-status-code-ranges.yaml: `2XX` beside an explicit `201`.

use wire_04_status_code_ranges::{types::SubmitJobResponse, Client};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

async fn answer(status: u16, body: &str) -> SubmitJobResponse {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    client.submit_job().await.unwrap()
}

#[tokio::test]
async fn the_explicit_code_wins_and_any_other_2xx_decodes_as_the_range() {
    match answer(201, r#"{"jobId": "j1"}"#).await {
        SubmitJobResponse::Created(job) => assert_eq!(job.job_id, "j1"),
        other => panic!("201 should be Created: {other:?}"),
    }
    for status in [200, 202, 299] {
        match answer(status, r#"{"ticket": "t9"}"#).await {
            SubmitJobResponse::OtherSuccess(ticket) => assert_eq!(ticket.ticket, "t9"),
            other => panic!("{status} should be the 2XX answer: {other:?}"),
        }
    }
}

#[tokio::test]
async fn status_and_headers_are_reachable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Location", "/jobs/queue/5")
                .set_body_string(r#"{"ticket": "t5"}"#),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let answer = client.submit_job().send_with_response().await.unwrap();
    assert_eq!(answer.status(), 202);
    assert_eq!(answer.header("location"), Some("/jobs/queue/5"));
    assert!(matches!(answer.into_value(), SubmitJobResponse::OtherSuccess(t) if t.ticket == "t5"));
}
