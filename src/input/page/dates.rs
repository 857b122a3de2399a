//! The published date where the usual places (`article:published_time`, JSON-LD, the
//! theme's `time.entry-date` inside the post) say nothing, in the order of trust:
//! 1. other `<meta>` names that analytics and search tools read (`parsely-pub-date`,
//!    `date`, Dublin Core's `dc.date`);
//! 2. a `time.published` or microdata `datePublished` anywhere on the page, outside other
//!    posts' `post-M` elements (block themes and GenerateBlocks put the post's header outside
//!    its `<article>`);
//! 3. a date printed for readers next to the title (headless front ends, custom themes):
//!    a short line near the title's heading that starts with a date.

use super::text_of;
use crate::dom::Tag;
use crate::dom::tree::{Document, NodeId};

/// `<meta name>` values naming the published date, as written by Parse.ly, Sailthru,
/// Dublin Core and hand-made heads.
const PUBLISHED_META: &[&str] = &[
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.created",
    "dcterms.issued",
];

/// The published date a `<meta>` with `key` (lower-cased) and `value` gives, if its key is
/// one of [`PUBLISHED_META`]: ISO 8601 as written, a date for readers as its day.
pub(super) fn from_meta(key: &str, value: &str) -> Option<String> {
    PUBLISHED_META.contains(&key).then(|| normalise(value))?
}

/// An ISO date as written, else the first date for readers in `value`.
fn normalise(value: &str) -> Option<String> {
    let v = value.trim();
    let iso = v.len() >= 10
        && v.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso {
        Some(v.to_string())
    } else {
        crate::date::from_text(v)
    }
}

/// The first `time.published` / `time.entry-date` or `[itemprop=datePublished]` on the page
/// that is not inside another post's `post-M` (`own` is the post's id, when known).
pub(super) fn published_anywhere(doc: &Document, own: Option<u64>) -> Option<String> {
    let mut walk = doc.descendants(NodeId::ROOT);
    while let Some(n) = walk.next() {
        let Some(el) = doc.element(n) else { continue };
        if super::markers::marks_other_post(el.attr("class"), own) {
            walk.skip_children(n);
            continue;
        }
        let class = el.attr("class").unwrap_or("");
        let has = |c: &str| class.split_ascii_whitespace().any(|x| x == c);
        let value = if el.attr("itemprop").is_some_and(names_published) {
            el.attr("content").or_else(|| el.attr("datetime"))
        } else if el.tag == Tag::Time
            && (has("published") || has("entry-date"))
            && !(has("updated") || has("modified"))
        {
            el.attr("datetime")
        } else {
            None
        };
        if let Some(date) = value.and_then(normalise) {
            return Some(date);
        }
    }
    None
}

/// Whether an `itemprop` names the published date: schema.org's `datePublished`, and the
/// spellings themes make up for it (`published-date`, `publishDate`).
fn names_published(itemprop: &str) -> bool {
    ["datepublished", "published-date", "publishdate", "pubdate"]
        .iter()
        .any(|p| itemprop.trim().eq_ignore_ascii_case(p))
}

/// How far up from the title's heading a date for readers is looked for.
const TITLE_LEVELS: usize = 3;

/// The most text an ancestor of the title may hold and still be the post's header.
const HEADER_TEXT: usize = 1500;

/// The most words a line holding the date may have ("October 16, 2020 · 8 min read").
const DATE_LINE_WORDS: usize = 10;

/// A date printed next to the title: the first short line starting with a date in the
/// title heading's parent, else its grandparent and so on (while these stay a header, not
/// the page). A line that says it is the update's date does not count.
pub(super) fn near_title(doc: &Document, title: &str) -> Option<String> {
    let h1s: Vec<NodeId> = doc
        .descendants(NodeId::ROOT)
        .filter(|&n| doc.element(n).is_some_and(|e| e.tag == Tag::H1))
        .collect();
    let heading = match h1s.as_slice() {
        [only] => *only,
        many => *many.iter().find(|&&n| text_of(doc, n) == title)?,
    };
    let mut at = heading;
    for _ in 0..TITLE_LEVELS {
        at = doc.parent(at)?;
        if text_of(doc, at).len() > HEADER_TEXT {
            return None;
        }
        for n in doc.descendants(at) {
            if doc.node(n).text().is_none() {
                continue;
            }
            let Some(line) = doc.parent(n) else { continue };
            let text = text_of(doc, line);
            if text.split_whitespace().count() > DATE_LINE_WORDS || says_updated(doc, line) {
                continue;
            }
            let first = text.split_whitespace().next().unwrap_or("");
            let starts_with_date = crate::date::from_text(first).is_some()
                || crate::date::from_text(&text).is_some_and(|_| month_first(first));
            if starts_with_date && let Some(date) = crate::date::from_text(&text) {
                return Some(date);
            }
        }
    }
    None
}

/// Whether the line holding `n` says its date is the update's ("Updated", "Last
/// modified", "Reviewed"): `n`'s own text, and its parent's when `n` is inline (`Updated
/// <time>…</time>`).
pub(super) fn says_updated(doc: &Document, n: NodeId) -> bool {
    let says = |n: NodeId| {
        let lower = text_of(doc, n).to_lowercase();
        [
            "updat",
            "modified",
            "reviewed",
            "aktualisiert",
            "mis à jour",
            "actualizado",
        ]
        .iter()
        .any(|w| lower.contains(w))
    };
    says(n)
        || doc.element(n).is_some_and(|e| {
            matches!(
                e.tag,
                Tag::Time | Tag::Span | Tag::Strong | Tag::Em | Tag::B | Tag::Small
            )
        }) && doc.parent(n).is_some_and(says)
}

/// Whether a word is a month's name or its abbreviation, or a day number before one
/// ("16 October 2020").
fn month_first(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_lowercase();
    w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        || [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .any(|m| w.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::sink::{Attrs, parse_document_within};

    fn doc(html: &str) -> Document {
        parse_document_within(html, Attrs::All, crate::limits::bounds(&Default::default())).0
    }

    #[test]
    fn meta_dates_are_kept_as_written_or_read_as_a_day() {
        assert_eq!(
            from_meta("parsely-pub-date", "2020-02-10T16:48:12Z").as_deref(),
            Some("2020-02-10T16:48:12Z")
        );
        assert_eq!(
            from_meta("date", "March 27, 2025").as_deref(),
            Some("2025-03-27T00:00:00")
        );
        assert_eq!(from_meta("description", "March 27, 2025"), None);
        assert_eq!(from_meta("date", "soon"), None);
    }

    #[test]
    fn a_published_time_outside_the_post_counts_unless_another_post_holds_it() {
        let d = doc(
            r#"<body><div class="post-9"><time class="entry-date published" datetime="2019-01-01">x</time></div>
            <header><time class="entry-date published" datetime="2024-04-02T10:20:00+00:00">April 2</time></header></body>"#,
        );
        assert_eq!(
            published_anywhere(&d, Some(7)).as_deref(),
            Some("2024-04-02T10:20:00+00:00")
        );
        assert_eq!(
            published_anywhere(&d, Some(9)).as_deref(),
            Some("2019-01-01")
        );
        let updated = doc(r#"<time class="updated" datetime="2024-05-01">x</time>"#);
        assert_eq!(published_anywhere(&updated, None), None);
        let made_up = doc(
            r#"<span itemprop="published-date" content="Published Oct 20, 2025 at 5:00 PM PST">Oct 20</span>"#,
        );
        assert_eq!(
            published_anywhere(&made_up, None).as_deref(),
            Some("2025-10-20T00:00:00")
        );
    }

    #[test]
    fn a_date_line_beside_the_title_is_read_but_not_an_update_line_or_a_long_paragraph() {
        let d = doc(
            "<main><div><h1>Side sleepers</h1><div><p>Reviewed by Ana</p>\
             <p>October 16, 2020<span> · </span>8 min read</p></div></div>\
             <p>On May 1, 2021 we changed beds, and this is a long paragraph about it.</p></main>",
        );
        assert_eq!(
            near_title(&d, "Side sleepers").as_deref(),
            Some("2020-10-16T00:00:00")
        );
        let updated = doc("<header><h1>T</h1><p>Updated March 5, 2025</p></header>");
        assert_eq!(near_title(&updated, "T"), None);
        let inline = doc(
            r#"<header><h1>T</h1><div>Updated <time datetime="2026-01-16">January 16, 2026</time></div></header>"#,
        );
        assert_eq!(near_title(&inline, "T"), None);
        let prose = doc(
            "<header><h1>T</h1><p>We opened the shop on May 1, 2021 after a long winter of work.</p></header>",
        );
        assert_eq!(near_title(&prose, "T"), None);
    }
}
