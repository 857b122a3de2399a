//! Finding the post in a saved page, with WordPress's own markers first:
//! 1. the scope: the element carrying the post's `post_class()` (`post-N`, N the id the body
//!    classes give); query loops and "more posts" blocks carry other posts' `post-N`;
//! 2. inside it, the theme's or page builder's content container ([`CONTAINERS`]);
//! 3. a scorer over the page where neither is found, or where what they found holds too
//!    little of the page's article text to be the article (a `post-N` that is only the
//!    hero, a builder block holding one section of many).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::containers::{CONTAINERS, Match};
use super::markers::marks_other_post;
use super::measure::{PageMeasure, is_paragraph};
use crate::article::FoundBy;
use crate::dom::tree::{Document, NodeId};

/// Where the post is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    /// The element whose content is the post's body.
    pub body: NodeId,
    /// The element marked `post-N`, when there is one.
    pub scope: Option<NodeId>,
    /// How it was found.
    pub by: FoundBy,
    /// The container's row name, or what the scorer chose.
    pub container: String,
}

/// A container must hold at least this share of the paragraph text of the scorer's best
/// candidate to be trusted.
const TRUSTED_SHARE: f64 = 0.5;

/// The share of the scorer's best paragraph text the post's `post-N` element must hold
/// for a container to be measured against the post rather than against the scorer's best.
const SCOPE_SHARE: f64 = 0.3;

/// Whether `n` is `ancestor` or inside it.
fn is_within(doc: &Document, n: NodeId, ancestor: NodeId) -> bool {
    std::iter::successors(Some(n), |&p| doc.parent(p)).any(|p| p == ancestor)
}

/// Finds the post's body in `doc` (a whole page), `id` being the post id of the body classes.
pub(crate) fn locate(doc: &Document, m: &PageMeasure, body: NodeId, id: Option<u64>) -> Located {
    let scope = id.and_then(|id| scope(doc, m, body, id));
    let best = scorer(doc, m, body);
    let best_paras = best.map_or(0, |b| m.paras[b.index()]);
    // Paragraph text outside the post's own `post-N` element is not the post's: when the
    // scorer's best holds that element and more (testimonials, a newsletter, a related
    // loop with excerpts), a container is measured against the post instead.
    let post_paras = match (scope, best) {
        (Some(s), Some(b))
            if is_within(doc, s, b)
                && f64::from(m.paras[s.index()]) >= SCOPE_SHARE * f64::from(best_paras) =>
        {
            m.paras[s.index()]
        }
        _ => best_paras,
    };
    let trusted = |n: NodeId| {
        let p = m.paras[n.index()];
        p > 0 && f64::from(p) >= TRUSTED_SHARE * f64::from(post_paras)
    };
    let other_posts = |n: NodeId| -> bool {
        id.is_some()
            && std::iter::successors(doc.parent(n), |&p| doc.parent(p))
                .take_while(|&p| p != body)
                .any(|p| marks_other_post(doc.element(p).and_then(|e| e.attr("class")), id))
    };
    if let Some(s) = scope
        && let Some((n, name)) = container(doc, m, s, &|_| false)
        && trusted(n)
    {
        return Located {
            body: n,
            scope,
            by: FoundBy::Marker,
            container: name.to_string(),
        };
    }
    if let Some((n, name)) = container(doc, m, body, &other_posts)
        && trusted(n)
    {
        return Located {
            body: n,
            scope,
            by: FoundBy::Container,
            container: name.to_string(),
        };
    }
    let chosen = best.unwrap_or(body);
    Located {
        body: chosen,
        scope,
        by: FoundBy::Scorer,
        container: describe(doc, chosen),
    }
}

/// The element carrying `post-{id}` (not the body): of several, the one with the most
/// paragraph text (a theme may mark the hero and the article alike).
fn scope(doc: &Document, m: &PageMeasure, body: NodeId, id: u64) -> Option<NodeId> {
    let class = format!("post-{id}");
    doc.descendants(body)
        .filter(|&n| {
            doc.element(n)
                .and_then(|e| e.attr("class"))
                .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
        })
        .max_by_key(|n| m.paras[n.index()])
}

/// The first container row that matches inside `within` (not in furniture): among several
/// matches of that row, the one with the most paragraph text, those for which `skip` holds
/// (inside another post's `post-M`) only when no other matches.
fn container(
    doc: &Document,
    m: &PageMeasure,
    within: NodeId,
    skip: &dyn Fn(NodeId) -> bool,
) -> Option<(NodeId, &'static str)> {
    let mut found: Vec<Option<NodeId>> = vec![None; CONTAINERS.len()];
    let mut walk = doc.descendants(within);
    while let Some(n) = walk.next() {
        if m.furniture[n.index()] {
            walk.skip_children(n);
            continue;
        }
        let Some(el) = doc.element(n) else { continue };
        if m.paras[n.index()] == 0 {
            continue;
        }
        let mut hit = |row: usize| {
            let rank = |n: NodeId| (!skip(n), m.paras[n.index()]);
            if found[row].is_none_or(|f| rank(n) > rank(f)) {
                found[row] = Some(n);
            }
        };
        // Each class word looked up once, not each row's class searched for in the
        // attribute (22 rows on every element of the page).
        if let Some(class) = el.attr("class") {
            for word in class.split_ascii_whitespace() {
                if let Some(&row) = CLASS_ROWS.get(word) {
                    hit(row);
                }
            }
        }
        for (row, c) in CONTAINERS.iter().enumerate() {
            if let Match::Attr(attr, value) = c.matches
                && el.attr(attr) == Some(value)
            {
                hit(row);
            }
        }
    }
    found
        .iter()
        .zip(CONTAINERS)
        .find_map(|(n, c)| n.map(|n| (n, c.name)))
}

/// The class rows of [`CONTAINERS`] by their class name.
static CLASS_ROWS: LazyLock<FxHashMap<&'static str, usize>> = LazyLock::new(|| {
    CONTAINERS
        .iter()
        .enumerate()
        .filter_map(|(row, c)| match c.matches {
            Match::Class(name) => Some((name, row)),
            Match::Attr(..) => None,
        })
        .collect()
});

/// What a character of text outside paragraphs costs the scorer's element, against one of
/// paragraph text (measured on the WCXB pages: 0.5 to 2 score alike).
const OTHER_WEIGHT: f64 = 0.5;

/// What a character of link text costs the scorer's element.
const LINK_WEIGHT: f64 = 0.5;

/// The share of its element's paragraph text a child must hold for the scorer to go down
/// into it (measured on the WCXB article pages: F1 0.936 at 0.5 and 0.8, best at 0.6).
const DESCEND_SHARE: f64 = 0.6;

/// The scorer: the element with the most article text for the least of anything else.
/// Each element is worth its paragraph text, less a share of its other text (menus,
/// labels, bylines) and of its link text: the parent of an article's paragraphs gains on
/// each of them, a wrapper that adds the page's furniture loses.
fn scorer(doc: &Document, m: &PageMeasure, body: NodeId) -> Option<NodeId> {
    let mut best: Option<(NodeId, f64)> = None;
    let mut walk = doc.descendants(body);
    while let Some(n) = walk.next() {
        let i = n.index();
        if m.furniture[i] {
            walk.skip_children(n);
            continue;
        }
        // An article is more than one paragraph: candidates are the blocks holding them.
        if doc.element(n).is_none_or(|e| is_paragraph(&e.tag)) || m.paras[i] == 0 {
            continue;
        }
        let paras = f64::from(m.paras[i]);
        let links = f64::from(m.links[i]);
        let other = (f64::from(m.text[i]) - paras - links).max(0.0);
        let value = paras - OTHER_WEIGHT * other - LINK_WEIGHT * links;
        if best.is_none_or(|(_, b)| value >= b) {
            best = Some((n, value));
        }
    }
    let (mut at, _) = best?;
    // Down into a child that holds nearly all of it: a wrapper gains little paragraph text
    // (a newsletter box, a related post) and should not win on that.
    while let Some(c) = doc.children(at).find(|&c| {
        doc.element(c).is_some_and(|e| !is_paragraph(&e.tag))
            && !m.furniture[c.index()]
            && f64::from(m.paras[c.index()]) >= DESCEND_SHARE * f64::from(m.paras[at.index()])
    }) {
        at = c;
    }
    Some(at)
}

/// A short name of an element for the article (`article.post`, `main#content`).
fn describe(doc: &Document, n: NodeId) -> String {
    let Some(el) = doc.element(n) else {
        return String::new();
    };
    let mut s = el.tag.to_string();
    if let Some(id) = el.attr("id").filter(|i| !i.is_empty()) {
        s.push('#');
        s.push_str(id);
    } else if let Some(c) = el
        .attr("class")
        .and_then(|c| c.split_ascii_whitespace().next())
    {
        s.push('.');
        s.push_str(c);
    }
    s
}
