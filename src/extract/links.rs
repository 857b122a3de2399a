//! The walk's links and images: what a link or image adds to the text, the Markdown and the
//! article's `links` and `images`.

use super::Walker;
use super::elements::Open;
use super::inline::{Inline, md_url};
use crate::article::{Image, Link};
use crate::dom::tree::NodeId;
use crate::href::Href;

impl Walker<'_> {
    pub(super) fn image(&mut self, i: NodeId) {
        let node = self.el(i);
        let Some(src) = node.attr("src") else { return };
        let alt = node.attr("alt").unwrap_or("").trim().to_string();
        if !self.inline.in_code() {
            let mut escaped = Inline::default();
            escaped.push_str(&alt, false, true);
            self.inline
                .push_md(&format!("![{}]({})", escaped.md, md_url(src)));
        }
        let dim = |n: &str| {
            node.attr(n)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
        };
        self.out.images.push(Image {
            src: src.to_string(),
            alt,
            caption: None,
            width: dim("width"),
            height: dim("height"),
        });
    }

    pub(super) fn link(&mut self, i: NodeId, default: Open) -> Open {
        let node = self.el(i);
        let Some(href) = node.attr("href").map(str::trim) else {
            return default;
        };
        let Some(url) = self.content_link(href) else {
            if self.in_page(href) {
                self.link_text.push((i, String::new()));
                return Open::InPage(self.inline.position());
            }
            return default;
        };
        // The same site to a browser: the host it would connect to, less a leading `www.`.
        let internal = self.host.is_some()
            && url.host_str().map(crate::href::site_name_of_host) == self.host.as_deref();
        let marked = self.inline.open_link(md_url(href));
        self.link_text.push((i, String::new()));
        Open::Link { marked, internal }
    }

    /// `#id`, or this page's URL with a fragment.
    fn in_page(&self, href: &str) -> bool {
        if href.starts_with('#') {
            return true;
        }
        let (Some(url), Some(page)) = (Href::absolute(href), self.page) else {
            return false;
        };
        url.has_fragment() && url.host_str() == page.host_str() && url.path() == page.path()
    }

    /// Links are absolute `http(s)`, `mailto` and `tel` URLs (the HTML's URLs are already
    /// resolved and checked); in-page anchors and links back to this page's headings are not
    /// content.
    fn content_link<'h>(&self, href: &'h str) -> Option<Href<'h>> {
        let url = Href::absolute(href)?;
        if !crate::safety::safe_link_scheme(url.scheme()) {
            return None;
        }
        if url.has_fragment()
            && let Some(page) = self.page
            && url.host_str() == page.host_str()
            && url.path() == page.path()
        {
            return None;
        }
        Some(url)
    }

    pub(super) fn close_link(&mut self, i: NodeId, marked: bool, internal: bool) {
        let node = self.el(i);
        let href = node.attr("href").unwrap_or("").trim().to_string();
        let text = match self.link_text.pop() {
            Some((_, t)) => {
                let mut n = Inline::default();
                n.push_str(&t, false, false);
                n.text
            }
            None => String::new(),
        };
        if marked {
            self.inline.close_link();
        }
        let rel = node
            .attr("rel")
            .map(|r| {
                r.split_ascii_whitespace()
                    .map(|t| t.to_ascii_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let target = node
            .attr("target")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        self.out.links.push(Link {
            href,
            text,
            rel,
            target,
            internal,
        });
    }
}

/// Whether an in-page link's text says "back to top" (`[top]`, `↑`, "Back to top"…) or is a
/// recipe plugin's jump button ("Jump to Recipe": WP Recipe Maker, Tasty Recipes): page
/// navigation, not the article's text.
pub(super) fn back_to_top(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| c.is_whitespace() || "[](){}<>^↑⇑⬆▲△«»|".contains(c))
        .to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.trim_end_matches(['.', '!']);
    (t.is_empty() && !text.trim().is_empty())
        || matches!(
            t,
            "top"
                | "to top"
                | "back to top"
                | "back to the top"
                | "go to top"
                | "go back to top"
                | "return to top"
                | "scroll to top"
                | "page top"
                | "top of page"
                | "nach oben"
                | "zum seitenanfang"
                | "haut de page"
                | "retour en haut"
                | "volver arriba"
                | "torna su"
                | "ページトップ"
                | "トップへ戻る"
                | "jump to recipe"
                | "jump to video"
                | "skip to recipe"
        )
}
