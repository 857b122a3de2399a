//! The compiled table: against the hand-written rules it replaced, on every element of the
//! fixtures and the shared corpus, and on single elements.

use std::path::{Path, PathBuf};

use super::*;
use crate::clean::view_of;
use crate::dom::sink::{Attrs, parse_fragment};
use crate::dom::tree::{Data, NodeId};

/// Every file under `dir` with one of these extensions.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for e in entries {
        let path = e.unwrap().path();
        if path.is_dir() {
            files(&path, exts, out);
        } else if path
            .extension()
            .is_some_and(|x| exts.iter().any(|e| x == *e))
        {
            out.push(path);
        }
    }
}

/// The HTML in a file: the file itself, every string holding a tag in a JSON file, every
/// CDATA section of an XML file.
fn html_of(path: &Path) -> Vec<String> {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => {
            let mut out = Vec::new();
            let mut stack: Vec<serde_json::Value> = match serde_json::from_str(&text) {
                Ok(v) => vec![v],
                // NDJSON.
                Err(_) => text
                    .lines()
                    .filter_map(|l| serde_json::from_str(l).ok())
                    .collect(),
            };
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::String(s) if s.contains('<') => out.push(s),
                    serde_json::Value::Array(a) => stack.extend(a),
                    serde_json::Value::Object(o) => stack.extend(o.into_iter().map(|(_, v)| v)),
                    _ => {}
                }
            }
            out
        }
        Some("xml") => text
            .split("<![CDATA[")
            .skip(1)
            .filter_map(|s| s.split_once("]]>").map(|(c, _)| c.to_string()))
            .filter(|s| s.contains('<'))
            .collect(),
        _ => vec![text],
    }
}

/// The rules with every group on, then with each group off in turn.
fn every_switch() -> Vec<([bool; 7], Rules)> {
    let mut out = vec![([true; 7], Rules::new(&Options::default()).unwrap())];
    for g in RuleGroup::ALL {
        let mut enabled = [true; 7];
        enabled[g as usize] = false;
        out.push((enabled, Rules::new(&Options::default().without(g)).unwrap()));
    }
    out
}

/// Compares the table with the old rules on every element of these files, in every context
/// and with every group switched off in turn; returns how many elements were compared.
fn compare(paths: &[PathBuf]) -> usize {
    let switches = every_switch();
    let contexts = [(false, false), (true, false), (false, true), (true, true)];
    let mut elements = 0;
    let mut mismatches = Vec::new();
    for path in paths {
        for html in html_of(path) {
            let doc = parse_fragment(&html, Attrs::Needed);
            for node in doc.descendants(NodeId::ROOT) {
                let Data::Element(el) = &doc.node(node).data else {
                    continue;
                };
                elements += 1;
                let v = view_of(el);
                if let Some(id) = (!v.id.is_empty()).then_some(v.id)
                    && is_furniture_id(id) != legacy::is_furniture_id(id)
                {
                    mismatches.push(format!("{}: is_furniture_id({id:?})", path.display()));
                }
                for &(in_heading, in_summary) in &contexts {
                    let ctx = Context {
                        in_heading,
                        in_summary,
                    };
                    for (enabled, rules) in &switches {
                        let new = rules.classify(&v, ctx);
                        let old = legacy::classify(&v, ctx, enabled);
                        if new != old && mismatches.len() < 20 {
                            mismatches.push(format!(
                                "{}: {v:?} {ctx:?} {enabled:?}: table {new:?}, old {old:?}",
                                path.display()
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    elements
}

#[test]
fn the_table_decides_as_the_old_rules_on_every_fixture_element() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("fixtures"), &["html", "json", "xml"], &mut paths);
    files(&root.join("tests"), &["html", "json"], &mut paths);
    let n = compare(&paths);
    assert!(n > 5_000, "only {n} elements in the fixtures");
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn the_table_decides_as_the_old_rules_on_every_shared_corpus_element() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut paths = Vec::new();
    files(&shared.join("corpus"), &["html", "json", "xml"], &mut paths);
    paths.push(shared.join("benchmarks/wcxb-wp/dev-rest-posts.json"));
    let n = compare(&paths);
    assert!(n > 100_000, "only {n} elements in the shared corpus");
}

/// Every name the table holds, and variants of it that sit on the edges of its rows: upper
/// case, a prefix or suffix added, digits, a `d` after it.
fn edge_names() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for row in table::rows() {
        match row.key {
            table::Key::Tag(v) | table::Key::ClassWord(v, _) | table::Key::IdWord(v, _) => {
                names.extend(v.iter().map(|s| s.to_string()))
            }
            table::Key::Class(s)
            | table::Key::ClassNumbered(s)
            | table::Key::ClassPrefix(s)
            | table::Key::ClassSuffix(s)
            | table::Key::Id(s)
            | table::Key::IdPrefix(s) => names.push(s.to_string()),
            _ => {}
        }
    }
    names.extend(
        [
            "336cb5b64765e27a1a6c1bb71b941f1a",
            "g",
            "fa",
            "my-icon",
            "post-12",
            "tag-related",
            "et_pb_cta_0",
            "author",
            "single-author",
            "author-card",
            "entry-meta",
            "post_item_meta-x",
            "shared",
            "sharedshare",
        ]
        .map(String::from),
    );
    let mut out = Vec::new();
    for n in names {
        out.push(n.to_ascii_uppercase());
        out.push(format!("x-{n}"));
        out.push(format!("{n}-x"));
        out.push(format!("{n}7"));
        out.push(format!("{n}12345678"));
        out.push(format!("{n}d"));
        out.push(n);
    }
    out
}

#[test]
fn the_table_decides_as_the_old_rules_on_the_edges_of_its_rows() {
    let switches = every_switch();
    let names = edge_names();
    let tags = [
        "div", "span", "a", "p", "aside", "ins", "button", "script", "i", "section",
    ];
    let styles = [
        "",
        "display:none",
        "font-size:0;height:0;clear:both",
        "height:0px;font-size:0",
    ];
    let mut compared = 0;
    for (k, name) in names.iter().enumerate() {
        let tag = tags[k % tags.len()];
        let other = &names[(k * 7 + 3) % names.len()];
        let class = format!("{name} {other}");
        let views = [
            View {
                tag,
                class: name,
                ..View::default()
            },
            View {
                tag,
                class: &class,
                id: other,
                style: styles[k % styles.len()],
                data_index: k % 3 == 0,
                advads_prefix: (k % 5 == 0).then_some("x-"),
                aria_hidden: k % 2 == 0,
                role: if k % 4 == 0 { "dialog" } else { "" },
                ..View::default()
            },
            View {
                tag,
                id: name,
                hidden: k % 6 == 0,
                data_ad: k % 7 == 0,
                ..View::default()
            },
        ];
        for v in &views {
            for ctx in [
                Context::default(),
                Context {
                    in_heading: true,
                    in_summary: false,
                },
            ] {
                for (enabled, rules) in &switches {
                    compared += 1;
                    assert_eq!(
                        rules.classify(v, ctx),
                        legacy::classify(v, ctx, enabled),
                        "{v:?} {ctx:?} {enabled:?}"
                    );
                }
            }
            assert_eq!(
                is_furniture_id(v.id),
                legacy::is_furniture_id(v.id),
                "{v:?}"
            );
        }
    }
    assert!(compared > 50_000, "{compared}");
}

/// Every rule of the table (but `custom`, which only the caller's selectors and rows fire)
/// is named by a fixture case under `fixtures/plugins/` that fires it.
#[test]
fn every_built_in_rule_has_a_fixture_that_fires_it() {
    let plugins = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plugins");
    let extractor = crate::Extractor::new(&Options::default()).unwrap();
    let mut fired = std::collections::BTreeSet::new();
    for folder in std::fs::read_dir(&plugins).unwrap() {
        let folder = folder.unwrap().path();
        let Ok(manifest) = std::fs::read_to_string(folder.join("manifest.json")) else {
            continue;
        };
        let group = folder.file_name().unwrap().to_str().unwrap().to_string();
        let cases: Vec<serde_json::Value> = serde_json::from_str(&manifest).unwrap();
        for case in cases {
            if case["kept"] == true {
                continue;
            }
            let file = case["file"].as_str().unwrap();
            let html = std::fs::read_to_string(folder.join(file)).unwrap();
            let article = extractor.extract(&crate::Post::from_html(
                html,
                Some("https://example.com/2024/05/post/"),
            ));
            let rule = case["rule"].as_str().unwrap();
            let group = case["group"].as_str().unwrap_or(&group);
            if article
                .removed
                .iter()
                .any(|r| r.rule == rule && r.group == group)
            {
                fired.insert((group.to_string(), rule.to_string()));
            }
        }
    }
    let mut missing: Vec<String> = table::rows()
        .iter()
        .map(|row| row.rule)
        .filter(|r| r.group != Group::Custom)
        .filter(|r| !fired.contains(&(r.group.name().to_string(), r.name.to_string())))
        .map(|r| format!("{}/{}", r.group.name(), r.name))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "rules no fixture fires: {}",
        missing.join(", ")
    );
}
