//! The words a block must start with for an anchored text pattern to match it, derived from
//! the patterns themselves when they are compiled, so that the cheap gate in front of the
//! regexes can never disagree with them.
//!
//! A pattern is parsed to its HIR and walked from its start, carrying the spellings its first
//! word can have so far. Literals, captures, concatenations, alternations, small classes and
//! bounded or optional repetitions are followed; a pattern whose first word cannot be listed
//! (`^\w+ …`, `^[a-z]+`, a match that may end inside its first word) is refused with a panic
//! naming it, so an edit cannot quietly turn the gate into a wall. A block that starts with a
//! number is looked up by the word after the number instead (`\d+ comments?` gives
//! "comment" and "comments").
//!
//! The gate reads a text's first word with [`lead`], which uses the same notion of a word as
//! the walk: a run of letters, digits and `_`, after any other characters.

use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind, Look, Repetition};
use rustc_hash::FxHashSet;

/// Classes with more characters than this (apart from digits and non-word characters) are
/// not spelled out: the pattern is refused.
const MAX_CLASS: usize = 16;

/// More spellings of one pattern's first word than this: the pattern is refused.
const MAX_SPELLINGS: usize = 4096;

/// How many rounds an unbounded repetition may keep growing a word before the pattern is
/// refused (it would grow forever).
const MAX_ROUNDS: usize = 64;

/// A character that belongs to a word, for the patterns' walk and the texts' gate alike.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// What a text starts with, as the gate sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lead<'a> {
    /// Its first word (empty when the text has no word).
    Word(&'a str),
    /// It starts with a number: the word after it (empty when none follows).
    AfterNumber(&'a str),
}

/// The first word of `text` (or the word after its leading number), skipping any characters
/// before it that are not word characters.
pub(crate) fn lead(text: &str) -> Lead<'_> {
    lead_of([text])
}

/// [`lead`] of the text made of `pieces` with a space between each two (as the blocks' text
/// is read: a word does not go on from one piece into the next).
pub(crate) fn lead_of<'a>(pieces: impl IntoIterator<Item = &'a str>) -> Lead<'a> {
    let mut after_number = false;
    for piece in pieces {
        let Some(start) =
            piece.find(|c: char| is_word_char(c) && !(after_number && c.is_numeric()))
        else {
            continue;
        };
        let rest = &piece[start..];
        if !after_number && rest.starts_with(char::is_numeric) {
            after_number = true;
            match rest.find(|c: char| is_word_char(c) && !c.is_numeric()) {
                Some(at) => return Lead::AfterNumber(word_at(&rest[at..])),
                None => continue,
            }
        }
        let word = word_at(rest);
        return if after_number {
            Lead::AfterNumber(word)
        } else {
            Lead::Word(word)
        };
    }
    if after_number {
        Lead::AfterNumber("")
    } else {
        Lead::Word("")
    }
}

/// The run of word characters `text` starts with.
fn word_at(text: &str) -> &str {
    &text[..text.find(|c| !is_word_char(c)).unwrap_or(text.len())]
}

/// The first words anchored patterns can start with: a text whose [`lead`] is not among them
/// matches none of the patterns.
#[derive(Debug, Default)]
pub(crate) struct FirstWords {
    words: FxHashSet<Box<str>>,
    after_number: FxHashSet<Box<str>>,
    /// The longest word in either set, in bytes (longer words are not looked up).
    longest: usize,
}

impl FirstWords {
    /// The first words of every pattern in `patterns`.
    ///
    /// # Panics
    /// When a pattern is not anchored at its start, is not a valid regex, or has a first word
    /// that cannot be listed; the message names the pattern.
    pub fn of<'a>(patterns: impl IntoIterator<Item = &'a str>) -> FirstWords {
        let mut all = FirstWords::default();
        for pattern in patterns {
            let found = derive(pattern).unwrap_or_else(|why| {
                panic!("cannot list the first words of the text pattern `{pattern}`: {why}")
            });
            all.words.extend(found.words);
            all.after_number.extend(found.after_number);
        }
        all.longest = all
            .words
            .iter()
            .chain(&all.after_number)
            .map(|w| w.len())
            .max()
            .unwrap_or(0);
        all
    }

    /// Whether some pattern can match a text whose [`lead`] is `lead`, the text being
    /// lower-cased already.
    pub fn admits(&self, lead: Lead<'_>) -> bool {
        match lead {
            Lead::Word(w) => self.words.contains(w),
            Lead::AfterNumber(w) => self.after_number.contains(w),
        }
    }

    /// Like [`FirstWords::admits`], for a text that is not lower-cased: the word is
    /// lower-cased on the stack.
    pub fn admits_any_case(&self, lead: Lead<'_>) -> bool {
        let (Lead::Word(word) | Lead::AfterNumber(word)) = lead;
        if !word.chars().any(char::is_uppercase) {
            return self.admits(lead);
        }
        let mut buf = [0u8; 64];
        let mut len = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let Some(slot) = buf.get_mut(len..len + c.len_utf8()) else {
                return false;
            };
            c.encode_utf8(slot);
            len += c.len_utf8();
            if len > self.longest {
                return false;
            }
        }
        let lower = std::str::from_utf8(&buf[..len]).expect("encoded from chars");
        self.admits(match lead {
            Lead::Word(_) => Lead::Word(lower),
            Lead::AfterNumber(_) => Lead::AfterNumber(lower),
        })
    }

    #[cfg(test)]
    pub fn words(&self) -> &FxHashSet<Box<str>> {
        &self.words
    }

    #[cfg(test)]
    pub fn after_number(&self) -> &FxHashSet<Box<str>> {
        &self.after_number
    }
}

/// Whether `pattern` only matches at the start of the text.
///
/// # Panics
/// When `pattern` is not a valid regex.
pub(crate) fn is_anchored(pattern: &str) -> bool {
    let hir = regex_syntax::parse(pattern)
        .unwrap_or_else(|e| panic!("invalid text pattern `{pattern}`: {e}"));
    hir.properties().look_set_prefix().contains(Look::Start)
}

/// Where the walk is in a text the pattern matches: reading the first word, or past a
/// leading number and reading the word after it; and what it has read of that word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Open {
    after_number: bool,
    word: String,
}

type Opens = FxHashSet<Open>;

/// The words found so far, in the walk of one pattern.
#[derive(Default)]
struct Found {
    words: FxHashSet<Box<str>>,
    after_number: FxHashSet<Box<str>>,
}

impl Found {
    fn finish(&mut self, open: Open) -> Result<(), String> {
        let set = if open.after_number {
            &mut self.after_number
        } else {
            &mut self.words
        };
        set.insert(open.word.into_boxed_str());
        if set.len() > MAX_SPELLINGS {
            return Err(format!("more than {MAX_SPELLINGS} first words"));
        }
        Ok(())
    }
}

fn derive(pattern: &str) -> Result<Found, String> {
    let hir = regex_syntax::parse(pattern).map_err(|e| e.to_string())?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return Err("it is not anchored with `^`, so it has no first word".into());
    }
    let mut found = Found::default();
    let start = Opens::from_iter([Open {
        after_number: false,
        word: String::new(),
    }]);
    let left = walk(&hir, start, &mut found)?;
    if !left.is_empty() {
        return Err(
            "a match can end before its first word does (end it with `$`, a space or \
                    other punctuation)"
                .into(),
        );
    }
    Ok(found)
}

/// Follows `hir` from each of the `opens`; returns where the walk can be after it with the
/// word still open, and records the words that end inside it.
fn walk(hir: &Hir, opens: Opens, found: &mut Found) -> Result<Opens, String> {
    if opens.is_empty() {
        return Ok(opens);
    }
    match hir.kind() {
        HirKind::Empty => Ok(opens),
        HirKind::Look(Look::End | Look::EndLF | Look::EndCRLF) => {
            for open in opens {
                found.finish(open)?;
            }
            Ok(Opens::default())
        }
        HirKind::Look(
            Look::WordAscii
            | Look::WordUnicode
            | Look::WordEndAscii
            | Look::WordEndUnicode
            | Look::WordEndHalfAscii
            | Look::WordEndHalfUnicode,
        ) => word_boundary(opens, found),
        // The other assertions (start of text or line, word starts) read no character.
        HirKind::Look(_) => Ok(opens),
        HirKind::Literal(lit) => literal(&lit.0, opens, found),
        HirKind::Class(Class::Unicode(class)) => unicode_class(class, opens, found),
        HirKind::Class(Class::Bytes(_)) => {
            Err("a class of bytes where the first word may be".into())
        }
        HirKind::Capture(capture) => walk(&capture.sub, opens, found),
        HirKind::Concat(subs) => {
            let mut opens = opens;
            for sub in subs {
                opens = walk(sub, opens, found)?;
            }
            Ok(opens)
        }
        HirKind::Alternation(subs) => {
            let mut next = Opens::default();
            for sub in subs {
                next.extend(walk(sub, opens.clone(), found)?);
            }
            Ok(next)
        }
        HirKind::Repetition(rep) => repetition(rep, opens, found),
    }
}

/// A word boundary: after a word character it ends the word; before the first one it only
/// says a word starts.
fn word_boundary(opens: Opens, found: &mut Found) -> Result<Opens, String> {
    let mut next = Opens::default();
    for open in opens {
        if open.word.is_empty() {
            next.insert(open);
        } else {
            found.finish(open)?;
        }
    }
    Ok(next)
}

/// A literal, read a character at a time.
fn literal(bytes: &[u8], opens: Opens, found: &mut Found) -> Result<Opens, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "a literal that is not UTF-8 text".to_string())?;
    let mut opens = opens;
    for c in text.chars() {
        let mut next = Opens::default();
        for open in opens {
            step(open, c, &mut next, found)?;
        }
        opens = next;
        if opens.is_empty() {
            break;
        }
    }
    Ok(opens)
}

/// A class of characters: each letter it holds read in turn. Digits and non-word characters
/// keep the walk where it is or end the word whatever they are; the other characters must be
/// few enough to list.
fn unicode_class(class: &ClassUnicode, opens: Opens, found: &mut Found) -> Result<Opens, String> {
    let chars = class.iter().flat_map(|r| r.start()..=r.end());
    let mut spelled = Vec::new();
    let (mut digits, mut others) = (false, false);
    for c in chars {
        if !is_word_char(c) {
            others = true;
        } else if c.is_numeric() {
            digits = true;
        } else {
            spelled.push(c);
            if spelled.len() > MAX_CLASS {
                return Err(format!(
                    "a class of more than {MAX_CLASS} letters where the first word may be"
                ));
            }
        }
    }
    let mut next = Opens::default();
    for open in opens {
        for &c in &spelled {
            step(open.clone(), c, &mut next, found)?;
        }
        if others {
            step(open.clone(), ' ', &mut next, found)?;
        }
        if digits {
            if !open.word.is_empty() {
                return Err("a class of digits inside the first word".into());
            }
            step(open, '0', &mut next, found)?;
        }
    }
    Ok(next)
}

/// A repetition: its required rounds, then further rounds while they reach new places.
fn repetition(rep: &Repetition, opens: Opens, found: &mut Found) -> Result<Opens, String> {
    let mut opens = opens;
    for _ in 0..rep.min {
        opens = walk(&rep.sub, opens, found)?;
        if opens.is_empty() {
            return Ok(opens);
        }
    }
    // Each further round may or may not happen: keep every place reached, until no round
    // reaches a new one.
    let mut reached = opens.clone();
    let mut frontier = opens;
    let mut round = 0u32;
    while !frontier.is_empty() && rep.max.is_none_or(|max| round < max - rep.min) {
        if round as usize >= MAX_ROUNDS {
            return Err("a repetition that can grow the first word without end".into());
        }
        frontier = walk(&rep.sub, frontier, found)?
            .into_iter()
            .filter(|o| !reached.contains(o))
            .collect();
        reached.extend(frontier.iter().cloned());
        if reached.len() > MAX_SPELLINGS {
            return Err(format!(
                "more than {MAX_SPELLINGS} spellings of a first word"
            ));
        }
        round += 1;
    }
    Ok(reached)
}

/// Reads one character `c` from `open`: into `next` if the word goes on, into `found` if it
/// ends.
fn step(mut open: Open, c: char, next: &mut Opens, found: &mut Found) -> Result<(), String> {
    if is_word_char(c) {
        if open.word.is_empty() && !open.after_number && c.is_numeric() {
            // A leading number: what counts is the word after it.
            open.after_number = true;
        } else if !(open.word.is_empty() && open.after_number && c.is_numeric()) {
            open.word.push(c);
        }
        next.insert(open);
    } else if open.word.is_empty() {
        // Not in a word yet ("12 comments" before "comments").
        next.insert(open);
    } else {
        found.finish(open)?;
    }
    if next.len() > MAX_SPELLINGS {
        return Err(format!(
            "more than {MAX_SPELLINGS} spellings of a first word"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(patterns: &[&str]) -> Vec<String> {
        let mut w: Vec<String> = FirstWords::of(patterns.iter().copied())
            .words()
            .iter()
            .map(|w| w.to_string())
            .collect();
        w.sort();
        w
    }

    #[test]
    fn optional_parts_and_alternations_are_followed() {
        assert_eq!(
            words(&[r"^(last )?(updated|posted)( on)?:? \d+$"]),
            ["last", "posted", "updated"]
        );
        assert_eq!(
            words(&[r"^recent(ly)? (posts|stories)$"]),
            ["recent", "recently"]
        );
        assert_eq!(words(&[r"^newsletters?$"]), ["newsletter", "newsletters"]);
        // A small class is spelled out; a word ended by punctuation is cut there.
        assert_eq!(words(&[r"^colo[uv]r$"]), ["colour", "colovr"]);
        assert_eq!(
            words(&[r"^suivez-nous$", r"^don't miss ?:"]),
            ["don", "suivez"]
        );
    }

    #[test]
    fn a_leading_number_gates_on_the_word_after_it() {
        let first = FirstWords::of([r"^(\d+ comments?|leave a reply)$"]);
        let mut after: Vec<&str> = first.after_number().iter().map(|w| &**w).collect();
        after.sort();
        assert_eq!(after, ["comment", "comments"]);
        assert!(first.admits(lead("124 comments")));
        assert!(!first.admits(lead("124 reasons to stay")));
        assert!(first.admits(lead("leave a reply")));
        assert!(first.admits_any_case(lead("12 Comments")));
    }

    #[test]
    fn a_new_first_word_is_gated_in() {
        let before = FirstWords::of([r"^(share|share this)$"]);
        assert!(!before.admits(lead("teile diesen beitrag")));
        let edited = FirstWords::of([r"^(share|share this|teile diesen beitrag)$"]);
        assert!(edited.admits(lead("teile diesen beitrag")));
        assert!(edited.admits_any_case(lead("« Teile diesen Beitrag")));
        assert!(FirstWords::of([r"^über den autor$"]).admits_any_case(lead("Über den Autor")));
    }

    #[test]
    #[should_panic(expected = r"`^\w+ comments$`")]
    fn a_first_word_that_cannot_be_listed_is_refused() {
        FirstWords::of([r"^\w+ comments$"]);
    }

    #[test]
    #[should_panic(expected = "grow the first word without end")]
    fn an_unbounded_first_word_is_refused() {
        FirstWords::of([r"^go(o)+al$"]);
    }

    #[test]
    #[should_panic(expected = "can end before its first word does")]
    fn a_match_ending_inside_its_first_word_is_refused() {
        FirstWords::of([r"^share"]);
    }

    #[test]
    #[should_panic(expected = "not anchored")]
    fn an_unanchored_pattern_is_refused() {
        FirstWords::of([r"share this"]);
    }

    #[test]
    fn the_gate_reads_words_like_the_walk() {
        assert_eq!(lead("< back to top"), Lead::Word("back"));
        assert_eq!(lead("updated: 5 may 2024"), Lead::Word("updated"));
        assert_eq!(lead("12th comment"), Lead::AfterNumber("th"));
        assert_eq!(lead("2024"), Lead::AfterNumber(""));
        assert_eq!(lead("…"), Lead::Word(""));
        assert_eq!(
            lead_of(["« ", "12", " ", "Comments"]),
            Lead::AfterNumber("Comments")
        );
        assert_eq!(lead_of(["Sha", "re"]), Lead::Word("Sha"));
        assert!(is_anchored(r"^(a|b)$"));
        assert!(!is_anchored(r"a|^b"));
    }
}
