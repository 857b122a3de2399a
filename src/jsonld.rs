//! Values read from schema.org JSON-LD: the `schema` of Yoast's `yoast_head_json` (REST
//! input) and the `application/ld+json` scripts of a post's content. Nodes are found by
//! their `@type` anywhere in the value, including an `@graph`.

use serde_json::Value;

use crate::article::{FaqEntry, push_faq_entry};
use crate::text::html_to_text;

/// FAQ entries from JSON-LD (a FAQPage anywhere in the value, including an `@graph`, or
/// loose Question nodes as Yoast writes them). Answers are HTML and become plain text.
pub(crate) fn faq(v: &Value, out: &mut Vec<FaqEntry>) {
    let mut stack = vec![v];
    // Bounded: JSON-LD is small, but never trust its depth.
    let mut budget = 10_000;
    while let Some(v) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if is_type(v, "Question") {
                    let question = o.get("name").and_then(Value::as_str).unwrap_or("");
                    let answer = o
                        .get("acceptedAnswer")
                        .map(|a| match a {
                            Value::Array(x) => x.first().unwrap_or(a),
                            _ => a,
                        })
                        .and_then(|a| a.get("text"))
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let e = FaqEntry {
                        question: html_to_text(question),
                        answer: html_to_text(answer),
                        anchor: None,
                    };
                    push_faq_entry(out, e);
                    continue;
                }
                for key in ["@graph", "mainEntity", "hasPart"] {
                    if let Some(x) = o.get(key) {
                        stack.push(x);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a JSON-LD node is of type `t` (`@type` a string or a list).
pub(crate) fn is_type(v: &Value, t: &str) -> bool {
    match v.get("@type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
        _ => false,
    }
}
