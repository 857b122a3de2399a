//! Every plugin fixture under `fixtures/plugins/<group>/` (small posts reproducing real plugin
//! markup; see each folder's README for origins) is cleaned and checked against its
//! `manifest.json`: what must go, what must stay, and the expected headings and FAQ.

use std::path::Path;

use serde::Deserialize;
use wpclean::{Article, Extractor, Options, Post};

#[derive(Deserialize)]
struct Case {
    file: String,
    /// The rule that must fire, by name (or, in a `kept` case, must not).
    rule: String,
    /// The rule's group, when it is not the folder's (`scripts`).
    #[serde(default)]
    group: Option<String>,
    /// The case shows what the rule leaves alone.
    #[serde(default)]
    kept: bool,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    present: Vec<String>,
    #[serde(default)]
    headings: Option<Vec<ExpectedHeading>>,
    #[serde(default)]
    faq: Option<Vec<ExpectedFaq>>,
    /// Substrings of the Markdown.
    #[serde(default)]
    markdown: Vec<String>,
}

#[derive(Deserialize)]
struct ExpectedHeading {
    level: u8,
    text: String,
    anchor: Option<String>,
    #[serde(default)]
    alt_anchors: Vec<String>,
}

#[derive(Deserialize)]
struct ExpectedFaq {
    question: String,
    answer: String,
    /// When given, the entry's anchor.
    #[serde(default)]
    anchor: Option<String>,
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_group(group: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/plugins")
        .join(group);
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let cases: Vec<Case> = serde_json::from_str(&manifest).expect("manifest parses");
    assert!(!cases.is_empty());
    let extractor = Extractor::new(&Options::default()).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let html = std::fs::read_to_string(dir.join(&case.file)).expect("fixture file");
        let a = extractor.extract(&Post::from_html(
            html,
            Some("https://example.com/2024/05/post/"),
        ));
        failures.extend(
            check_case(group, case, &a)
                .into_iter()
                .map(|f| format!("{}: {f}", case.file)),
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn check_case(group: &str, case: &Case, a: &Article) -> Vec<String> {
    let mut f = Vec::new();
    let text = norm(&a.text);
    for s in &case.absent {
        if text.contains(&norm(s)) {
            f.push(format!("[{}] {s:?} leaked into text", case.rule));
        }
        if a.markdown.contains(s.as_str()) {
            f.push(format!("[{}] {s:?} leaked into markdown", case.rule));
        }
    }
    for s in &case.present {
        if !text.contains(&norm(s)) {
            f.push(format!("[{}] {s:?} missing from text", case.rule));
        }
    }
    // FAQ fixtures test extraction; every other case names the rule that fires.
    if group != "faq" {
        let group = case.group.as_deref().unwrap_or(group);
        let fired = a
            .removed
            .iter()
            .any(|r| r.group == group && r.rule == case.rule);
        if fired == case.kept {
            f.push(format!(
                "rule {group}/{} {}: removed {:?}",
                case.rule,
                if case.kept { "fired" } else { "did not fire" },
                a.removed
            ));
        }
    }
    if a.html.contains("<script") {
        f.push("a script survived in html".into());
    }
    if let Some(hs) = &case.headings {
        let got: Vec<_> = a
            .headings
            .iter()
            .map(|h| (h.level, h.text.clone(), h.anchor.clone()))
            .collect();
        if got.len() != hs.len() {
            f.push(format!("headings: expected {}, got {got:?}", hs.len()));
        } else {
            for (h, g) in hs.iter().zip(&got) {
                let anchor_ok =
                    g.2 == h.anchor || g.2.as_ref().is_some_and(|x| h.alt_anchors.contains(x));
                if g.0 != h.level || norm(&g.1) != norm(&h.text) || !anchor_ok {
                    f.push(format!(
                        "heading: expected ({}, {:?}, {:?}), got {g:?}",
                        h.level, h.text, h.anchor
                    ));
                }
            }
        }
    }
    if let Some(faq) = &case.faq {
        let got: Vec<_> = a
            .faq
            .iter()
            .map(|e| (norm(&e.question), norm(&e.answer)))
            .collect();
        let want: Vec<_> = faq
            .iter()
            .map(|e| (norm(&e.question), norm(&e.answer)))
            .collect();
        if got != want {
            f.push(format!("faq: expected {want:#?}\ngot {got:#?}"));
        }
        for (e, g) in faq.iter().zip(&a.faq) {
            if e.anchor.is_some() && e.anchor != g.anchor {
                f.push(format!(
                    "[{}] faq {:?}: anchor {:?}, expected {:?}",
                    case.rule, e.question, g.anchor, e.anchor
                ));
            }
        }
    }
    for s in &case.markdown {
        if !a.markdown.contains(s.as_str()) {
            f.push(format!(
                "[{}] {s:?} missing from markdown:\n{}",
                case.rule, a.markdown
            ));
        }
    }
    f
}

#[test]
fn ads() {
    check_group("ads");
}

#[test]
fn toc() {
    check_group("toc");
}

#[test]
fn social() {
    check_group("social");
}

#[test]
fn related() {
    check_group("related");
}

#[test]
fn forms() {
    check_group("forms");
}

#[test]
fn hidden() {
    check_group("hidden");
}

#[test]
fn boilerplate() {
    check_group("boilerplate");
}

#[test]
fn faq() {
    check_group("faq");
}
