//! `wpclean schema`, `wpclean completions` and `wpclean man`: generated from the types and
//! the argument definitions, and true to what wpclean writes.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn wpclean() -> Command {
    Command::cargo_bin("wpclean").unwrap()
}

fn stdout(args: &[&str]) -> Vec<u8> {
    wpclean()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

fn schema(kind: &str) -> Value {
    serde_json::from_slice(&stdout(&["schema", kind])).expect("the schema is JSON")
}

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// Checks each value against the schema, and that its fields are exactly the schema's
/// (which requires all of them: wpclean writes every field).
fn check_all(schema: &Value, values: &[Value], what: &str) {
    let validator = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort();
    let mut properties: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    properties.sort();
    assert_eq!(required, properties, "every field is required");
    for (i, v) in values.iter().enumerate() {
        let errors: Vec<String> = validator
            .iter_errors(v)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{what} #{i} (id {}): {errors:#?}",
            v["id"]
        );
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, properties, "{what} #{i}");
    }
}

#[test]
fn schema_field_names_are_the_json_names() {
    let article = schema("article");
    assert_eq!(article["title"], "Article");
    let props = article["properties"].as_object().unwrap();
    // `kind` is written as `type`.
    assert!(props.contains_key("type") && !props.contains_key("kind"));
    assert!(props["headings"]["description"].is_string());
    let record = schema("record");
    assert_eq!(record["title"], "IndexRecord");
    assert!(
        record["properties"]
            .as_object()
            .unwrap()
            .contains_key("type")
    );
}

#[test]
fn the_seed_post_and_its_records_match_the_schemas() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seed-post.json");
    let wxr = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/wxr/sample.xml");
    let articles = lines(&stdout(&[seed, wxr, "-q"]));
    assert_eq!(articles.len(), 3);
    check_all(&schema("article"), &articles, "article");
    let records = lines(&stdout(&["records", seed, wxr, "-q", "--max-chars", "300"]));
    assert!(records.len() > 10);
    check_all(&schema("record"), &records, "record");
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn every_article_of_the_shared_corpus_matches_the_schema() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(corpus.is_dir(), "{} is missing", corpus.display());
    let o = wpclean().arg(&corpus).arg("-q").output().unwrap();
    assert!(matches!(o.status.code(), Some(0) | Some(1)), "{o:?}");
    let articles = lines(&o.stdout);
    assert!(articles.len() > 300, "{} articles", articles.len());
    check_all(&schema("article"), &articles, "article");
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef wpclean"),
        ("fish", "complete -c wpclean"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = String::from_utf8(stdout(&["completions", shell])).unwrap();
        assert!(script.contains(marker), "{shell}");
        // Subcommands and options come from the argument definitions.
        assert!(
            script.contains("records") && script.contains("since"),
            "{shell}"
        );
    }
    wpclean()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("possible values"));
}

#[test]
fn man_page() {
    let page = String::from_utf8(stdout(&["man"])).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH wpclean"),
        "{page:.200}"
    );
    assert!(page.contains(".TH wpclean"));
    for option in ["drop", "config", "since", "records", "schema"] {
        assert!(page.contains(option), "{option} missing from the man page");
    }
}
