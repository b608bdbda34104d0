//! Prints the customer's notifications grouped by severity, most severe first.
//!
//! ```text
//! export CITRIX_CLOUD_CUSTOMER_ID=... CITRIX_CLOUD_CLIENT_ID=... CITRIX_CLOUD_CLIENT_SECRET=...
//! cargo run -p citrix-cloud --example notifications
//! ```
//!
//! Same environment as the quickstart (`CITRIX_CLOUD_REGION`, `CITRIX_CLOUD_BASE_URL` optional).

mod common;

use std::collections::BTreeMap;
use std::error::Error;
use std::process::ExitCode;

use citrix_cloud::types::{Notification, NotificationSeverity};

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(run().await)
}

/// Sort key: most severe first; severities this crate does not know come after the known
/// ones, then notifications without a severity.
fn rank(severity: Option<&NotificationSeverity>) -> (u8, String) {
    match severity {
        Some(NotificationSeverity::Critical) => (0, String::new()),
        Some(NotificationSeverity::Warning) => (1, String::new()),
        Some(NotificationSeverity::Information) => (2, String::new()),
        Some(other) => (3, other.to_string()),
        None => (4, String::new()),
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    let client = common::client_from_env()?;
    let notifications = client.list_notifications().await?.items.unwrap_or_default();

    let mut groups: BTreeMap<(u8, String), Vec<Notification>> = BTreeMap::new();
    for notification in notifications {
        groups.entry(rank(notification.severity.as_ref())).or_default().push(notification);
    }
    if groups.is_empty() {
        println!("No notifications.");
    }
    for (_, group) in groups {
        let label = group[0].severity.as_ref().map_or("No severity", |s| s.as_str()).to_owned();
        println!("{label} ({}):", group.len());
        for notification in group {
            let when = notification.created_date.map_or_else(String::new, |t| format!(" [{t}]"));
            println!("  {}{when}", notification.title.as_deref().unwrap_or("<untitled>"));
        }
    }
    Ok(())
}
