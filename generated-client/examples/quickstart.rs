//! Lists the resource locations, service principals and notifications of a Citrix Cloud
//! customer.
//!
//! ```text
//! export CITRIX_CLOUD_CUSTOMER_ID=... CITRIX_CLOUD_CLIENT_ID=... CITRIX_CLOUD_CLIENT_SECRET=...
//! export CITRIX_CLOUD_REGION=eu      # optional: us (default), eu, ap-s or japan
//! cargo run -p citrix-cloud --example quickstart
//! ```
//!
//! `CITRIX_CLOUD_BASE_URL` (optional) sends every request to another base URL, such as a proxy or
//! a test server; it overrides `CITRIX_CLOUD_REGION`.

mod common;

use std::error::Error;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(run().await)
}

async fn run() -> Result<(), Box<dyn Error>> {
    let client = common::client_from_env()?;

    let locations = client.list_resource_locations().await?.items.unwrap_or_default();
    println!("Resource locations ({}):", locations.len());
    for location in &locations {
        print_item(location.name.as_deref(), location.id.as_deref());
    }

    let principals = client.list_service_principals().await?.items.unwrap_or_default();
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
    println!("  {} ({})", label.unwrap_or("<unnamed>"), id.unwrap_or("no id"));
}
