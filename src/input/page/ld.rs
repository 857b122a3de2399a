//! The article node of a saved page's JSON-LD (Yoast's and Rank Math's `@graph`, with nodes
//! referenced by `@id`): the headline, dates, author, sections, keywords, image and site name
//! it gives.

use serde_json::Value;

use crate::jsonld::is_type;

/// The article node of the page's JSON-LD, and what it references.
#[derive(Default)]
pub(super) struct LdArticle {
    pub(super) headline: Option<String>,
    pub(super) published: Option<String>,
    pub(super) modified: Option<String>,
    pub(super) author: Option<String>,
    pub(super) sections: Vec<String>,
    pub(super) keywords: Vec<String>,
    pub(super) image: Option<String>,
    pub(super) site_name: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "BlogPosting",
    "NewsArticle",
    "TechArticle",
    "Report",
    "ScholarlyArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "Recipe",
    "HowTo",
    "MedicalWebPage",
];

impl LdArticle {
    pub(super) fn read(blocks: &[Value]) -> LdArticle {
        let mut nodes: Vec<&Value> = Vec::new();
        for b in blocks {
            collect_nodes(b, &mut nodes, 0);
        }
        let by_id = |id: &str| {
            nodes
                .iter()
                .copied()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
        };
        let resolve = |v: &'_ Value| -> Option<Value> {
            match v.get("@id").and_then(Value::as_str) {
                Some(id) if v.as_object().is_some_and(|o| o.len() == 1) => by_id(id).cloned(),
                _ => Some(v.clone()),
            }
        };
        let mut a = LdArticle::default();
        let article = nodes
            .iter()
            .copied()
            .find(|n| ARTICLE_TYPES.iter().any(|t| is_type(n, t)))
            .or_else(|| nodes.iter().copied().find(|n| is_type(n, "WebPage")));
        if let Some(art) = article {
            a.headline = str_field(art, "headline").or_else(|| {
                (!is_type(art, "WebPage"))
                    .then(|| str_field(art, "name"))
                    .flatten()
            });
            a.published = str_field(art, "datePublished");
            a.modified = str_field(art, "dateModified");
            a.author = art.get("author").and_then(|au| {
                let first = match au {
                    Value::Array(x) => x.first()?,
                    v => v,
                };
                match first {
                    Value::String(s) => Some(s.trim().to_string()),
                    v => str_field(&resolve(v)?, "name"),
                }
            });
            a.sections = strings(art.get("articleSection"));
            a.keywords = strings(art.get("keywords"));
            a.image = art.get("image").and_then(|i| {
                let i = match i {
                    Value::Array(x) => x.first()?,
                    v => v,
                };
                match i {
                    Value::String(s) => Some(s.clone()),
                    v => {
                        let v = resolve(v)?;
                        str_field(&v, "url").or_else(|| str_field(&v, "contentUrl"))
                    }
                }
            });
            if a.published.is_none()
                && let Some(page) = art.get("isPartOf").and_then(resolve)
            {
                a.published = str_field(&page, "datePublished");
                a.modified = a.modified.or_else(|| str_field(&page, "dateModified"));
            }
        }
        a.site_name = nodes
            .iter()
            .find(|n| is_type(n, "WebSite"))
            .and_then(|n| str_field(n, "name"));
        a
    }
}

/// Every object node of a JSON-LD block (`@graph` members, arrays), bounded in depth.
fn collect_nodes<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 || out.len() > 10_000 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_nodes(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect_nodes(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(crate::text::html_to_text)
        .filter(|s| !s.is_empty())
}

/// A string or a list of strings (`keywords` may also be one comma-separated string).
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}
