//! Well-known filter-evasion vectors fed as post content: nothing active may survive into
//! `html`, into what a Markdown renderer makes of `markdown`, or into `links`.

use scraper::{Html, Selector};
use url::Url;
use wpclean::{Article, Extractor, Options, Post};

const VECTORS: &[&str] = &[
    r#"<script>alert(1)</script>"#,
    r#"<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>"#,
    r#"<IMG SRC="javascript:alert('XSS');">"#,
    r#"<IMG SRC=JaVaScRiPt:alert('XSS')>"#,
    r#"<IMG SRC=`javascript:alert("RSnake says, 'XSS'")`>"#,
    r#"<a onmouseover="alert(document.cookie)">xxs link</a>"#,
    r#"<IMG """><SCRIPT>alert("XSS")</SCRIPT>">"#,
    r#"<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>"#,
    r#"<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>"#,
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    r#"<a href="jav&#x09;ascript:alert(1)">tab link</a>"#,
    r#"<a href=" javascript:alert(1)">space link</a>"#,
    r#"<a href="JAVASCRIPT:alert(1)">upper link</a>"#,
    r#"<a href="vbscript:msgbox(1)">vb link</a>"#,
    r#"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>"#,
    r#"<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>"#,
    r#"<BODY onload!#$%&()*~+-_.,:;?@[/|\]^`=alert("XSS")>"#,
    r#"<<SCRIPT>alert("XSS");//<</SCRIPT>"#,
    r#"<SCRIPT SRC=//xss.example/.j>"#,
    r#"<IMG SRC="`<javascript:alert>`('XSS')""#,
    r#"<iframe src=https://evil.example/x.html <"#,
    r#"<svg><script>alert(1)</script></svg>"#,
    r#"<svg onload=alert(1)>"#,
    r#"<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>"#,
    r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>"#,
    r#"<math><mi xlink:href="javascript:alert(1)">click</mi></math>"#,
    r#"<!--<img src="--><img src=x onerror=alert(1)//">"#,
    r#"<!-- unclosed comment <script>alert(1)</script>"#,
    r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>"#,
    r#"<img src=x onerror="alert(1)">"#,
    r#"<body background="javascript:alert('XSS')">"#,
    r#"<div style="background-image: url(javascript:alert('XSS'))">styled</div>"#,
    r#"<div style="width: expression(alert('XSS'));">expr</div>"#,
    r#"<object data="javascript:alert(1)"></object>"#,
    r#"<embed src="javascript:alert(1)">"#,
    r#"<form action="javascript:alert(1)"><input type=submit></form>"#,
    r#"<button formaction="javascript:alert(1)">x</button>"#,
    r#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#,
    r#"<base href="javascript:alert(1)//">"#,
    r#"<link rel="stylesheet" href="javascript:alert(1)">"#,
    r#"<table background="javascript:alert(1)"><tr><td>t</td></tr></table>"#,
    r#"<details open ontoggle=alert(1)>d</details>"#,
    r#"<video><source onerror="alert(1)"></video>"#,
    r#"<audio src=x onerror=alert(1)>"#,
    r#"<a href="https://ok.example" onclick="alert(1)">ok link</a>"#,
    r#"<p>[click](javascript:alert(1)) and <b>*md*</b></p>"#,
    r#"<p>&lt;script&gt;alert(1)&lt;/script&gt; written as text</p>"#,
    r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
    r#"<iframe src="https://www.youtube.com/embed/x" onload="alert(1)"></iframe>"#,
    r#"<a href="java&NewLine;script:alert(1)">newline entity</a>"#,
];

/// URLs that a hand-made reading and a browser's (WHATWG URL parsing) read differently: every
/// one of these iframes is from a host outside the allow-list, every one of these links runs
/// code, to a browser.
const URL_VECTORS: &[&str] = &[
    r#"<iframe src="https://evil.example\@www.youtube.com/embed/x"></iframe>"#,
    r#"<iframe src="https:\\evil.example\@www.youtube.com/embed/x"></iframe>"#,
    r#"<iframe src="//evil.example/embed/x"></iframe>"#,
    r#"<iframe src="\\evil.example\embed\x"></iframe>"#,
    r#"<iframe src="/\evil.example/embed/x"></iframe>"#,
    r#"<iframe src="https://www.youtube.com@evil.example/embed/x"></iframe>"#,
    r#"<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>"#,
    r#"<iframe src="https://evil.example#@www.youtube.com/embed/x"></iframe>"#,
    r#"<iframe src="https://evil.example?@www.youtube.com/embed/x"></iframe>"#,
    "<iframe src=\"https://www.y\u{43e}utube.com/embed/x\"></iframe>",
    r#"<iframe src="https://www.xn--yutube-wqf.com/embed/x"></iframe>"#,
    r#"<iframe src="http://[::1]/embed/x"></iframe>"#,
    r#"<iframe src="http://0x7f.1/embed/x"></iframe>"#,
    r#"<iframe src="jav&#x09;ascript:alert(1)"></iframe>"#,
    r#"<iframe src="my-long-slug-of-a-post-name/embed"></iframe>"#,
    "<a href=\"java\nscript:alert(1)\">newline in scheme</a>",
    "<a href=\"java\rscript:alert(1)\">return in scheme</a>",
    r#"<a href="jav&#x0D;ascript:alert(1)">return entity</a>"#,
    r#"<a href="javascript&colon;alert(1)">colon entity</a>"#,
    r#"<a href="&#x01;&#x20;javascript:alert(1)">leading controls</a>"#,
    "<a href=\"javascript:alert(1)\u{1f} \">trailing controls</a>",
    "<a href=\"\u{a0}javascript:alert(1)\">leading no-break space</a>",
    "<img src=\"\u{3000}javascript:alert(1)\">",
    r#"<a href="https:javascript:alert(1)">scheme after scheme</a>"#,
    r#"<a href="my-long-slug-of-a-post-name-javascript:alert(1)">long scheme</a>"#,
    r#"<a href="JaVa&#x0A;ScRiPt&#x3A;alert(1)">mixed</a>"#,
];

fn extractor() -> Extractor {
    Extractor::new(&Options::default()).unwrap()
}

/// Everything active an HTML document can hold.
fn assert_inert(html: &str, ctx: &str) {
    let doc = Html::parse_fragment(html);
    let all = Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        assert!(
            !matches!(
                name,
                "script"
                    | "style"
                    | "svg"
                    | "math"
                    | "object"
                    | "embed"
                    | "form"
                    | "input"
                    | "button"
                    | "base"
                    | "meta"
                    | "link"
                    | "noscript"
                    | "template"
            ),
            "{ctx}: <{name}> in {html}"
        );
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "{ctx}: {attr} in {html}");
            assert!(
                !matches!(
                    attr,
                    "style"
                        | "srcdoc"
                        | "formaction"
                        | "background"
                        | "action"
                        | "xlink:href"
                        | "data"
                ),
                "{ctx}: {attr} in {html}"
            );
            if matches!(attr, "href" | "src" | "cite" | "poster") {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:")
                        && !v.starts_with("vbscript:")
                        && !v.starts_with("data:"),
                    "{ctx}: {attr}={value:?}"
                );
            }
        }
        for (attr, value) in el.value().attrs() {
            // What a browser makes of it (relative URLs against a page of the site).
            let allowed: &[&str] = match attr {
                "href" | "cite" => &["http", "https", "mailto", "tel"],
                "src" | "poster" => &["http", "https"],
                _ => continue,
            };
            // A URL that does not parse leads nowhere.
            let base = Url::parse("https://example.com/post/").unwrap();
            if let Ok(url) = base.join(value) {
                assert!(allowed.contains(&url.scheme()), "{ctx}: {attr}={value:?}");
            }
        }
        if name == "iframe" {
            let src = el.value().attr("src").unwrap_or("");
            let url = Url::parse(src).unwrap_or_else(|e| panic!("{ctx}: iframe {src}: {e}"));
            let host = url.host_str().map(|h| h.trim_end_matches('.'));
            assert_eq!(host, Some("www.youtube.com"), "{ctx}: iframe {src}");
            assert!(
                url.scheme() == "https" && url.username().is_empty() && url.password().is_none(),
                "{ctx}: iframe {src}"
            );
        }
    }
}

/// Markdown as a renderer would turn it into HTML.
fn rendered_markdown(a: &Article) -> String {
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&a.markdown));
    rendered
}

#[test]
fn no_vector_survives() {
    let x = extractor();
    let vectors = VECTORS.iter().chain(URL_VECTORS);
    let links = [
        Some("https://example.com/post/"),
        Some("http://example.com/post/"),
        None,
    ];
    for (i, (v, link)) in vectors
        .flat_map(|v| links.iter().map(move |l| (v, l)))
        .enumerate()
    {
        let html = format!("<p>Before {i}.</p>{v}<p>After {i}.</p>");
        let a = x.extract(&Post::from_html(html, *link));
        let ctx = format!("vector {i} {v:?} in a post at {link:?}");
        assert_inert(&a.html, &ctx);
        assert_inert(&rendered_markdown(&a), &format!("{ctx} (markdown)"));
        for l in &a.links {
            assert!(
                ["http://", "https://", "mailto:", "tel:"]
                    .iter()
                    .any(|p| l.href.starts_with(p)),
                "{ctx}: link {:?}",
                l.href
            );
        }
        for img in &a.images {
            // Relative only when the post has no link to resolve it against.
            let base = Url::parse("https://example.com/post/").unwrap();
            let scheme = base.join(&img.src).map(|u| u.scheme().to_string());
            assert!(
                matches!(scheme.as_deref(), Ok("http" | "https")),
                "{ctx}: image {:?}",
                img.src
            );
            assert!(
                link.is_none() || img.src.starts_with("http"),
                "{ctx}: image {:?}",
                img.src
            );
        }
        // The surrounding article survives.
        assert!(
            a.text.contains(&format!("Before {i}.")),
            "{ctx}: {}",
            a.text
        );
    }
}

/// One link in a post at `page`: what `links`, `html` and the rendered Markdown hold.
fn one_link(href: &str, page: &str) -> (Article, Option<wpclean::Link>) {
    let html = format!("<p>See <a href=\"{href}\">the link</a> here.</p>");
    let a = extractor().extract(&Post::from_html(html, Some(page)));
    assert_inert(&a.html, href);
    assert_inert(&rendered_markdown(&a), href);
    assert!(
        a.text.contains("See the link here."),
        "{href:?}: {}",
        a.text
    );
    let link = a.links.iter().find(|l| l.text == "the link").cloned();
    assert!(a.links.len() <= 1, "{href:?}: {:?}", a.links);
    (a, link)
}

#[test]
fn links_are_resolved_and_marked_as_browsers_read_them() {
    // (as written, the link a browser follows from https://example.com/post/, internal)
    let cases: &[(&str, Option<&str>, bool)] = &[
        (
            r"https://evil.example\@example.com/",
            Some("https://evil.example/@example.com/"),
            false,
        ),
        (
            r"https:\\evil.example\@example.com/",
            Some("https://evil.example/@example.com/"),
            false,
        ),
        ("//evil.example/x", Some("https://evil.example/x"), false),
        (r"\\evil.example\x", Some("https://evil.example/x"), false),
        (r"/\evil.example\x", Some("https://evil.example/x"), false),
        (
            "https://www.example.com@evil.example/",
            Some("https://evil.example/"),
            false,
        ),
        (
            "https://evil.example#@example.com/",
            Some("https://evil.example/#@example.com/"),
            false,
        ),
        // Credentials are not published: the link is the same without them.
        (
            "https://user:pass@example.com/p",
            Some("https://example.com/p"),
            true,
        ),
        (
            "HTTPS://WWW.EXAMPLE.COM/Up",
            Some("https://www.example.com/Up"),
            true,
        ),
        (
            "https://example.com./dot",
            Some("https://example.com./dot"),
            true,
        ),
        (
            "https://example.com:8443/port",
            Some("https://example.com:8443/port"),
            true,
        ),
        (
            "https://example.com:443/p",
            Some("https://example.com/p"),
            true,
        ),
        ("http://[::1]/", Some("http://[::1]/"), false),
        ("http://[0:0::1]:8080/", Some("http://[::1]:8080/"), false),
        // A Cyrillic а: another host, shown in its punycode form.
        (
            "https://ex\u{430}mple.com/",
            Some("https://xn--exmple-4nf.com/"),
            false,
        ),
        (
            "https://b\u{fc}cher.example/",
            Some("https://xn--bcher-kva.example/"),
            false,
        ),
        (
            "https://example\u{ff0e}com/fullwidth-dot",
            Some("https://example.com/fullwidth-dot"),
            true,
        ),
        (
            "my-long-slug-of-a-post-name/",
            Some("https://example.com/post/my-long-slug-of-a-post-name/"),
            true,
        ),
        (
            "../an-even-longer-slug-of-another-post/",
            Some("https://example.com/an-even-longer-slug-of-another-post/"),
            true,
        ),
        ("?page=2", Some("https://example.com/post/?page=2"), true),
        (
            "www.example.org/page",
            Some("https://example.com/post/www.example.org/page"),
            true,
        ),
        (
            "mailto:me@example.org",
            Some("mailto:me@example.org"),
            false,
        ),
        (
            "MAILTO:me@example.org",
            Some("mailto:me@example.org"),
            false,
        ),
        ("java\tscript:alert(1)", None, false),
        ("java\nscript:alert(1)", None, false),
        ("jav&#x09;ascript:alert(1)", None, false),
        (" \u{1}javascript:alert(1)", None, false),
        ("ftp://example.com/file", None, false),
    ];
    for &(href, expected, internal) in cases {
        let (a, link) = one_link(href, "https://example.com/post/");
        match expected {
            Some(want) => {
                let link = link.unwrap_or_else(|| panic!("{href:?}: no link in {:?}", a.links));
                assert_eq!(link.href, want, "{href:?}");
                assert_eq!(link.internal, internal, "{href:?} -> {want}");
                let attr = format!("href=\"{want}\"");
                assert!(a.html.contains(&attr), "{href:?}: {}", a.html);
                assert!(
                    a.markdown.contains(&format!("]({want})")),
                    "{href:?}: {}",
                    a.markdown
                );
            }
            None => {
                assert!(link.is_none(), "{href:?}: {link:?}");
                assert!(!a.html.contains("href"), "{href:?}: {}", a.html);
            }
        }
    }
}

#[test]
fn protocol_relative_links_take_the_posts_scheme() {
    for (href, want) in [
        ("//evil.example/x", "http://evil.example/x"),
        (r"\\evil.example\x", "http://evil.example/x"),
        (
            "my-long-slug-of-a-post-name/",
            "http://example.com/post/my-long-slug-of-a-post-name/",
        ),
    ] {
        let (_, link) = one_link(href, "http://example.com/post/");
        assert_eq!(link.map(|l| l.href).as_deref(), Some(want), "{href:?}");
    }
}

#[test]
fn a_bare_host_typed_without_a_scheme_is_a_relative_link_and_a_warning() {
    let (a, link) = one_link("www.example.org/page", "https://example.com/post/");
    assert_eq!(
        link.map(|l| l.href).as_deref(),
        Some("https://example.com/post/www.example.org/page")
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("\"www.example.org/page\"")),
        "{:?}",
        a.warnings
    );
    // An ordinary relative link is no cause for a warning.
    let (a, _) = one_link("my-long-slug-of-a-post-name/", "https://example.com/post/");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn relative_links_stay_relative_without_a_post_link() {
    let x = extractor();
    for href in [
        "my-long-slug-of-a-post-name/",
        "www.example.org/page",
        "/about/",
    ] {
        let html = format!("<p>See <a href=\"{href}\">the link</a>.</p>");
        let a = x.extract(&Post::from_html(html, None));
        assert!(
            a.html.contains(&format!("href=\"{href}\"")),
            "{href:?}: {}",
            a.html
        );
        assert_inert(&a.html, href);
    }
}

#[test]
fn iframes_are_judged_by_the_host_a_browser_loads() {
    let x = extractor();
    let frame = |src: &str| {
        let html = format!("<p>Watch.</p><iframe src=\"{src}\"></iframe>");
        let a = x.extract(&Post::from_html(html, Some("https://example.com/post/")));
        assert_inert(&a.html, src);
        a.html
    };
    for (src, kept) in [
        (
            "https://www.youtube.com/embed/x",
            "https://www.youtube.com/embed/x",
        ),
        (
            "HTTPS://WWW.YOUTUBE.COM/embed/x",
            "https://www.youtube.com/embed/x",
        ),
        (
            "//www.youtube.com/embed/x",
            "https://www.youtube.com/embed/x",
        ),
        (
            "https://www.youtube.com./embed/x",
            "https://www.youtube.com./embed/x",
        ),
        (
            "https://www.youtube.com:443/embed/x",
            "https://www.youtube.com/embed/x",
        ),
        (
            "https://www.youtube.com:8443/embed/x",
            "https://www.youtube.com:8443/embed/x",
        ),
        (
            "https://www.youtube\u{ff0e}com/embed/x",
            "https://www.youtube.com/embed/x",
        ),
        // Credentials are left out of what is published.
        (
            "https://user:pass@www.youtube.com/embed/x",
            "https://www.youtube.com/embed/x",
        ),
    ] {
        let html = frame(src);
        assert!(
            html.contains(&format!("<iframe src=\"{kept}\">")),
            "{src:?}: {html}"
        );
    }
    for src in [
        r"https://evil.example\@www.youtube.com/embed/x",
        "https://www.y\u{43e}utube.com/embed/x",
        "https://www.xn--yutube-wqf.com/embed/x",
        "http://[::1]/embed/x",
    ] {
        let html = frame(src);
        assert!(!html.contains("iframe"), "{src:?}: {html}");
    }
}

#[test]
fn escaped_markup_in_text_stays_text() {
    let a = extractor().extract(&Post::from_html(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; is how not to do it</p>",
        None,
    ));
    assert!(a.text.starts_with("<script>alert(1)</script> is how"));
    assert!(a.html.contains("&lt;script&gt;"));
    assert!(a.markdown.starts_with("\\<script\\>"));
}

#[test]
#[should_panic(expected = "<script>")]
fn the_inertness_check_itself_catches_a_script() {
    assert_inert("<p>x</p><script>alert(1)</script>", "self-test");
}
