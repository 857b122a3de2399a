//! Comment threads as data. WordPress's comment walker writes each comment as
//! `li#comment-N` (its body in `article.comment-body` in HTML5 themes, `div.comment-body`
//! in older ones) with the author in `.comment-author .fn`, the date in a `time[datetime]`
//! (or the `.comment-meta` link's text), the text in `.comment-content` (or the body's own
//! paragraphs), and replies in a nested `ul.children`; block themes write the same `li`
//! with `.wp-block-comment-author-name`, `.wp-block-comment-date` and
//! `.wp-block-comment-content`.

use super::text_of;
use crate::article::Comment;
use crate::dom::Tag;
use crate::dom::tree::{Document, NodeId};

/// The id of a comment element (`comment-N`, Astra's `li-comment-N`; not `div-comment-N`).
fn comment_id(doc: &Document, n: NodeId) -> Option<u64> {
    let el = doc.element(n)?;
    if !matches!(el.tag, Tag::Li | Tag::Article | Tag::Div) {
        return None;
    }
    let id = el.attr("id")?;
    id.strip_prefix("comment-")
        .or_else(|| id.strip_prefix("li-comment-"))?
        .parse()
        .ok()
}

/// Every comment of the page, in document order, with its parent.
pub(crate) fn read(doc: &Document) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut stack: Vec<(NodeId, u64)> = Vec::new();
    for n in doc.descendants(NodeId::ROOT) {
        let Some(id) = comment_id(doc, n) else {
            continue;
        };
        // The nearest enclosing comment is the parent.
        while let Some(&(open, _)) = stack.last() {
            if std::iter::successors(doc.parent(n), |&p| doc.parent(p)).any(|p| p == open) {
                break;
            }
            stack.pop();
        }
        let parent = stack.last().map(|&(_, id)| id);
        if parent == Some(id) {
            // The same comment again, inside its own element (`li#li-comment-N >
            // article#comment-N`, tagDiv's `div#comment-N` meta line).
            continue;
        }
        stack.push((n, id));
        out.push(read_one(doc, n, id, parent));
    }
    out
}

fn read_one(doc: &Document, at: NodeId, id: u64, parent: Option<u64>) -> Comment {
    let mut author = None;
    let mut date = None;
    let mut content = None;
    let mut walk = doc.descendants(at);
    while let Some(n) = walk.next() {
        if n != at && comment_id(doc, n).is_some_and(|c| c != id) {
            // A reply: its parts are its own.
            walk.skip_children(n);
            continue;
        }
        let Some(el) = doc.element(n) else { continue };
        if author.is_none() && (el.has_class("fn") || el.has_class("wp-block-comment-author-name"))
        {
            author = Some(text_of(doc, n));
        }
        if date.is_none()
            && el.tag == Tag::Time
            && let Some(d) = el.attr("datetime")
        {
            date = Some(d.trim().to_string());
        }
        if content.is_none()
            && (el.has_class("comment-content") || el.has_class("wp-block-comment-content"))
        {
            content = Some(text_of(doc, n));
            walk.skip_children(n);
        }
        if el.has_class("reply") || el.has_class("comment-reply-link") {
            walk.skip_children(n);
        }
    }
    let text = content.unwrap_or_else(|| {
        // Older themes: the comment's paragraphs stand in its body.
        let mut parts = Vec::new();
        let mut walk = doc.descendants(at);
        while let Some(n) = walk.next() {
            if comment_id(doc, n).is_some_and(|c| c != id) {
                walk.skip_children(n);
            } else if doc.element(n).is_some_and(|e| e.tag == Tag::P) {
                parts.push(text_of(doc, n));
                walk.skip_children(n);
            }
        }
        parts.join("\n\n")
    });
    Comment {
        id,
        parent,
        author: author.filter(|a| !a.is_empty()),
        date: date.as_deref().and_then(crate::date::local),
        text,
    }
}
