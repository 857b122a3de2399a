//! Raw `post_content` (WXR `content:encoded`) to the HTML WordPress would send to browsers.
//!
//! WordPress stores posts unrendered: Gutenberg block comments, shortcodes, and classic-editor
//! text whose paragraphs are only blank lines. At display time it removes the block comments,
//! runs `wpautop` (paragraphs and line breaks) on classic content and expands shortcodes.
//! [`render_raw`] does the same text transform, for what wpclean needs:
//!
//! 1. Block delimiters (`<!-- wp:name {…} -->`, `<!-- /wp:name -->`, `<!-- wp:name /-->`) are
//!    removed; what lies between them is kept. Text inside blocks is already HTML and is not
//!    given paragraphs; classic text outside blocks is.
//! 2. Core shortcodes: `[caption]` becomes a `<figure>` with a `<figcaption>`, `[embed]` a link,
//!    `[audio]`/`[video]` with a source URL a media element; `[gallery]` and `[playlist]` are
//!    removed with a warning (they need the attachments). Other shortcodes lose their tags and
//!    keep their inner text. Brackets that are not clearly shortcodes (`[1]`, `[…]`,
//!    `[see below]`) are left alone; `[[name]]` is the escaped, literal `[name]`.
//! 3. Auto-embeds: a URL alone on its line (or in its paragraph), which WordPress turns into
//!    an embed or a link, becomes a link.
//! 4. `wpautop`: blank lines separate paragraphs (`<p>`), single newlines become `<br />`,
//!    never inside or around block-level elements, `<pre>`, `<script>` or `<style>`.

mod autop;
mod shortcodes;
mod stash;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use regex::Regex;

use autop::{autolink, autop, unprotected};
use shortcodes::shortcodes;
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
    let mut stash = Stash::default();
    let mut out = String::with_capacity(content.len() + content.len() / 8);
    for (text, freeform) in segments(&content) {
        let text = shortcodes(text, &mut stash, warnings, 0);
        if freeform {
            out.push_str(&autop(&text, &mut stash));
        } else {
            out.push_str(&unprotected(&text, autolink));
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

/// A block delimiter comment: group 1 is the closer's `/`, group 2 the void block's `/`.
static DELIMITER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?s)<!--\s+(/)?wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?\s+(?:\{.*?\}\s+)?(/)?-->")
});

/// The content without block delimiters, as pieces that are classic text outside any block
/// (`true`) or the inside of a block (`false`).
fn segments(content: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut last = 0;
    for c in DELIMITER.captures_iter(content) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if whole.start > last {
            out.push((&content[last..whole.start], depth == 0));
        }
        if c.get(1).is_some() {
            depth = depth.saturating_sub(1);
        } else if c.get(2).is_none() {
            depth += 1;
        }
        last = whole.end;
    }
    if last < content.len() {
        out.push((&content[last..], depth == 0));
    }
    out
}
