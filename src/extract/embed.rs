//! Embedded posts and videos (Instagram, X/Twitter, TikTok, YouTube, Vimeo): in text and
//! Markdown, one line that says what the embed is and where it lives.
//!
//! An oEmbed blockquote holds the embedded post as the provider wrote it for readers
//! without its script (a caption that is often a wall of hashtags, "View this post on
//! Instagram", the author's handle, a date); an iframe holds nothing readable at all. Neither
//! is the article's text. The line `Instagram: https://www.instagram.com/p/…/` keeps
//! what a reader can use, and the cleaned HTML keeps the markup.

use url::Url;

use crate::dom::Tag;
use crate::dom::tree::{Data, Document, NodeId};

/// An embed found in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Embed {
    /// What it is: its provider ("YouTube", "Instagram", "X"…).
    pub kind: &'static str,
    /// Where it lives, without tracking parameters.
    pub url: String,
}

impl Embed {
    /// The line for the text.
    pub fn text(&self) -> String {
        format!("{}: {}", self.kind, self.url)
    }

    /// The line for Markdown (the URL as an autolink, which renders as the URL).
    pub fn markdown(&self) -> String {
        format!("{}: <{}>", self.kind, self.url)
    }
}

/// The embed that element `i` is, if it is one.
pub(crate) fn detect(doc: &Document, i: NodeId) -> Option<Embed> {
    let node = doc.element(i)?;
    let tag = &node.tag;
    let class = node.attr("class").unwrap_or("");
    let has_class = |c: &str| class.split_ascii_whitespace().any(|k| k == c);
    match tag {
        Tag::Iframe => from_player(&Url::parse(node.attr("src")?).ok()?),
        Tag::Blockquote if has_class("instagram-media") => links(doc, i)
            .find_map(|u| post_url(&u).filter(|e| e.kind == INSTAGRAM))
            .or_else(|| {
                node.attr("cite")
                    .and_then(|c| post_url(&Url::parse(c).ok()?))
            }),
        Tag::Blockquote if has_class("twitter-tweet") || has_class("twitter-video") => {
            // The tweet's own link is its last (the date), after links in its text.
            links(doc, i)
                .filter_map(|u| post_url(&u).filter(|e| e.kind == TWEET))
                .last()
        }
        Tag::Blockquote if has_class("tiktok-embed") => node
            .attr("cite")
            .and_then(|c| post_url(&Url::parse(c).ok()?))
            .or_else(|| links(doc, i).find_map(|u| post_url(&u)))
            .filter(|e| e.kind == TIKTOK),
        // Gutenberg's embed block as saved, before WordPress turned the URL into the player.
        Tag::Div if has_class("wp-block-embed__wrapper") => {
            // Its text nodes and elements, in order: one text, a URL, and nothing else.
            let mut words = doc
                .descendants(i)
                .map(|n| match &doc.node(n).data {
                    Data::Text(t) => Some(t.trim()),
                    _ => None,
                })
                .filter(|t| t.is_none_or(|t| !t.is_empty()));
            let only = words.next()??;
            if words.next().is_some() {
                return None;
            }
            post_url(&Url::parse(only).ok()?)
        }
        _ => None,
    }
}

// The provider's name is the kind: short, since the line is read as text.
const YOUTUBE: &str = "YouTube";
const VIMEO: &str = "Vimeo";
const INSTAGRAM: &str = "Instagram";
const TWEET: &str = "X";
const TIKTOK: &str = "TikTok";

/// The absolute links inside element `i`.
fn links(doc: &Document, i: NodeId) -> impl Iterator<Item = Url> + '_ {
    doc.descendants(i)
        .filter_map(|n| doc.element(n))
        .filter(|e| e.tag == Tag::A)
        .filter_map(|e| Url::parse(e.attr("href")?.trim()).ok())
}

fn host(u: &Url) -> &str {
    let h = u.host_str().unwrap_or("");
    h.strip_prefix("www.")
        .or_else(|| h.strip_prefix("m."))
        .unwrap_or(h)
}

/// A provider's page URL (a video, a post, a tweet), as its embed.
fn post_url(u: &Url) -> Option<Embed> {
    let path = u.path();
    let seg: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let clean = || format!("{}://{}{}", u.scheme(), u.host_str().unwrap_or(""), path);
    match host(u) {
        "instagram.com"
            if matches!(seg.first(), Some(&("p" | "reel" | "tv"))) && seg.len() >= 2 =>
        {
            Some(Embed {
                kind: INSTAGRAM,
                url: format!("https://www.instagram.com/{}/{}/", seg[0], seg[1]),
            })
        }
        "twitter.com" | "x.com" if seg.get(1) == Some(&"status") => Some(Embed {
            kind: TWEET,
            url: clean(),
        }),
        "tiktok.com" if seg.get(1) == Some(&"video") => Some(Embed {
            kind: TIKTOK,
            url: clean(),
        }),
        "youtube.com" | "youtu.be" | "youtube-nocookie.com" | "vimeo.com" => from_player(u),
        _ => None,
    }
}

/// A video player's URL (an iframe's `src`, a watch page), as the video's page.
fn from_player(u: &Url) -> Option<Embed> {
    let seg: Vec<&str> = u.path().split('/').filter(|s| !s.is_empty()).collect();
    let youtube = |id: &str| Embed {
        kind: YOUTUBE,
        // YouTube's own short link for the video.
        url: format!("https://youtu.be/{id}"),
    };
    match (host(u), seg.as_slice()) {
        ("youtube.com" | "youtube-nocookie.com", ["embed" | "shorts" | "live", id, ..])
            if *id != "videoseries" =>
        {
            Some(youtube(id))
        }
        ("youtube.com", ["watch"]) => u
            .query_pairs()
            .find(|(k, _)| k == "v")
            .map(|(_, v)| youtube(&v)),
        ("youtu.be", [id]) => Some(youtube(id)),
        ("player.vimeo.com", ["video", id, ..]) | ("vimeo.com", [id]) if is_number(id) => {
            Some(Embed {
                kind: VIMEO,
                url: format!("https://vimeo.com/{id}"),
            })
        }
        ("instagram.com", ["p" | "reel" | "tv", ..]) => post_url(u),
        _ => None,
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Option<String> {
        post_url(&Url::parse(s).unwrap()).map(|e| e.text())
    }

    #[test]
    fn provider_urls() {
        assert_eq!(
            url("https://www.instagram.com/p/CU-W6L2IdxU/?utm_source=ig_embed").as_deref(),
            Some("Instagram: https://www.instagram.com/p/CU-W6L2IdxU/")
        );
        assert_eq!(
            url("https://twitter.com/elonmusk/status/1720918522082078752?ref_src=twsrc").as_deref(),
            Some("X: https://twitter.com/elonmusk/status/1720918522082078752")
        );
        assert_eq!(
            url("https://youtu.be/ex8fMxXJDJw").as_deref(),
            Some("YouTube: https://youtu.be/ex8fMxXJDJw")
        );
        assert_eq!(
            from_player(&Url::parse("https://www.youtube-nocookie.com/embed/abc?rel=0").unwrap())
                .map(|e| e.url)
                .as_deref(),
            Some("https://youtu.be/abc")
        );
        assert_eq!(url("https://twitter.com/WordPress"), None);
        assert_eq!(url("https://example.org/p/x/"), None);
    }
}
