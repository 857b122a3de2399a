//! Placeholders: finished HTML taken out of the text while it is transformed.

/// Starts a placeholder: `MARK`, a kind letter, the stash index, `END`.
pub(super) const MARK: char = '\u{E000}';
/// Ends a placeholder.
pub(super) const END: char = '\u{E001}';
/// A newline inside a tag, kept out of `wpautop`'s way.
pub(super) const TAG_NL: char = '\u{E002}';

/// A block-level fragment (`<pre>`, `<style>`, `<math>`, a caption's `<figure>`): its own
/// paragraph.
pub(super) const BLOCK: char = 'B';
/// An inline fragment (`<svg>`, `<textarea>`, `<script>`, CDATA, media): part of a paragraph,
/// newlines kept.
pub(super) const INLINE: char = 'I';
/// A shortcode's output that stands alone in its paragraph: never wrapped in `<p>` (as
/// WordPress's `shortcode_unautop` unwraps it), part of a paragraph otherwise.
pub(super) const BARE: char = 'S';
/// An invisible fragment (comments): never given a paragraph of its own.
pub(super) const QUIET: char = 'Q';

/// Fragments of finished HTML taken out of the text while it is transformed, put back at the
/// end.
#[derive(Debug, Default)]
pub(super) struct Stash {
    items: Vec<String>,
}

impl Stash {
    /// Stores `html`, returning the placeholder that stands for it.
    pub(super) fn put(&mut self, kind: char, html: String) -> String {
        let n = self.items.len();
        self.items.push(html);
        format!("{MARK}{kind}{n}{END}")
    }

    /// Replaces the placeholders in `s` with their fragments (which may hold placeholders).
    pub(super) fn expand(&self, s: &str, depth: usize) -> String {
        if !s.contains(MARK) {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(at) = rest.find(MARK) {
            out.push_str(&rest[..at]);
            let after = &rest[at + MARK.len_utf8()..];
            let item = after
                .find(END)
                .and_then(|end| Some((after.get(1..end)?.parse::<usize>().ok()?, end)))
                .and_then(|(n, end)| Some((self.items.get(n)?, end)));
            match item {
                Some((html, end)) if depth < 64 => {
                    out.push_str(&self.expand(html, depth + 1));
                    rest = &after[end + END.len_utf8()..];
                }
                _ => rest = after,
            }
        }
        out.push_str(rest);
        out
    }
}
