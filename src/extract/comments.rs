//! A page's comment thread as blocks after the post's, for a caller who asks for comments in
//! the text, the Markdown and the search records ([`crate::Options::include_comments`]).
//! The thread is a "Comments" section (anchor `comments`, as WordPress's own thread); each
//! comment starts with its author and date, and a reply is quoted one level deeper than
//! what it answers.

use std::collections::HashMap;

use super::inline::Inline;
use super::{Block, BlockKind, Extracted, Role};
use crate::article::{Comment, Heading};

/// The heading of the comments section.
const TITLE: &str = "Comments";

/// Replies deeper than this are quoted at this depth.
const MAX_DEPTH: u8 = 8;

/// Appends `comments` to the extracted article as a section of their own.
pub(crate) fn append(ex: &mut Extracted, comments: &[Comment]) {
    if comments.iter().all(|c| c.text.trim().is_empty()) {
        return;
    }
    let anchor = (!ex
        .headings
        .iter()
        .any(|h| h.anchor.as_deref() == Some("comments")))
    .then(|| "comments".to_string());
    ex.headings.push(Heading {
        level: 2,
        text: TITLE.to_string(),
        anchor,
    });
    ex.blocks.push(Block {
        kind: BlockKind::Heading {
            level: 2,
            heading: ex.headings.len() - 1,
        },
        text: TITLE.to_string(),
        md: TITLE.to_string(),
        quote: 0,
        role: Role::None,
    });
    let parents: HashMap<u64, Option<u64>> = comments.iter().map(|c| (c.id, c.parent)).collect();
    for c in comments.iter().filter(|c| !c.text.trim().is_empty()) {
        let quote = depth(c, &parents);
        for (i, para) in c
            .text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .enumerate()
        {
            let mut line = Inline::default();
            if i == 0 {
                line.push_str(&byline(c), false, true);
            }
            line.push_str(para, false, true);
            let (text, md) = line.take();
            ex.blocks.push(Block {
                kind: BlockKind::Paragraph,
                text,
                md,
                quote,
                role: Role::None,
            });
        }
    }
}

/// "Ann (2025-02-01): " — who wrote it and the day, as far as the page says.
fn byline(c: &Comment) -> String {
    let day = c.date.as_deref().map(|d| d.get(..10).unwrap_or(d));
    match (c.author.as_deref().filter(|a| !a.is_empty()), day) {
        (Some(a), Some(d)) => format!("{a} ({d}): "),
        (Some(a), None) => format!("{a}: "),
        (None, Some(d)) => format!("({d}): "),
        (None, None) => String::new(),
    }
}

/// How many replies deep a comment is (0 for one on the post), following parents that are
/// in the thread (a cycle or a missing parent ends the chain).
fn depth(c: &Comment, parents: &HashMap<u64, Option<u64>>) -> u8 {
    let mut d = 0;
    let mut at = c.parent;
    while let Some(p) = at
        && let Some(&up) = parents.get(&p)
        && d < MAX_DEPTH
    {
        d += 1;
        at = up;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: u64, parent: Option<u64>, author: &str, text: &str) -> Comment {
        Comment {
            id,
            parent,
            author: Some(author.to_string()),
            date: Some("2025-02-01T08:37:27".to_string()),
            text: text.to_string(),
        }
    }

    #[test]
    fn replies_are_quoted_under_what_they_answer_and_markdown_is_escaped() {
        let mut ex = Extracted::default();
        append(
            &mut ex,
            &[
                comment(1, None, "Ann", "Great *post*.\n\nSecond thought."),
                comment(2, Some(1), "Bo", "Thanks!"),
                comment(3, Some(2), "Ann", "You're welcome."),
            ],
        );
        let got: Vec<(&str, &str, u8)> = ex
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.md.as_str(), b.quote))
            .collect();
        assert_eq!(
            got,
            [
                ("Comments", "Comments", 0),
                (
                    "Ann (2025-02-01): Great *post*.",
                    "Ann (2025-02-01): Great \\*post\\*.",
                    0
                ),
                ("Second thought.", "Second thought.", 0),
                ("Bo (2025-02-01): Thanks!", "Bo (2025-02-01): Thanks!", 1),
                (
                    "Ann (2025-02-01): You're welcome.",
                    "Ann (2025-02-01): You're welcome.",
                    2
                ),
            ]
        );
        assert_eq!(ex.headings[0].anchor.as_deref(), Some("comments"));
    }

    #[test]
    fn a_thread_of_empty_comments_adds_nothing_and_a_cycle_ends() {
        let mut ex = Extracted::default();
        append(&mut ex, &[comment(1, None, "Ann", " ")]);
        assert!(ex.blocks.is_empty() && ex.headings.is_empty());
        let looped = [comment(1, Some(2), "A", "x"), comment(2, Some(1), "B", "y")];
        let parents = looped.iter().map(|c| (c.id, c.parent)).collect();
        assert_eq!(depth(&looped[0], &parents), MAX_DEPTH);
    }
}
