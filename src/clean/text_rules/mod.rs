//! Boilerplate recognised by its words: the text prompts of [`crate::rules::prompts`]
//! compiled once and matched against a block's whole text when the block closes, behind two
//! cheap gates (the first words the anchored patterns can start with, the words the others
//! need); and the lead-ins and image credits of [`crate::rules::measured`].

use std::sync::LazyLock;

use regex::Regex;

use super::first_words::{self, FirstWords};
use crate::rules::measured;
pub(crate) use crate::rules::prompts::Prompt;
use crate::rules::prompts::{PROMPTS, PromptRow};

/// A prompt row, compiled.
struct Pattern {
    re: Regex,
    max_words: u32,
    prompt: Prompt,
    /// Whether it matches only at the start of a block (its first word is then in
    /// [`Patterns::first_words`]).
    anchored: bool,
}

impl Pattern {
    fn of(row: &PromptRow) -> Pattern {
        Pattern {
            re: Regex::new(row.pattern).expect("valid pattern"),
            max_words: row.max_words,
            prompt: row.prompt,
            anchored: first_words::is_anchored(row.pattern),
        }
    }
}

/// The patterns, and the first words that the anchored ones can start with, derived from
/// them: a block whose first word is not among them is not a short prompt, without running
/// any regex.
struct Patterns {
    list: Vec<Pattern>,
    first_words: FirstWords,
}

/// The longest cap of any pattern: blocks with more words are not looked at.
pub(crate) const MAX_WORDS: u32 = {
    let mut max = 0;
    let mut i = 0;
    while i < PROMPTS.len() {
        if PROMPTS[i].max_words > max {
            max = PROMPTS[i].max_words;
        }
        i += 1;
    }
    max
};

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let list = PROMPTS.iter().map(Pattern::of).collect::<Vec<_>>();
    let first_words = FirstWords::of(list.iter().filter(|p| p.anchored).map(|p| p.re.as_str()));
    Patterns { list, first_words }
});

/// Longer blocks (past the anchored prompts' caps, the longest of which this is) are only
/// read when they contain one of the words the long patterns need.
const SHORT_CAP: u32 = 14;

static LONG_PATTERN_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // A full DFA: this runs over most short blocks of text, and with case folding no
        // prefilter applies.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(PROMPTS.iter().flat_map(|p| p.needs))
        .expect("valid patterns")
});

/// Whether a block of `words` words with these text pieces could be a prompt at all: a short
/// one must start with a word some anchored pattern starts with (or a number some pattern
/// starts with, followed by a word that follows it there), a longer one must contain a word the
/// long patterns need (`has_long_word` says so, for the caller may know it already). Cheap,
/// so most blocks are never normalised or matched.
pub(crate) fn worth_reading<'a>(
    pieces: impl Iterator<Item = &'a str> + Clone,
    words: u32,
    has_long_word: impl FnOnce() -> bool,
) -> bool {
    if words > MAX_WORDS {
        return false;
    }
    if words <= SHORT_CAP
        && PATTERNS
            .first_words
            .admits_any_case(first_words::lead_of(pieces))
    {
        return true;
    }
    has_long_word()
}

/// Whether a text holds one of the words the long patterns need.
pub(crate) fn has_long_word(text: &str) -> bool {
    LONG_PATTERN_WORDS.is_match(text)
}

/// Lower-cases and collapses whitespace in one pass.
pub(crate) fn normalise<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut space = false;
    for piece in pieces {
        for c in piece.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
            } else if !crate::dom::is_invisible(c) {
                if space {
                    out.push(' ');
                    space = false;
                }
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
        space = !out.is_empty();
    }
    out
}

static RELATED_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(measured::RELATED_LEAD).expect("valid pattern"));

/// The words [`RELATED_LEAD`] can start with.
static LEAD_WORDS: LazyLock<FirstWords> = LazyLock::new(|| FirstWords::of([RELATED_LEAD.as_str()]));

/// Whether a block's first word could start a lead-in such as "Also read:" (cheap: most
/// blocks are never normalised for [`related_lead`]).
pub(crate) fn may_be_lead<'a>(pieces: impl Iterator<Item = &'a str>) -> bool {
    LEAD_WORDS.admits_any_case(first_words::lead_of(pieces))
}

/// A block that is a lead-in ("Also read:", "Related:") followed by a link: the words of the
/// lead-in, when the text starts with one.
pub(crate) fn related_lead(text: &str) -> Option<u32> {
    let m = RELATED_LEAD.find(text.trim_start_matches(|c: char| !c.is_alphanumeric()))?;
    Some(m.as_str().split_whitespace().count() as u32)
}

static CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(measured::CREDIT).expect("valid pattern"));

/// A caption that is only an image credit ("Image credit: Wareable", "Source: statista.com"),
/// of at most `max_words` words (it has `words`).
pub(crate) fn credit_only(text: &str, words: u32, max_words: u32) -> bool {
    words <= max_words && CREDIT.is_match(text.trim())
}

/// Punctuation and arrows around a prompt ("Share this:", "< Back to top", "Read next ›").
const PROMPT_PUNCTUATION: &[char] = &[
    ':', '!', '.', '…', '›', '»', '→', '➔', '-', '|', '*', '<', '‹', '«', '←', '↑', '^',
];

/// Matches a block's whole text (already lower-cased and whitespace-collapsed) against the
/// prompt patterns.
pub(crate) fn prompt(text: &str, words: u32) -> Option<Prompt> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || PROMPT_PUNCTUATION.contains(&c));
    if text.is_empty() {
        return None;
    }
    let patterns = &*PATTERNS;
    let short_candidate =
        words <= SHORT_CAP && patterns.first_words.admits(first_words::lead(text));
    let long_candidate = LONG_PATTERN_WORDS.is_match(text);
    if !short_candidate && !long_candidate {
        return None;
    }
    patterns
        .list
        .iter()
        .filter(|p| words <= p.max_words)
        .filter(|p| {
            if p.anchored {
                short_candidate
            } else {
                long_candidate
            }
        })
        .find(|p| p.re.is_match(text))
        .map(|p| p.prompt)
}

#[cfg(test)]
mod tests;
