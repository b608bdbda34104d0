//! A service principal round trip: create one, read it back, delete it, printing each step.
//!
//! ```text
//! export CITRIX_CLOUD_CUSTOMER_ID=... CITRIX_CLOUD_CLIENT_ID=... CITRIX_CLOUD_CLIENT_SECRET=...
//! cargo run -p citrix-cloud --example service_principals [display-name]
//! ```
//!
//! Same environment as the quickstart (`CITRIX_CLOUD_REGION`, `CITRIX_CLOUD_BASE_URL` optional).

mod common;

use std::error::Error;
use std::process::ExitCode;

use citrix_cloud::types::CreateServicePrincipalRequest;

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code(run().await)
}

async fn run() -> Result<(), Box<dyn Error>> {
    let client = common::client_from_env()?;
    let name = std::env::args().nth(1).unwrap_or_else(|| "citrix-cloud-rust example".to_owned());

    let created = client
        .create_service_principal(&CreateServicePrincipalRequest::new(name))
        .await?;
    let id = created.id.clone().ok_or("the service answered without an id")?;
    println!(
        "created  {id}: {} (client id {})",
        created.display_name.as_deref().unwrap_or("<unnamed>"),
        created.client_id.as_deref().unwrap_or("-")
    );

    let fetched = client.get_service_principal(&id).await?;
    let created_at = fetched.created_at.map_or_else(|| "unknown".to_owned(), |t| t.to_string());
    println!(
        "fetched  {id}: {} (created {created_at})",
        fetched.display_name.as_deref().unwrap_or("<unnamed>")
    );

    client.delete_service_principal(&id).await?;
    println!("deleted  {id}");
    Ok(())
}
