//! Raw `post_content` (WXR `content:encoded`) to the HTML WordPress would send to browsers.
//!
//! WordPress stores posts unrendered: Gutenberg block comments, shortcodes, and classic-editor
//! text whose paragraphs are only blank lines. At display time it removes the block comments,
//! runs `wpautop` (paragraphs and line breaks) on classic content and expands shortcodes.
//! [`render_raw`] does the same text transform, for what wpclean needs:
//!
//! 1. Block delimiters (`<!-- wp:name {…} -->`, `<!-- /wp:name -->`, `<!-- wp:name /-->`) are
//!    removed; what lies between them is kept. Like WordPress's `do_blocks`, a post that holds
//!    blocks gets no paragraphs at all (classic text between its blocks stays as written),
//!    except inside a `core/shortcode` block, which WordPress renders with `wpautop`.
//! 2. Core shortcodes: `[caption]` with a width and caption text becomes a `<figure>` with a
//!    `<figcaption>` (without either, its bare content, as `img_caption_shortcode` returns
//!    it), `[embed]` a link in its sentence, `[audio]`/`[video]` with a source URL an
//!    `<audio>`/`<video>` player (video in a `wp-video` box) keeping the content's `<source>`
//!    and `<track>` elements; `[gallery]` and `[playlist]` are removed with a warning (they
//!    need the attachments). Other shortcodes lose their tags and keep their inner text. A
//!    shortcode alone in its paragraph is not wrapped in `<p>` (WordPress's
//!    `shortcode_unautop`). Brackets that are not clearly shortcodes (`[1]`, `[…]`,
//!    `[see below]`) are left alone, unless the post uses the name as a shortcode elsewhere;
//!    `[[name]]` is the escaped, literal `[name]`.
//! 3. Auto-embeds: a URL alone on its line (or in its paragraph), which WordPress turns into
//!    an embed or a link, becomes a link, or a player when it is an audio or video file (as
//!    WordPress's embed handlers for them do; `[embed]` the same).
//! 4. `wpautop`: blank lines separate paragraphs (`<p>`), single newlines become `<br />`;
//!    nothing is added inside `<pre>`, `<script>`, `<style>`, `<math>` or CDATA sections,
//!    no paragraph goes around block-level elements, and text directly inside `<blockquote>`
//!    is a paragraph.
//!
//! `tests/it/wpautop.rs` compares this with WordPress's own rendering, block by block.

mod autop;
mod shortcodes;
mod stash;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use regex::Regex;

use autop::{autolink, autop, unprotected};
use shortcodes::{UsedNames, shortcodes};
use stash::{END, MARK, Stash, TAG_NL};

/// Renders raw WordPress post content into HTML, the way WordPress's `the_content` filters
/// would (block comments removed, core shortcodes expanded, `wpautop`). Shortcodes that cannot
/// be rendered without the site (galleries, playlists) are removed and reported in `warnings`.
pub fn render_raw(content: &str, warnings: &mut Vec<String>) -> String {
    // The placeholders below use private-use characters: make sure the input has none.
    let content: String = content
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            MARK | END | TAG_NL => '\u{FFFD}',
            c => c,
        })
        .collect();
    let used = UsedNames::scan(&content);
    let mut stash = Stash::default();
    let mut out = String::with_capacity(content.len() + content.len() / 8);
    for (text, kind) in segments(&content) {
        let paragraphs = matches!(kind, Segment::Classic | Segment::ShortcodeBlock);
        let text = shortcodes(text, &used, &mut stash, warnings, paragraphs);
        if paragraphs {
            out.push_str(&autop(&text, &mut stash));
        } else {
            out.push_str(&unprotected(&text, |t| autolink(t, &mut stash)));
        }
    }
    stash.expand(&out, 0)
}

/// Builds a regex from a literal pattern (a bug, not bad input, if it does not compile).
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// A block delimiter comment: group 1 is the closer's `/`, group 2 the block's name, group 3
/// the void block's `/`.
static DELIMITER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?s)<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(?:\{.*?\}\s+)?(/)?-->")
});

/// What a piece of the content is, which decides whether it is given paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    /// A post without blocks: classic text, given paragraphs (`wpautop`).
    Classic,
    /// In a post with blocks, anything but a shortcode block: HTML as written. WordPress's
    /// `do_blocks` turns `wpautop` off for content that holds blocks, so classic text
    /// between blocks is not given paragraphs either.
    Blocks,
    /// The inside of a `core/shortcode` block, which WordPress renders with `wpautop`.
    ShortcodeBlock,
}

/// The content without block delimiters, in pieces that say how each is rendered.
fn segments(content: &str) -> Vec<(&str, Segment)> {
    let mut out = Vec::new();
    // Depth of the enclosing blocks, and the depth at which a shortcode block opened.
    let mut depth = 0usize;
    let mut shortcode_at = None;
    let mut last = 0;
    let kind = |shortcode_at: Option<usize>| match shortcode_at {
        Some(_) => Segment::ShortcodeBlock,
        None => Segment::Blocks,
    };
    for c in DELIMITER.captures_iter(content) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if whole.start > last {
            out.push((&content[last..whole.start], kind(shortcode_at)));
        }
        let name = c.get(2).map_or("", |m| m.as_str());
        if c.get(1).is_some() {
            depth = depth.saturating_sub(1);
            if shortcode_at == Some(depth) {
                shortcode_at = None;
            }
        } else if c.get(3).is_none() {
            if shortcode_at.is_none() && matches!(name, "shortcode" | "core/shortcode") {
                shortcode_at = Some(depth);
            }
            depth += 1;
        }
        last = whole.end;
    }
    if last == 0 {
        return vec![(content, Segment::Classic)];
    }
    if last < content.len() {
        out.push((&content[last..], kind(shortcode_at)));
    }
    out
}
