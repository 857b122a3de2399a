//! Our tree: [`tree::Document`], an arena built by html5ever through [`sink`] (the one
//! module that names the parser's types), put in canonical form by [`canon`] (a shape that
//! reads back as itself), edited in place by cleaning, walked by extraction and written by
//! [`write`](mod@write), which decides nothing. What is known of each tag is one table,
//! [`tag`]; the edit that removes an element but keeps the word break is [`edit`]'s; the
//! walks that need to know where an element ends share one cursor, [`walk::Walk`].

pub(crate) mod bounds;
pub(crate) mod canon;
pub(crate) mod edit;
pub(crate) mod fragment;
pub(crate) mod reference;
pub(crate) mod select;
pub(crate) mod sink;
pub(crate) mod tag;
mod tokenize;
pub(crate) mod tree;
pub(crate) mod walk;
pub(crate) mod write;

pub(crate) use tag::{Policy, Tag};

/// Whether writing `<tag>` inside the open elements `written` (outermost first) would not
/// read back as written: HTML cannot say a heading in a heading, a block or paragraph in a
/// paragraph, a link in a link, or a list item directly in a list item, so a parser closes
/// the outer element first. The canonical form ([`canon`]) leaves such an inner element out
/// (unwraps it); a table in a paragraph leaves the paragraph out instead.
pub(crate) fn would_not_reparse(tag: &Tag, written: &[Tag]) -> bool {
    let open = |t: Tag| written.contains(&t);
    let in_p = || open(Tag::P);
    if tag.heading_level().is_some() {
        return written.iter().any(|w| w.heading_level().is_some()) || in_p();
    }
    // The nearest open element among `among`.
    let nearest = |among: &[Tag]| written.iter().rev().find(|w| among.contains(w));
    match tag {
        Tag::A => open(Tag::A),
        Tag::P => in_p(),
        // A list item directly in a list item (no list between) closes the first.
        Tag::Li => nearest(&[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Li]) == Some(&Tag::Li) || in_p(),
        Tag::Dt | Tag::Dd => {
            matches!(
                nearest(&[Tag::Dl, Tag::Dt, Tag::Dd]),
                Some(Tag::Dt | Tag::Dd)
            ) || in_p()
        }
        // A table in a paragraph closes it too (the fragment parser is in no-quirks mode);
        // one gets there only through a button, whose scope hides the paragraph.
        t if t.is_block()
            && !matches!(
                t,
                Tag::Li
                    | Tag::Dd
                    | Tag::Dt
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Thead
                    | Tag::Tbody
                    | Tag::Tfoot
                    | Tag::Caption
            ) =>
        {
            in_p()
        }
        _ => false,
    }
}

/// Text that a reader would see (not only spaces, no-break spaces, soft hyphens, zero-width).
pub(crate) fn has_visible_text(s: &str) -> bool {
    s.chars().any(|c| !(c.is_whitespace() || is_invisible(c)))
}

/// Soft hyphens and zero-width characters: never shown, dropped from text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'
    )
}
