//! What every example shares: a client configured from the environment, and error reporting.
//!
//! `CITRIX_CLOUD_CUSTOMER_ID`, `CITRIX_CLOUD_CLIENT_ID` and `CITRIX_CLOUD_CLIENT_SECRET` are required;
//! `CITRIX_CLOUD_REGION` (us, eu, ap-s, japan; us by default) or `CITRIX_CLOUD_BASE_URL` (a
//! proxy or a test server such as Prism; it overrides the region) are optional. These are the
//! variables the crate's command-line tool reads too.

use std::error::Error;
use std::process::ExitCode;

use citrix_cloud::{Client, Region};

/// A client for the customer and service principal named in the environment.
pub fn client_from_env() -> Result<Client, Box<dyn Error>> {
    let mut builder = Client::builder()
        .customer_id(required("CITRIX_CLOUD_CUSTOMER_ID")?)
        .credentials(required("CITRIX_CLOUD_CLIENT_ID")?, required("CITRIX_CLOUD_CLIENT_SECRET")?);
    if let Some(url) = optional("CITRIX_CLOUD_BASE_URL") {
        builder = builder.base_url(url);
    } else if let Some(region) = optional("CITRIX_CLOUD_REGION") {
        builder = builder.region(parse_region(&region)?);
    }
    // The client is cheap to clone and reuses one access token for all calls.
    Ok(builder.build()?)
}

/// Exit status for `result`, printing the error and its causes to stderr.
pub fn exit_code(result: Result<(), Box<dyn Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = error.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

fn required(name: &str) -> Result<String, String> {
    optional(name).ok_or_else(|| format!("the environment variable {name} is not set"))
}

fn optional(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.trim().is_empty())
}

fn parse_region(value: &str) -> Result<Region, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "us" => Ok(Region::Us),
        "eu" => Ok(Region::Eu),
        "ap-s" => Ok(Region::ApS),
        "japan" | "jp" => Ok(Region::Japan),
        _ => Err(format!("CITRIX_CLOUD_REGION={value:?} is not a known region: use us, eu, ap-s or japan")),
    }
}
