//! The hand-written runtime in `generator/runtime/`, embedded in the generator and copied
//! verbatim next to every crate as the crate `runtime/` (its `lib.rs` is the crate root).

macro_rules! runtime_files {
    ($($name:literal),* $(,)?) => {
        /// File name → contents.
        pub const FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../runtime/", $name)))),*
        ];
    };
}

runtime_files!(
    "auth.rs",
    "binary.rs",
    "body.rs",
    "builder.rs",
    "call.rs",
    "cli.rs",
    "client.rs",
    "client_tests.rs",
    "credentials.rs",
    "description.rs",
    "encode.rs",
    "enums.rs",
    "error.rs",
    "lib.rs",
    "mock.rs",
    "multipart.rs",
    "nullable.rs",
    "pagination.rs",
    "params.rs",
    "params_tests.rs",
    "redact.rs",
    "request.rs",
    "retry.rs",
    "setters.rs",
    "timestamp.rs",
    "wrapper.rs",
);

#[cfg(test)]
mod tests {
    use super::FILES;

    #[test]
    fn every_runtime_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded, "update runtime_files! in generator/src/emit/runtime.rs");
    }
}
