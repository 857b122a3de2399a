//! The bound of the share guards: the post's readable size, taken before the pass.

use super::super::Cleaner;
use crate::dom::Tag;
use crate::dom::tree::{Data, Document, NodeId};
use crate::rules::{self, Action};

use super::super::measure::TextSizes;

/// Non-space characters of the text a reader could see: not inside scripts, styles and
/// the other elements the pass drops on sight. A button is counted only when the rules
/// unwrap it (a question in a heading or an accordion), asked as the pass will ask them. The
/// pass never adds text and drops what is not counted, so the bound it gives its own result
/// is never larger (P2).
///
/// The texts' sizes are kept in `sizes`, for the pass.
pub(super) fn readable_chars(
    cleaner: &Cleaner,
    doc: &Document,
    root: NodeId,
    sizes: &TextSizes,
) -> u32 {
    let mut total = 0u32;
    let mut walk = doc.descendants(root);
    while let Some(n) = walk.next() {
        match &doc.node(n).data {
            Data::Text(t) => total = total.saturating_add(sizes.of(n, t).1),
            Data::Element(el)
                if el.tag == Tag::Button
                    && !matches!(button_decision(cleaner, doc, n), Some(Action::Unwrap(_))) =>
            {
                walk.skip_children(n)
            }
            Data::Element(el) if el.tag == Tag::Button => {}
            Data::Element(el) if el.tag.is_never_shown() => walk.skip_children(n),
            _ => {}
        }
    }
    total
}

/// What the pass will decide for a button, from its ancestors as the pass reads them.
fn button_decision(cleaner: &Cleaner, doc: &Document, button: NodeId) -> Option<Action> {
    let ancestors = || std::iter::successors(doc.parent(button), |&p| doc.parent(p));
    let in_heading = ancestors().any(|a| {
        doc.element(a)
            .is_some_and(|e| e.tag.heading_level().is_some())
    });
    let in_summary = ancestors().any(|a| {
        doc.element(a).is_some_and(|e| {
            e.tag == Tag::Summary
                || (crate::rules::accordion::is_content_part(e.attr("class").unwrap_or(""))
                    && !e.tag.unwraps())
        })
    });
    let el = doc.element(button)?;
    let view = rules::view_of(el);
    cleaner.decide(
        doc,
        button,
        &view,
        rules::Context {
            in_heading,
            in_summary,
        },
    )
}
