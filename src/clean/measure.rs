//! What the decision pass measures of a subtree: words, characters, words in links, whether
//! it shows anything. Each element's measure comes from its children's, so it is a function
//! of the subtree alone: the same tree measures the same, whichever pass reads it (P2).
//!
//! Words run on through inline elements (`foo<b>bar</b>` is one word), as a reader reads
//! them and as the text reads once the parser merges adjacent text; blocks and void
//! elements such as `br` and `img` end a word. A measure therefore records whether its text
//! starts and ends inside a word, so that two measures side by side can be joined.

use std::cell::Cell;

use crate::dom::Tag;
use crate::dom::tree::{Data, Document, NodeId};

/// The measure of a subtree (or of a run of siblings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Measure {
    /// Runs of non-space bytes.
    pub words: u32,
    /// Non-space characters: the size measure of the share guards.
    pub chars: u32,
    /// Words inside links.
    pub link_words: u32,
    /// Something a reader sees: visible text, an image or another content element.
    pub shows: bool,
    /// Holds text (or is a word break); an empty inline measure joins nothing.
    filled: bool,
    /// Its first byte continues a word written right before it.
    open_start: bool,
    /// Its last byte is inside a word that text right after it continues.
    open_end: bool,
}

impl Measure {
    /// The measure of a text whose [`text_size`] is known.
    fn of_sized_text(s: &str, (words, chars): (u32, u32)) -> Measure {
        let bytes = s.as_bytes();
        Measure {
            words,
            chars,
            link_words: 0,
            shows: words > 0 && crate::dom::has_visible_text(s),
            filled: !bytes.is_empty(),
            open_start: bytes.first().is_some_and(|&b| !is_word_break(b)),
            open_end: bytes.last().is_some_and(|&b| !is_word_break(b)),
        }
    }

    /// Appends the measure of the next sibling.
    pub fn push(&mut self, next: Measure) {
        self.shows |= next.shows;
        if !next.filled {
            return;
        }
        let joined = self.filled && self.open_end && next.open_start;
        self.words += next.words - u32::from(joined && next.words > 0 && self.words > 0);
        self.chars += next.chars;
        self.link_words += next.link_words;
        if !self.filled {
            self.open_start = next.open_start;
        }
        self.open_end = next.open_end;
        self.filled = true;
    }

    /// The measure an element of `tag` with content `inner` has from outside: a block or a
    /// line break ends the words around it, a link's words are link words.
    pub fn of_element(tag: &Tag, inner: Measure) -> Measure {
        let mut m = inner;
        if *tag == Tag::A {
            m.link_words = m.words;
        }
        if tag.shows_when_empty() {
            m.shows = true;
        }
        if tag.breaks_words() {
            m.filled = true;
            m.open_start = false;
            m.open_end = false;
        }
        m
    }
}

/// The measure of the content of `node`, from the measures of its element children (in
/// `cache`, indexed by node) and its text (sized once, in `sizes`).
pub(crate) fn of_children(
    doc: &Document,
    node: NodeId,
    cache: &[Measure],
    sizes: &TextSizes,
) -> Measure {
    let mut m = Measure::default();
    for c in doc.children(node) {
        match &doc.node(c).data {
            Data::Text(t) => m.push(Measure::of_sized_text(t, sizes.of(c, t))),
            Data::Element(_) => m.push(cache.get(c.index()).copied().unwrap_or_default()),
            _ => {}
        }
    }
    m
}

/// The [`text_size`] of each text node, by node index, taken when first asked: the share
/// guards' bound and the pass read every text, and most texts are never edited in between.
pub(crate) struct TextSizes(Vec<Cell<(u32, u32)>>);

/// Not sized yet (no text of 16 MiB at most has this many words).
const UNKNOWN: (u32, u32) = (u32::MAX, u32::MAX);

impl TextSizes {
    /// Room for the nodes of a document of `len` nodes (others are sized every time).
    pub fn new(len: usize) -> TextSizes {
        TextSizes(vec![Cell::new(UNKNOWN); len])
    }

    /// The size of text node `node`, which holds `text`.
    pub fn of(&self, node: NodeId, text: &str) -> (u32, u32) {
        let Some(cell) = self.0.get(node.index()) else {
            return text_size(text);
        };
        if cell.get() == UNKNOWN {
            cell.set(text_size(text));
        }
        cell.get()
    }

    /// Forgets the size of a text node whose text changed.
    pub fn forget(&self, node: NodeId) {
        if let Some(cell) = self.0.get(node.index()) {
            cell.set(UNKNOWN);
        }
    }
}

/// Words (runs of bytes between ASCII white space) and non-space characters
/// (`char::is_whitespace`) of a text, in one pass over its bytes: eight ASCII bytes at a
/// time, one character at a time elsewhere. This runs over every text of every post (the
/// pass measures each text once, the share guards' bound once more).
pub(crate) fn text_size(s: &str) -> (u32, u32) {
    let bytes = s.as_bytes();
    let (mut words, mut chars) = (0u32, 0u32);
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII chunks, counted in per-byte lanes (no lane passes 255 before they
        // are summed).
        let (mut lane_words, mut lane_chars, mut chunks) = (0u64, 0u64, 0u32);
        while let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if x & HIGH != 0 {
                break;
            }
            let (starts, non_space, ends_in_word) = ascii_chunk(x, in_word);
            lane_words += starts >> 7;
            lane_chars += non_space >> 7;
            in_word = ends_in_word;
            i += 8;
            chunks += 1;
            if chunks == 255 {
                words += sum_lanes(std::mem::take(&mut lane_words));
                chars += sum_lanes(std::mem::take(&mut lane_chars));
                chunks = 0;
            }
        }
        words += sum_lanes(lane_words);
        chars += sum_lanes(lane_chars);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b < 0x80 {
            let space = is_word_break(b);
            words += u32::from(!space && !in_word);
            in_word = !space;
            // Vertical tab is white space to `char` but not a word break.
            chars += u32::from(!space && b != 0x0b);
            i += 1;
        } else {
            // A multi-byte character: never a word break, white space only for a few.
            let c = s[i..].chars().next().unwrap_or(' ');
            words += u32::from(!in_word);
            in_word = true;
            chars += u32::from(!c.is_whitespace());
            i += c.len_utf8();
        }
    }
    (words, chars)
}

/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Each byte of a word set to `b`.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The high bit of each byte of `x` (all ASCII) that equals `b`.
fn bytes_equal(x: u64, b: u8) -> u64 {
    let t = x ^ splat(b);
    // A byte's low seven bits plus 0x7f carry into its high bit unless they are all zero;
    // no byte carries into the next.
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

/// The sum of the eight byte lanes of `x`.
fn sum_lanes(x: u64) -> u32 {
    const PAIRS: u64 = 0x00ff_00ff_00ff_00ff;
    let pairs = (x & PAIRS) + ((x >> 8) & PAIRS);
    // Four 16-bit lanes of at most 510 each: the multiply sums them into the top lane.
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as u32
}

/// Eight ASCII bytes (in memory order, the first in the low byte) after text that ends
/// inside a word or not: the high bit of each byte that starts a word, of each non-space
/// character, and whether the chunk ends inside a word.
fn ascii_chunk(x: u64, in_word: bool) -> (u64, u64, bool) {
    // Bytes from 0x09 to 0x0d: with the high bit set first, subtracting borrows from no
    // byte, and a byte keeps its high bit exactly when it is at least the subtrahend.
    let set = x | HIGH;
    let from_tab = (set - splat(0x09)) & HIGH;
    let past_cr = (set - splat(0x0e)) & HIGH;
    let vt = bytes_equal(x, 0x0b);
    let control_space = from_tab & !past_cr & !vt;
    let space = control_space | bytes_equal(x, b' ');
    let word = !space & HIGH;
    // A word starts at a word byte whose previous byte (the next lower one) is not in one.
    let before = (word << 8) | if in_word { 0x80 } else { 0 };
    let starts = word & !before;
    (starts, word & !vt, word >> 63 == 1)
}

/// The bytes words are split at.
pub(crate) fn is_word_break(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r' | 0x0c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::sink::{Attrs, parse_fragment};

    /// Words (runs of non-space characters), one byte at a time: [`text_size`]'s reference.
    fn count_words(s: &str) -> u32 {
        let mut n = 0;
        let mut in_word = false;
        for &b in s.as_bytes() {
            let space = is_word_break(b);
            if !space && !in_word {
                n += 1;
            }
            in_word = !space;
        }
        n
    }

    #[test]
    fn text_size_agrees_with_char_counts() {
        for s in [
            "",
            "  a  bc\td\n",
            "caf\u{e9} na\u{ef}ve\u{a0}x \u{2003}y",
            "\u{b}v\u{b} \u{3000}\u{85}z",
            "\u{ad}\u{200b}",
        ] {
            let chars = s.chars().filter(|c| !c.is_whitespace()).count() as u32;
            assert_eq!(text_size(s), (count_words(s), chars), "{s:?}");
        }
        // Runs of ASCII long enough that the per-byte counts are summed part way.
        for s in [
            "a b ".repeat(1500),
            "abcdefgh".repeat(700),
            "x\u{e9} ".repeat(900),
        ] {
            let chars = s.chars().filter(|c| !c.is_whitespace()).count() as u32;
            assert_eq!(text_size(&s), (count_words(&s), chars));
        }
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time count agrees with counting one character at a time, on
        /// every mix of ASCII, spaces, controls and wider characters, at every alignment.
        #[test]
        fn text_size_agrees_with_counting_each_character(
            s in "[ a-z\\t\\n\\r\\x0b\\x0c\\x00\\x7f.,\u{a0}\u{e9}\u{3000}\u{2003}\u{1f600}]{0,40}"
        ) {
            let chars = s.chars().filter(|c| !c.is_whitespace()).count() as u32;
            proptest::prop_assert_eq!(text_size(&s), (count_words(&s), chars));
        }
    }

    /// Measures a fragment bottom-up as the decision pass does.
    fn measure(html: &str) -> Measure {
        let doc = parse_fragment(html, Attrs::Needed);
        let root = doc.first_child(NodeId::ROOT).unwrap();
        let mut cache = vec![Measure::default(); 4096];
        let order: Vec<NodeId> = doc.descendants(root).collect();
        for &n in order.iter().rev() {
            if let Some(el) = doc.element(n) {
                cache[n.index()] =
                    Measure::of_element(&el.tag, of_children(&doc, n, &cache, &TextSizes::new(0)));
            }
        }
        of_children(&doc, root, &cache, &TextSizes::new(0))
    }

    #[test]
    fn words_run_on_through_inline_elements_and_stop_at_blocks() {
        assert_eq!(measure("foo<b>bar</b> baz").words, 2);
        assert_eq!(measure("foo<b></b>bar").words, 1);
        assert_eq!(measure("foo<br>bar").words, 2);
        assert_eq!(measure("foo<div>bar</div>baz").words, 3);
        assert_eq!(measure("<a>one two</a> three").link_words, 2);
        assert_eq!(measure("a<i> </i>b").words, 2);
        // The same words whether the text is one node or split by markup around nothing.
        assert_eq!(measure("opini\u{f3}n<span></span>es").words, 1);
    }

    #[test]
    fn only_visible_text_or_content_shows() {
        assert!(!measure("<p> \u{a0} </p>").shows);
        assert!(!measure("<span>\u{200b}</span>").shows);
        assert!(measure("<p><img src=x></p>").shows);
        assert!(measure("<p>x</p>").shows);
    }
}
