//! Helpers shared by the command-line tests: the binary, the fixtures, and reading its NDJSON.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A file under `fixtures/`.
pub fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(p)
}

/// The `wpclean` binary of this build.
pub fn wpclean() -> Command {
    Command::cargo_bin("wpclean").unwrap()
}

/// Each line of NDJSON output, parsed.
pub fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// The `id` of each article of NDJSON output.
pub fn ids(out: &[u8]) -> Vec<u64> {
    lines(out)
        .iter()
        .map(|v| v["id"].as_u64().unwrap())
        .collect()
}
