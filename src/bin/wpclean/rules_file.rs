//! `--rules FILE`: the caller's rule rows from a TOML or JSON file.
//!
//! TOML holds `[[rule]]` tables; JSON (a `.json` file, or any starting with `{`) an object
//! `{"rule": [...]}`, or in a `.json` file a bare array. Each row
//! is read on its own, so that a mistake is reported with the file, the rule's position and
//! its name.

use std::path::Path;

use anyhow::{Context as _, bail};
use serde::de::DeserializeOwned;
use wpclean::RuleRow;

/// The rows of a rules file, in order.
pub fn read(path: &Path) -> anyhow::Result<Vec<RuleRow>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the rules file {}", path.display()))?;
    let file = path.display();
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{');
    if json {
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("rules file {file}: not valid JSON: {e}"))?;
        let items = match value {
            serde_json::Value::Array(items) => items,
            serde_json::Value::Object(mut top) => {
                let rows = top.remove("rule");
                if let Some(key) = top.keys().next() {
                    bail!(
                        "rules file {file}: unknown key {key:?} (the file holds a \"rule\" list)"
                    );
                }
                match rows {
                    Some(serde_json::Value::Array(items)) => items,
                    _ => bail!("rules file {file}: \"rule\" must be a list of rules"),
                }
            }
            _ => bail!("rules file {file}: expected a list of rules"),
        };
        rows(
            path,
            items,
            |v| v.get("name").and_then(|n| n.as_str()).map(str::to_string),
            |v| serde_json::from_value(v).map_err(|e| e.to_string()),
        )
    } else {
        let mut top: toml::Table = toml::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "rules file {file}: not valid TOML: {}",
                e.to_string().trim_end()
            )
        })?;
        let rows_value = top.remove("rule");
        if let Some(key) = top.keys().next() {
            bail!("rules file {file}: unknown key `{key}` (the file holds `[[rule]]` tables)");
        }
        let items = match rows_value {
            Some(toml::Value::Array(items)) => items,
            None => Vec::new(),
            Some(_) => bail!("rules file {file}: `rule` must be `[[rule]]` tables"),
        };
        rows(
            path,
            items,
            |v| v.get("name").and_then(|n| n.as_str()).map(str::to_string),
            |v| v.try_into().map_err(|e: toml::de::Error| e.to_string()),
        )
    }
}

/// Each item as a row, or the first mistake with the rule's position (from 1) and name.
fn rows<V, T: DeserializeOwned>(
    path: &Path,
    items: Vec<V>,
    name: impl Fn(&V) -> Option<String>,
    parse: impl Fn(V) -> Result<T, String>,
) -> anyhow::Result<Vec<T>> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let named = name(&item).map_or(String::new(), |n| format!(" ({n:?})"));
            parse(item).map_err(|e| {
                anyhow::anyhow!(
                    "rules file {}: rule {}{named}: {}",
                    path.display(),
                    i + 1,
                    e.trim_end()
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(name: &str, text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        format!("{:#}", read(&path).unwrap_err())
    }

    #[test]
    fn mistakes_name_the_file_the_rule_and_the_mistake() {
        let e = error_of(
            "site.toml",
            "[[rule]]\nname = \"ok\"\nclass = \"promo\"\n\n[[rule]]\nname = \"two\"\nclass = \"a\"\nid = \"b\"\n",
        );
        assert!(e.contains("site.toml"), "{e}");
        assert!(e.contains("rule 2 (\"two\")"), "{e}");
        assert!(e.contains("not `class` and `id`"), "{e}");
        let e = error_of("site.toml", "[[rule]]\nname = \"typo\"\nclas = \"promo\"\n");
        assert!(
            e.contains("rule 1 (\"typo\")") && e.contains("unknown field `clas`"),
            "{e}"
        );
        let e = error_of(
            "site.json",
            r#"{"rule": [{"name": "g", "class": "x", "group": "adverts"}]}"#,
        );
        assert!(
            e.contains("site.json: rule 1 (\"g\")") && e.contains("unknown `group` \"adverts\""),
            "{e}"
        );
        let e = error_of("site.json", r#"[{"class": "x"}]"#);
        assert!(e.contains("rule 1:") && e.contains("no `name`"), "{e}");
        let e = error_of("site.toml", "rules = []\n");
        assert!(e.contains("unknown key `rules`"), "{e}");
        let e = error_of("site.toml", "[[rule]\n");
        assert!(e.contains("site.toml: not valid TOML"), "{e}");
    }
}
