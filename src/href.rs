//! URLs read the way browsers read them. Every decision about a URL in the content (what it
//! resolves to, its scheme, its host) is taken on the WHATWG parse the `url` crate makes, the
//! parse every browser makes: no spelling (`\` for `/`, a tab inside a scheme, a `user@`
//! prefix, a look-alike letter in a host) can make wpclean and a browser see two URLs.

use std::borrow::Cow;
use std::sync::LazyLock;

use url::{Host, ParseError, Url};

/// What relative URLs of a post without a link are read against: only what every page would
/// give them matters (an `https` scheme; for `//host/…`, the host they name). They are written
/// as the author wrote them.
static PLACEHOLDER: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://wpclean.invalid/").expect("a valid URL"));

/// A URL attribute of the content, resolved as a browser resolves it.
#[derive(Debug)]
pub(crate) struct Href<'a>(Parsed<'a>);

#[derive(Debug)]
enum Parsed<'a> {
    /// An absolute `http(s)` URL that the parser reads as exactly itself
    /// ([`is_canonical_web_url`]): most URLs of real posts, taken without parsing them.
    Web(&'a str),
    Url {
        /// The URL a browser follows, without credentials.
        url: Url,
        /// The author's own text, when that is what is written: in-page references (`#top`,
        /// the empty URL) and relative URLs in a post without a link.
        kept: Option<&'a str>,
    },
}

impl<'a> Href<'a> {
    /// Resolves `written` against the post's link `base`, or `None` when no browser could
    /// follow it (`https://`, `http://exa mple.com`).
    pub(crate) fn parse(base: Option<&Url>, written: &'a str) -> Option<Href<'a>> {
        if is_canonical_web_url(written) {
            return Some(Href(Parsed::Web(written)));
        }
        // What the URL parser strips from both ends (C0 controls and space), and no more: a
        // wider trim (`str::trim` takes U+00A0) would make `\u{a0}javascript:…`, which a
        // browser reads as a relative path, into a script URL.
        let text = written.trim_matches(|c: char| c <= ' ');
        let in_page = text.is_empty() || text.starts_with('#');
        let (mut url, kept) = match base {
            Some(base) => (base.join(text).ok()?, in_page.then_some(text)),
            None => match Url::parse(text) {
                Ok(url) => (url, None),
                // Written as it stands, so it must not read as absolute to a looser reader
                // either (one that trims every space: `\u{a0}javascript:…`).
                Err(ParseError::RelativeUrlWithoutBase) if Url::parse(text.trim()).is_err() => {
                    (PLACEHOLDER.join(text).ok()?, Some(text))
                }
                Err(_) => return None,
            },
        };
        if !url.username().is_empty() || url.password().is_some() {
            // Credentials are not published; the URL names the same resource without them.
            // (Both calls only fail on URLs that cannot hold credentials.)
            let _ = url.set_password(None);
            let _ = url.set_username("");
        }
        Some(Href(Parsed::Url { url, kept }))
    }

    /// `written` read as an absolute URL (as the cleaned HTML's URLs are), or `None` when it
    /// is relative or not a URL.
    pub(crate) fn absolute(written: &'a str) -> Option<Href<'a>> {
        if is_canonical_web_url(written) {
            return Some(Href(Parsed::Web(written)));
        }
        let url = Url::parse(written).ok()?;
        Some(Href(Parsed::Url { url, kept: None }))
    }

    /// The URL's scheme, in lower case.
    pub(crate) fn scheme(&self) -> &str {
        match &self.0 {
            Parsed::Web(text) => text.split_once(':').map_or("", |(scheme, _)| scheme),
            Parsed::Url { url, .. } => url.scheme(),
        }
    }

    /// The URL a browser follows (for a relative URL in a post without a link, read against
    /// a placeholder page).
    pub(crate) fn url(&self) -> Cow<'_, Url> {
        match &self.0 {
            Parsed::Web(text) => Cow::Owned(Url::parse(text).expect("a canonical URL parses")),
            Parsed::Url { url, .. } => Cow::Borrowed(url),
        }
    }

    /// The host as the parser writes it (lower case, punycode, `[…]` for IPv6), if any.
    pub(crate) fn host_str(&self) -> Option<&str> {
        match &self.0 {
            Parsed::Web(text) => {
                let rest = &text[text.find("://").map_or(0, |i| i + 3)..];
                Some(&rest[..rest.find('/').unwrap_or(rest.len())])
            }
            Parsed::Url { url, .. } => url.host_str(),
        }
    }

    /// The path, as the parser writes it.
    pub(crate) fn path(&self) -> &str {
        match &self.0 {
            Parsed::Web(text) => {
                let rest = &text[text.find("://").map_or(0, |i| i + 3)..];
                let path = &rest[rest.find('/').unwrap_or(rest.len())..];
                &path[..path.find(['?', '#']).unwrap_or(path.len())]
            }
            Parsed::Url { url, .. } => url.path(),
        }
    }

    /// Whether the URL has a fragment (`#…`, even an empty one).
    pub(crate) fn has_fragment(&self) -> bool {
        match &self.0 {
            Parsed::Web(text) => text.contains('#'),
            Parsed::Url { url, .. } => url.fragment().is_some(),
        }
    }

    /// The URL as written out: resolved and in the parser's canonical form (scheme and host
    /// in lower case, IDN hosts in punycode, no default port, no credentials), or the author's
    /// own text for in-page references and for relative URLs that nothing resolves.
    pub(crate) fn written(&self) -> &str {
        match &self.0 {
            Parsed::Web(text) => text,
            Parsed::Url { url, kept } => kept.unwrap_or(url.as_str()),
        }
    }
}

/// Whether `text` is a web URL that names its host: `http(s)://host/…`, or `//host/…` (a
/// shortcode attribute or a bare word is not, even if a page could resolve it).
pub(crate) fn names_web_host(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c <= ' ');
    match Url::parse(text) {
        Ok(url) => matches!(url.scheme(), "http" | "https") && url.host().is_some(),
        Err(ParseError::RelativeUrlWithoutBase) => PLACEHOLDER
            .join(text)
            .is_ok_and(|url| url.host() != PLACEHOLDER.host()),
        Err(_) => false,
    }
}

/// The host a URL names, as DNS reads it: lower case, punycode, without the trailing dot of a
/// fully qualified name (`www.youtube.com.` is `www.youtube.com`).
pub(crate) fn host(url: &Url) -> Option<Host<&str>> {
    Some(match url.host()? {
        Host::Domain(d) => Host::Domain(d.strip_suffix('.').unwrap_or(d)),
        ip => ip,
    })
}

/// The name a site goes by, for telling its own links from others: its host without a leading
/// `www.` (`www.example.com` and `example.com` are one site).
pub(crate) fn site_name(url: &Url) -> Option<&str> {
    // The serialised host: lower case and punycode for a domain, `[…]` for IPv6.
    url.host_str().map(site_name_of_host)
}

/// [`site_name`] of a host as the parser writes it.
pub(crate) fn site_name_of_host(host: &str) -> &str {
    let host = host.strip_suffix('.').unwrap_or(host);
    match host.strip_prefix("www.") {
        Some(rest) if !rest.is_empty() => rest,
        _ => host,
    }
}

/// A relative `href` that reads as a host the author typed without `https://`
/// (`www.example.org/page`): a browser, and wpclean, resolve it as a path on the post's own
/// site, which is rarely what was meant. Returns the host it names.
pub(crate) fn bare_host(written: &str) -> Option<String> {
    let text = written.trim_matches(|c: char| c <= ' ');
    // The cheap test first: this runs for every link.
    if !text
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("www."))
        || !matches!(Url::parse(text), Err(ParseError::RelativeUrlWithoutBase))
    {
        return None;
    }
    let url = Url::parse(&format!("https://{text}")).ok()?;
    match host(&url)? {
        Host::Domain(d) if d.matches('.').count() >= 2 => Some(d.to_string()),
        _ => None,
    }
}

/// Whether `text` is an absolute `http(s)` URL already in the form the WHATWG parser writes,
/// so that parsing it, or resolving it against any page, gives `text` again, without
/// credentials. The test is conservative: a URL it turns down is parsed as usual.
///
/// It holds for `scheme://host/path?query#fragment` where the scheme is `http` or `https`;
/// the host is lower-case ASCII letters, digits, `-` and `.` (no port, no user, no empty or
/// punycode label, and a last label that starts with a letter, so that no host reads as an
/// IPv4 address); and the rest is letters, digits and the punctuation no part of a URL
/// escapes, without dot segments (`.`, `..`, `%2e`) in the path.
pub(crate) fn is_canonical_web_url(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let bytes = rest.as_bytes();
    match canonical_host_len(bytes) {
        Some(host) => bytes.get(host) == Some(&b'/') && canonical_rest(&bytes[host..]),
        None => false,
    }
}

/// The length of the host name `bytes` starts with, when it is in the parser's form and no
/// step of host parsing changes it: labels of lower-case letters, digits and `-`, none empty
/// or punycode (`xn--`), the last starting with a letter (so that it cannot read as an IPv4
/// address).
fn canonical_host_len(bytes: &[u8]) -> Option<usize> {
    let mut label = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => {}
            b'.' => {
                if i == label || bytes[label..].starts_with(b"xn--") {
                    return None;
                }
                label = i + 1;
            }
            _ => break,
        }
        i += 1;
    }
    let last_ok = bytes.get(label).is_some_and(u8::is_ascii_lowercase)
        && label < i
        && !bytes[label..i].starts_with(b"xn--");
    last_ok.then_some(i)
}

/// Whether a path (and query and fragment after it) is in the form the parser writes: only
/// [`PLAIN`] bytes besides the `?` and `#` that start the query and the fragment, and no dot
/// segment in the path, plain (`..`) or escaped (`%2e`).
fn canonical_rest(rest: &[u8]) -> bool {
    let dot_segment = |segment: &[u8]| segment == b"." || segment == b"..";
    let mut in_path = true;
    let mut in_fragment = false;
    let mut segment_start = 0;
    let mut i = 0;
    while i < rest.len() {
        // Runs of bytes that need no look besides being plain.
        while i < rest.len() && SIMPLE[usize::from(rest[i])] {
            i += 1;
        }
        let Some(&b) = rest.get(i) else {
            break;
        };
        match b {
            b'/' if in_path => {
                if dot_segment(&rest[segment_start..i]) {
                    return false;
                }
                segment_start = i + 1;
            }
            b'%' if in_path => {
                if rest
                    .get(i + 1..i + 3)
                    .is_some_and(|e| e.eq_ignore_ascii_case(b"2e"))
                {
                    return false;
                }
            }
            b'/' | b'%' => {}
            b'?' if in_path => {
                if dot_segment(&rest[segment_start..i]) {
                    return false;
                }
                in_path = false;
            }
            b'?' => {}
            b'#' if !in_fragment => {
                if in_path && dot_segment(&rest[segment_start..i]) {
                    return false;
                }
                in_path = false;
                in_fragment = true;
            }
            _ => return false,
        }
        i += 1;
    }
    !(in_path && dot_segment(&rest[segment_start..]))
}

/// [`PLAIN`] bytes other than `/` and `%`, which the path's dot segments are made of.
static SIMPLE: [bool; 256] = {
    let mut table = PLAIN;
    table[b'/' as usize] = false;
    table[b'%' as usize] = false;
    table
};

/// Bytes no part of an `http(s)` URL escapes or rewrites: ASCII letters, digits and
/// `-._~!$&()*+,;=:@/%`.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let punctuation = b"-._~!$&()*+,;=:@/%";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// URL-like text: mostly pieces a canonical URL may hold, now and then one that each
    /// condition of [`is_canonical_web_url`] turns down (ports, users, punycode, IPv4-like
    /// hosts, upper case, dot segments spelt plainly and escaped, bytes the parser escapes).
    fn url_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let label = prop_oneof![
            8 => "[a-z][a-z0-9-]{0,3}",
            1 => "[0-9]{1,3}|xn--a|0x1|[A-Z]|:8|@|",
        ];
        let piece = prop_oneof![
            12 => "[a-zA-Z0-9_~-]{1,3}|[:@!$&()*+,;=%]|/|[?#]",
            1 => "\\.|\\.\\.|%2e|%2E|/\\./|/\\.\\./",
            1 => "['\\\\ é<>^|`{}\"]",
        ];
        (
            "https?://",
            proptest::collection::vec(label, 1..4),
            proptest::collection::vec(piece, 0..12),
        )
            .prop_map(|(scheme, labels, pieces)| {
                format!("{scheme}{}/{}", labels.join("."), pieces.concat())
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        /// A URL taken as canonical without parsing it reads as itself to the parser, alone
        /// or against any page, and has no credentials.
        #[test]
        fn canonical_urls_read_as_themselves(url in url_like()) {
            if is_canonical_web_url(&url) {
                let alone = Url::parse(&url).unwrap();
                proptest::prop_assert_eq!(alone.as_str(), url.as_str());
                for page in ["https://example.com/a/b", "http://other.example/", "file:///x"] {
                    let page = Url::parse(page).unwrap();
                    let joined = page.join(&url).unwrap();
                    proptest::prop_assert_eq!(joined.as_str(), url.as_str());
                }
                proptest::prop_assert!(alone.username().is_empty() && alone.password().is_none());
                // What the links read of it, without parsing it.
                let href = Href::absolute(&url).unwrap();
                proptest::prop_assert_eq!(href.host_str(), alone.host_str());
                proptest::prop_assert_eq!(href.path(), alone.path());
                proptest::prop_assert_eq!(href.has_fragment(), alone.fragment().is_some());
                proptest::prop_assert_eq!(href.scheme(), alone.scheme());
            }
        }
    }

    #[test]
    fn ordinary_web_urls_are_taken_without_parsing() {
        for url in [
            "https://example.com/",
            "https://www.example.co.uk/wp-content/uploads/2023/01/a-b_c.jpg?w=300&h=200",
            "http://cdn.example.net/path/to/page/#section-2",
            "https://i0.wp.com/example.com/img.png?resize=1024%2C768&ssl=1",
        ] {
            assert!(is_canonical_web_url(url), "{url}");
            assert_eq!(Href::parse(None, url).unwrap().written(), url);
        }
        for url in [
            "HTTPS://example.com/",
            "https://Example.com/",
            "https://example.com",
            "https://example.com:443/",
            "https://user@example.com/",
            "https://192.168.0.1/",
            "https://0x7f.1/",
            "https://xn--bcher-kva.example/",
            "https://example.com/a/../b",
            "https://example.com/a/%2e%2E/b",
            "https://example.com/it's",
            "https://example.com/a b",
            " https://example.com/",
        ] {
            assert!(!is_canonical_web_url(url), "{url}");
        }
    }

    fn resolved(base: Option<&str>, href: &str) -> Option<String> {
        let base = base.map(|b| Url::parse(b).unwrap());
        Href::parse(base.as_ref(), href).map(|h| h.written().to_string())
    }

    #[test]
    fn resolves_as_a_browser_does() {
        let page = Some("https://example.com/post/");
        let r = |href| resolved(page, href);
        assert_eq!(
            r(r"https://evil.example\@example.com/").as_deref(),
            Some("https://evil.example/@example.com/")
        );
        assert_eq!(
            r(r"\\cdn.example\a.jpg").as_deref(),
            Some("https://cdn.example/a.jpg")
        );
        assert_eq!(
            r("//cdn.example/a.jpg").as_deref(),
            Some("https://cdn.example/a.jpg")
        );
        assert_eq!(
            r("HTTP://Example.org/A").as_deref(),
            Some("http://example.org/A")
        );
        assert_eq!(
            r("httPs://example.org/a/").as_deref(),
            Some("https://example.org/a/")
        );
        assert_eq!(
            r("MAILTO:me@example.org").as_deref(),
            Some("mailto:me@example.org")
        );
        assert_eq!(r("/b/").as_deref(), Some("https://example.com/b/"));
        assert_eq!(
            r("my-long-slug-of-a-post-name/").as_deref(),
            Some("https://example.com/post/my-long-slug-of-a-post-name/")
        );
        assert_eq!(
            r("java\tscript:alert(1)").as_deref(),
            Some("javascript:alert(1)")
        );
        assert_eq!(
            r("\u{a0}javascript:alert(1)").as_deref(),
            Some("https://example.com/post/%C2%A0javascript:alert(1)")
        );
        assert_eq!(
            r("https://user:pass@example.com/p").as_deref(),
            Some("https://example.com/p")
        );
        assert_eq!(r("#top").as_deref(), Some("#top"));
        assert_eq!(r(" #top\u{1}").as_deref(), Some("#top"));
        assert_eq!(r(""), Some(String::new()));
        assert_eq!(r("https://"), None);
        assert_eq!(r("http://exa mple.com/"), None);
        assert_eq!(r("http://[::1/"), None);
    }

    #[test]
    fn relative_urls_stay_as_written_without_a_base() {
        let r = |href| resolved(None, href);
        assert_eq!(r(" page/ ").as_deref(), Some("page/"));
        assert_eq!(
            r("//cdn.example/a.jpg").as_deref(),
            Some("//cdn.example/a.jpg")
        );
        assert_eq!(
            r("HTTPS://Example.org/").as_deref(),
            Some("https://example.org/")
        );
        // A relative path to a browser, but a script URL once trimmed of every space: with
        // nothing to resolve it against, it is left out rather than written as it stands.
        assert_eq!(r("\u{a0}javascript:alert(1)"), None);
        assert_eq!(r("\u{3000}https://example.org/"), None);
        assert_eq!(
            r("\u{1} javascript:alert(1)").as_deref(),
            Some("javascript:alert(1)")
        );
        let h = Href::parse(None, r"\\evil.example\x").unwrap();
        assert_eq!(h.url().host_str(), Some("evil.example"));
        assert_eq!(h.url().scheme(), "https");
    }

    #[test]
    fn hosts_and_site_names() {
        let host_of = |s: &str| host(&Url::parse(s).unwrap()).map(|h| h.to_string());
        assert_eq!(
            host_of("https://WWW.YouTube.com./x").as_deref(),
            Some("www.youtube.com")
        );
        assert_eq!(host_of("http://[0:0::1]:8080/").as_deref(), Some("[::1]"));
        assert_eq!(host_of("http://0x7f.1/").as_deref(), Some("127.0.0.1"));
        assert_eq!(
            host_of("https://www.y\u{43e}utube.com/").as_deref(),
            Some("www.xn--yutube-wqf.com")
        );
        assert_eq!(host_of("mailto:a@b.example"), None);
        let site = |s: &str| site_name(&Url::parse(s).unwrap()).map(str::to_string);
        assert_eq!(
            site("https://www.example.com./").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            site("https://example.com:8443/").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            site("https://www.www.example/").as_deref(),
            Some("www.example")
        );
        assert_eq!(site("https://www./").as_deref(), Some("www"));
    }

    #[test]
    fn urls_that_name_a_web_host() {
        for yes in [
            "https://e.example/a.mp3",
            "HTTP://e.example/a.mp3",
            "//e.example/a.mp3",
            r"\\e.example\a.mp3",
        ] {
            assert!(names_web_host(yes), "{yes:?}");
        }
        for no in [
            "a.mp3",
            "/media/a.mp3",
            "loop",
            "mailto:a@e.example",
            "https://",
            "",
        ] {
            assert!(!names_web_host(no), "{no:?}");
        }
    }

    #[test]
    fn bare_hosts_typed_without_a_scheme() {
        assert_eq!(
            bare_host("www.example.org/page").as_deref(),
            Some("www.example.org")
        );
        assert_eq!(
            bare_host(" WWW.Example.org").as_deref(),
            Some("www.example.org")
        );
        for not in [
            "my-long-slug-of-a-post-name/",
            "page.html",
            "/www.example.org/",
            "https://www.example.org/",
            "www.html",
            "www.",
        ] {
            assert_eq!(bare_host(not), None, "{not:?}");
        }
    }
}
