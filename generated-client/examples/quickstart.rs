//! Lists the resource locations, service principals and notifications of a Citrix Cloud
//! customer.
//!
//! ```text
//! export CITRIX_CUSTOMER_ID=... CITRIX_CLIENT_ID=... CITRIX_CLIENT_SECRET=...
//! export CITRIX_REGION=eu      # optional: us (default), eu, ap-s or jp
//! cargo run -p citrix-cloud --example quickstart
//! ```
//!
//! `CITRIX_BASE_URL` (optional) sends every request to another base URL, such as a proxy or
//! a test server; it overrides `CITRIX_REGION`.

use std::error::Error;
use std::process::ExitCode;

use citrix_cloud::{Client, Region};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
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

async fn run() -> Result<(), Box<dyn Error>> {
    let mut builder = Client::builder()
        .customer_id(required("CITRIX_CUSTOMER_ID")?)
        .credentials(
            required("CITRIX_CLIENT_ID")?,
            required("CITRIX_CLIENT_SECRET")?,
        );
    if let Some(url) = optional("CITRIX_BASE_URL") {
        builder = builder.base_url(url);
    } else if let Some(region) = optional("CITRIX_REGION") {
        builder = builder.region(parse_region(&region)?);
    }
    // The client is cheap to clone and reuses one access token for all calls.
    let client = builder.build()?;

    let locations = client
        .list_resource_locations()
        .await?
        .items
        .unwrap_or_default();
    println!("Resource locations ({}):", locations.len());
    for location in &locations {
        print_item(location.name.as_deref(), location.id.as_deref());
    }

    let principals = client
        .list_service_principals()
        .await?
        .items
        .unwrap_or_default();
    println!("Service principals ({}):", principals.len());
    for principal in &principals {
        print_item(principal.display_name.as_deref(), principal.id.as_deref());
    }

    let notifications = client.list_notifications().await?.items.unwrap_or_default();
    println!("Notifications ({}):", notifications.len());
    for notification in &notifications {
        print_item(notification.title.as_deref(), notification.id.as_deref());
    }
    Ok(())
}

fn print_item(label: Option<&str>, id: Option<&str>) {
    println!(
        "  {} ({})",
        label.unwrap_or("<unnamed>"),
        id.unwrap_or("no id")
    );
}

fn required(name: &str) -> Result<String, String> {
    optional(name).ok_or_else(|| format!("the environment variable {name} is not set"))
}

fn optional(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

fn parse_region(value: &str) -> Result<Region, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "us" => Ok(Region::Us),
        "eu" => Ok(Region::Eu),
        "ap-s" => Ok(Region::ApS),
        "jp" => Ok(Region::Japan),
        _ => Err(format!(
            "CITRIX_REGION={value:?} is not a known region: use us, eu, ap-s or jp"
        )),
    }
}
