//! What the cleaned HTML may contain: URL schemes checked on every URL attribute, and
//! iframes only from allowed embed hosts (the elements allowed are flags of the tag table,
//! [`Tag::policy`](crate::dom::Tag::policy)). The structured fields are extracted first;
//! this policy only governs what is written out.
//! Schemes and hosts are those the URL parser reads ([`crate::href`]), as a browser would.

use url::{Host, Url};

use crate::href::{self, Href};

/// Whether a URL may stand in a link (`href`, `cite`): `http(s)`, `mailto` or `tel` (a
/// relative or in-page reference resolves to the page's `http(s)`). `javascript:`,
/// `vbscript:`, `data:` and every other scheme are refused; the scheme is the one the URL
/// parser reads, so no spelling (case, tabs or newlines inside it, control characters around
/// it) disguises it.
pub(crate) fn safe_link_scheme(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "mailto" | "tel")
}

/// Whether a URL with this scheme may be the source of an image or media element: `http(s)`.
pub(crate) fn safe_media_scheme(scheme: &str) -> bool {
    matches!(scheme, "http" | "https")
}

/// The hosts whose iframes are kept, read once from
/// [`Options::iframe_hosts`](crate::Options::iframe_hosts) into the form the URL parser gives
/// hosts (lower case, IDN in punycode, no trailing dot), so that they compare with what a
/// browser loads.
#[derive(Debug, Clone)]
pub(crate) struct EmbedHosts(Vec<Host<String>>);

impl EmbedHosts {
    /// Reads host names (`youtube.com`, `bücher.example`, `[::1]`); an entry written as a
    /// URL (`https://player.example/`) stands for its host. An entry that is neither matches
    /// nothing.
    pub(crate) fn new(names: &[String]) -> EmbedHosts {
        let read = |name: &String| {
            let name = name.trim().trim_start_matches('.');
            let parsed = Host::parse(name).ok().or_else(|| {
                let url = Url::parse(name).ok()?;
                href::host(&url).map(|h| h.to_owned())
            })?;
            Some(match parsed {
                Host::Domain(d) => Host::Domain(d.trim_end_matches('.').to_string()),
                ip => ip,
            })
        };
        EmbedHosts(names.iter().filter_map(read).collect())
    }

    /// Whether `host` is on the list: a listed domain matches itself and its subdomains, a
    /// listed IP address only itself. Ports do not count: whoever holds a host holds its ports.
    fn allows(&self, host: &Host<&str>) -> bool {
        self.0.iter().any(|allowed| match (host, allowed) {
            (Host::Domain(h), Host::Domain(a)) => {
                h == a
                    || h.strip_suffix(a.as_str())
                        .is_some_and(|sub| sub.ends_with('.'))
            }
            (h, a) => h == a,
        })
    }

    /// Whether an iframe with this (already checked and resolved) source is kept: the host a
    /// browser would load it from is on the list.
    pub(crate) fn allows_src(&self, src: Option<&str>) -> bool {
        let src = src
            .and_then(|s| Href::parse(None, s))
            .map(|s| s.url().into_owned());
        src.as_ref()
            .and_then(href::host)
            .is_some_and(|h| self.allows(&h))
    }
}

/// Embed hosts whose iframes are kept by default.
pub(crate) const DEFAULT_IFRAME_HOSTS: [&str; 9] = [
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "w.soundcloud.com",
    "open.spotify.com",
    "embed.ted.com",
    "www.dailymotion.com",
    "www.google.com",
    "player.twitch.tv",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// What a URL written in a post at `https://example.com/post/` resolves to.
    fn at_page(href: &str) -> Option<Url> {
        let page = Url::parse("https://example.com/post/").unwrap();
        Href::parse(Some(&page), href).map(|h| h.url().into_owned())
    }

    #[test]
    fn schemes() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "\u{1f} \u{e}javascript:alert(1)\u{1}",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/png;base64,AAAA",
            "livescript:x",
            "my-long-slug-of-a-post-name-javascript:alert(1)",
        ] {
            let url = at_page(bad).unwrap();
            assert!(!safe_link_scheme(url.scheme()), "{bad:?}");
            assert!(!safe_media_scheme(url.scheme()), "{bad:?}");
        }
        for good in [
            "https://a.example/x",
            "http://a",
            "/rel/path",
            "page.html",
            "my-long-slug-of-a-post-name/",
            "an-even-longer-first-path-segment-of-forty/x",
            "www.example.org/page",
            "#top",
            "?q=1",
            "//cdn.example/x.jpg",
            r"\\cdn.example\x.jpg",
            // A relative path to a browser: the parser strips no U+00A0.
            "\u{a0}javascript:alert(1)",
            "https:javascript:alert(1)",
        ] {
            let url = at_page(good).unwrap();
            assert!(safe_link_scheme(url.scheme()), "{good:?}");
            assert!(safe_media_scheme(url.scheme()), "{good:?}");
        }
        for link_only in ["mailto:a@b.c", "tel:+1", "MAILTO:a@b.c"] {
            let url = at_page(link_only).unwrap();
            assert!(safe_link_scheme(url.scheme()), "{link_only:?}");
            assert!(!safe_media_scheme(url.scheme()), "{link_only:?}");
        }
    }

    fn defaults() -> EmbedHosts {
        let hosts: Vec<String> = DEFAULT_IFRAME_HOSTS.iter().map(|s| s.to_string()).collect();
        EmbedHosts::new(&hosts)
    }

    #[test]
    fn iframes_only_from_allowed_hosts() {
        let hosts = defaults();
        let frame = |src: &str| hosts.allows_src(Some(src));
        for kept in [
            "https://www.youtube.com/embed/x",
            "https://youtube.com/embed/x",
            "HTTPS://WWW.YOUTUBE.COM/embed/x",
            "https://www.youtube.com./embed/x",
            "https://www.youtube.com:8443/embed/x",
            "//www.youtube.com/embed/x",
            "https://user:pass@www.youtube.com/embed/x",
            "https://evil.example%2F@www.youtube.com/embed/x",
            "https://www.youtube\u{ff0e}com/embed/x",
            "https://www.youtube%2Ecom/embed/x",
            "https://\u{e9}.youtube.com/x",
            "https://xn--9ca.youtube.com/x",
        ] {
            assert!(frame(kept), "{kept:?}");
        }
        for dropped in [
            r"https://evil.example\@www.youtube.com/embed/x",
            r"https:\\evil.example\@www.youtube.com/embed/x",
            r"\\evil.example\embed",
            "//evil.example/embed",
            "https://evil.example/x",
            "https://notyoutube.com/x",
            "https://www.youtube.com@evil.example/embed/x",
            "https://www.youtube.com.evil.example/embed/x",
            "https://evil.example#@www.youtube.com/",
            "https://evil.example?@www.youtube.com/",
            "https://www.y\u{43e}utube.com/embed/x",
            "https://www.xn--yutube-wqf.com/embed/x",
            "https://youtube.com../embed/x",
            "http://[::1]/embed/x",
            "http://127.0.0.1/embed/x",
            "https://\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}/x",
            "javascript:alert(1)//www.youtube.com/",
            "relative/embed",
            "https://",
            "",
        ] {
            assert!(!frame(dropped), "{dropped:?}");
        }
        assert!(!hosts.allows_src(None));
    }

    #[test]
    fn allow_list_entries_are_read_as_hosts() {
        let list = |names: &[&str]| {
            EmbedHosts::new(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        };
        let hosts = list(&[
            "Player.Example.ORG.",
            "b\u{fc}cher.example",
            "[::1]",
            "https://media.example:8080/embed",
            "not a host",
        ]);
        let frame = |src: &str| hosts.allows_src(Some(src));
        for kept in [
            "https://player.example.org/v/1",
            "https://cdn.player.example.org/v/1",
            "https://xn--bcher-kva.example/v",
            "https://B\u{dc}CHER.example/v",
            "http://[::1]/v",
            "http://[0:0::1]:8080/v",
            "https://media.example/v",
        ] {
            assert!(frame(kept), "{kept:?}");
        }
        for dropped in [
            "https://example.org/v",
            "https://xplayer.example.org/v",
            "https://bucher.example/v",
            "http://[::2]/v",
            "https://not a host/",
        ] {
            assert!(!frame(dropped), "{dropped:?}");
        }
    }
}
