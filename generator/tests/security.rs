//! The model of security schemes and requirements, from the documents of
//! `tests/cases/auth/` (their behaviour is tested by the corpus test).

use std::path::{Path, PathBuf};

use generator::model::{self, ApiKeyLocation, Requirement, SchemeKind};
use generator::load;

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/auth").join(name)
}

fn build(name: &str) -> model::Api {
    let document = load::load_file(&case(name), None).unwrap();
    model::build(&document).unwrap()
}

#[test]
fn models_of_the_auth_cases() {
    for name in ["01-apikey-auth.yaml", "02-every-scheme-and-requirement.yaml", "03-mutual-tls.yaml"] {
        insta::assert_debug_snapshot!(format!("model-auth-{name}"), build(name));
    }
}

#[test]
fn schemes_and_requirements_per_operation() {
    let api = build("02-every-scheme-and-requirement.yaml");
    let names: Vec<&str> = api.security_schemes.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["authCode", "basicAuth", "clientCredentials", "cookieKey", "jwt", "keyHeader", "keyQuery", "oidc"]
    );
    let index = |name: &str| names.iter().position(|n| *n == name).unwrap();
    let requirement = |schemes: &[&str]| Requirement { schemes: schemes.iter().map(|s| index(s)).collect() };
    let security = |id: &str| api.operations.iter().find(|op| op.id == id).unwrap().security.clone();
    assert_eq!(security("getCookie"), [requirement(&["cookieKey"])], "top-level requirement");
    assert_eq!(security("getBearer"), [requirement(&["jwt"])], "override");
    assert_eq!(security("getEither"), [requirement(&["keyHeader"]), requirement(&["basicAuth"])]);
    assert_eq!(security("getBoth"), [requirement(&["keyHeader", "keyQuery"])]);
    assert_eq!(security("getOpen"), []);
    assert_eq!(security("getOptional"), [requirement(&[]), requirement(&["keyHeader"])]);

    let kind = |name: &str| &api.security_schemes[index(name)].kind;
    assert_eq!(*kind("cookieKey"), SchemeKind::ApiKey { location: ApiKeyLocation::Cookie, name: "session_key".into() });
    assert_eq!(*kind("jwt"), SchemeKind::Bearer { format: Some("JWT".into()), template: None });
    assert_eq!(
        *kind("clientCredentials"),
        SchemeKind::ClientCredentials {
            token_url: "/oauth/token".into(),
            scopes: vec!["reports:read".into(), "reports:write".into()],
            secret_in_basic: true,
            template: None,
        }
    );
    assert_eq!(*kind("oidc"), SchemeKind::TokenSource { template: None });
    assert_eq!(*kind("authCode"), SchemeKind::TokenSource { template: None });
}

#[test]
fn reserved_header_parameters_are_ignored() {
    let api = build("02-every-scheme-and-requirement.yaml");
    let op = api.operations.iter().find(|op| op.id == "getReserved").unwrap();
    let params: Vec<&str> = op.params.iter().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(params, ["X-Trace"]);
    // Not even as client parameters, although every authenticated operation of a document
    // may declare them.
    assert!(api.client_parameters.is_empty());
}

#[test]
fn mutual_tls_is_a_scheme_of_its_own() {
    let api = build("03-mutual-tls.yaml");
    let scheme = api.security_schemes.iter().find(|s| s.name == "clientCert").unwrap();
    assert_eq!(scheme.kind, SchemeKind::MutualTls);
    assert_eq!(scheme.setter, "client_cert");
    assert_eq!(scheme.description.as_deref(), Some("The client certificate issued to your organisation."));
}
