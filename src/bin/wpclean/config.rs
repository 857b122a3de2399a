//! `--config FILE`: options from a TOML file, its keys spelled as the long options
//! (`drop = [".promo"]`, `no = ["social"]`, `max-depth = 256`).
//!
//! The file is read into [`Config`] (unknown keys and wrong types are errors naming the key
//! and the file), then turned into command-line arguments placed after the user's own, so
//! that clap checks every value exactly as it checks a flag. An option given on the command
//! line replaces the file's value for that option, lists included. A key the running command
//! does not have (`max-chars` when cleaning) is left unused, so one file serves every command.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::CommandFactory as _;
use clap::parser::ValueSource;
use serde::{Deserialize, Serialize};

use crate::args::Cli;

/// Every key a config file may hold. A new option is one line here.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Config {
    // Reading.
    input_format: Option<String>,
    jobs: Option<usize>,
    quiet: Option<bool>,
    errors: Option<PathBuf>,
    fail_fast: Option<bool>,
    url: Option<String>,
    since: Option<String>,
    until: Option<String>,
    status: Option<Vec<String>>,
    include_protected: Option<bool>,
    all_page_kinds: Option<bool>,
    comments: Option<bool>,
    keep_duplicates: Option<bool>,
    verbose: Option<bool>,
    // Cleaning.
    no: Option<Vec<String>>,
    drop: Option<Vec<String>>,
    keep: Option<Vec<String>>,
    rules: Option<PathBuf>,
    iframe_host: Option<Vec<String>>,
    max_post_bytes: Option<usize>,
    max_html_bytes: Option<usize>,
    max_depth: Option<usize>,
    max_elements: Option<usize>,
    max_table_cells: Option<usize>,
    // Output.
    format: Option<String>,
    output: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    fields: Option<Vec<String>>,
    // Records and the embedded index.
    max_chars: Option<usize>,
    overlap: Option<usize>,
    es_index: Option<String>,
    index: Option<PathBuf>,
    // Search.
    limit: Option<usize>,
    category: Option<String>,
    tag: Option<String>,
    json: Option<bool>,
}

/// The command line with the config file's options added, and the file they came from
/// (`None` when no `--config` was given).
pub fn with_config(argv: Vec<OsString>) -> anyhow::Result<(Vec<OsString>, Option<PathBuf>)> {
    // A lenient first look: which command runs, where the config is, and which options
    // the user gave. Real errors are reported by the full parse that follows.
    let root = Cli::command();
    let Ok(probe) = root.clone().ignore_errors(true).try_get_matches_from(&argv) else {
        return Ok((argv, None));
    };
    let (command, matches) = match probe.subcommand() {
        Some((name, m)) => match root.find_subcommand(name) {
            Some(c) => (c.clone(), m),
            None => return Ok((argv, None)),
        },
        None => (root.clone(), &probe),
    };
    let Some(path) = matches
        .try_get_one::<PathBuf>("config")
        .ok()
        .flatten()
        .or_else(|| probe.try_get_one::<PathBuf>("config").ok().flatten())
        .cloned()
    else {
        return Ok((argv, None));
    };
    let table = read(&path)?;

    let mut added = Vec::new();
    for (key, value) in &table {
        let Some(arg) = command
            .get_arguments()
            .find(|a| a.get_long() == Some(key.as_str()) && !a.is_hide_set())
        else {
            continue;
        };
        if matches.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine) {
            continue;
        }
        let values = match value {
            toml::Value::Boolean(true) => {
                added.push(OsString::from(format!("--{key}")));
                continue;
            }
            toml::Value::Boolean(false) => continue,
            toml::Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for v in values {
            let v = match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            added.push(OsString::from(format!("--{key}={v}")));
        }
    }
    // After the user's options, before a `--` that ends them.
    let at = argv
        .iter()
        .skip(1)
        .position(|a| a == "--")
        .map_or(argv.len(), |i| i + 1);
    let mut out = argv;
    out.splice(at..at, added);
    Ok((out, Some(path)))
}

/// The file's keys and values, checked against [`Config`].
fn read(path: &Path) -> anyhow::Result<toml::Table> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the config file {}", path.display()))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "config file {}: {}",
            path.display(),
            e.to_string().trim_end()
        )
    })?;
    Ok(toml::Table::try_from(&config)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys, as serde lists them when refusing an unknown one.
    fn keys() -> Vec<String> {
        let err = toml::from_str::<Config>("no-such-key = 1")
            .unwrap_err()
            .to_string();
        let list = &err[err.find("expected one of").expect("serde lists the fields")..];
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_keys_are_the_long_options() {
        let root = Cli::command();
        let mut longs: Vec<String> = std::iter::once(&root)
            .chain(root.get_subcommands())
            .flat_map(|c| c.get_arguments())
            .filter(|a| !a.is_hide_set())
            .filter_map(|a| a.get_long().map(str::to_string))
            .filter(|l| !matches!(l.as_str(), "config" | "help" | "version"))
            .collect();
        longs.sort();
        longs.dedup();
        let mut keys = keys();
        keys.sort();
        assert_eq!(keys, longs);
    }
}
