//! Well-known filter-evasion vectors fed as post content: nothing active may survive into
//! `html`, into what a Markdown renderer makes of `markdown`, or into `links`.

use scraper::{Html, Selector};
use wpclean::{Extractor, Options, Post};

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
        if name == "iframe" {
            let src = el.value().attr("src").unwrap_or("");
            assert!(
                src.starts_with("https://www.youtube.com/"),
                "{ctx}: iframe {src}"
            );
        }
    }
}

#[test]
fn no_vector_survives() {
    let x = extractor();
    for (i, v) in VECTORS.iter().enumerate() {
        let html = format!("<p>Before {i}.</p>{v}<p>After {i}.</p>");
        let a = x.extract(&Post::from_html(html, Some("https://example.com/post/")));
        let ctx = format!("vector {i} {v:?}");
        assert_inert(&a.html, &ctx);
        // Markdown as a renderer would turn it into HTML.
        let mut rendered = String::new();
        pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&a.markdown));
        assert_inert(&rendered, &format!("{ctx} (markdown)"));
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
            assert!(img.src.starts_with("http"), "{ctx}: image {:?}", img.src);
        }
        // The surrounding article survives.
        assert!(
            a.text.contains(&format!("Before {i}.")),
            "{ctx}: {}",
            a.text
        );
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
