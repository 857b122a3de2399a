//! html5ever's own tokenizer, kept as the reference that the tokenizer in front of the tree
//! builder ([`super::tokenize`]) is checked against: the same input parsed both ways must
//! give the same tree. The tests run it over every fixture and corpus page, and the
//! `tokenizers` fuzz target over anything.

use std::fmt::Write;

use html5ever::tendril::TendrilSink;
use html5ever::{QualName, local_name, ns};

use super::bounds::Bounds;
use super::sink::{Attrs, Sink, parse_document_within, parse_fragment_within};
use super::tree::{Data, Document, NodeId};

/// Parses `html` with html5ever's tokenizer, as a document or as a post's content, keeping
/// every attribute.
fn parse_with_html5ever(html: &str, document: bool) -> Document {
    let sink = Sink::new(html, Attrs::All, Bounds::NONE);
    let opts = html5ever::ParseOpts::default();
    let parser = if document {
        html5ever::driver::parse_document(sink, opts)
    } else {
        let body = QualName::new(None, ns!(html), local_name!("body"));
        html5ever::driver::parse_fragment(sink, opts, body, Vec::new(), false)
    };
    parser.one(html)
}

/// `Ok` when `html` gives the same tree with html5ever's tokenizer as with the one wpclean
/// uses, else both trees' outlines from the first line where they differ.
pub(crate) fn tokenizers_agree(html: &str, document: bool) -> Result<(), String> {
    let ours = if document {
        parse_document_within(html, Attrs::All, Bounds::NONE).0
    } else {
        parse_fragment_within(html, Attrs::All, Bounds::NONE).0
    };
    let (ours, theirs) = (
        outline(&ours),
        outline(&parse_with_html5ever(html, document)),
    );
    if ours == theirs {
        return Ok(());
    }
    let line = ours
        .lines()
        .zip(theirs.lines())
        .take_while(|(a, b)| a == b)
        .count();
    let from = |s: &str| s.lines().skip(line).take(5).collect::<Vec<_>>().join("\n");
    Err(format!(
        "trees differ at line {}:\n--- wpclean's tokenizer\n{}\n--- html5ever's\n{}",
        line + 1,
        from(&ours),
        from(&theirs)
    ))
}

/// The tree, a node a line, indented by depth: elements with their namespace and
/// attributes, text and comments quoted.
fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let mut stack = vec![(NodeId::ROOT, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let pad = "  ".repeat(depth);
        match &doc.node(id).data {
            Data::Document => out.push_str("#document\n"),
            Data::Element(e) => {
                let _ = write!(out, "{pad}<{:?} {}", e.ns, e.tag);
                for a in &e.attrs {
                    let _ = write!(out, " {}={:?}", a.name, &*a.value);
                }
                out.push_str(">\n");
            }
            Data::Text(t) => {
                let _ = writeln!(out, "{pad}{:?}", &**t);
            }
            Data::Comment(t) => {
                let _ = writeln!(out, "{pad}<!-- {:?} -->", &**t);
            }
            Data::Detached => {
                let _ = writeln!(out, "{pad}(detached)");
            }
        }
        let children: Vec<_> = doc.children(id).collect();
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tokenizers_agree;

    /// Inputs where a tokenizer has choices to get right: NUL in each state, line breaks,
    /// a byte-order mark, character references, script escapes, raw text, foreign content
    /// and CDATA, doctypes and quirks, misnesting, tags cut by the end of input.
    const CASES: &[&str] = &[
        "a\0b<p>c\0</p><svg>\0<![CDATA[x\0y]]></svg>",
        "<p title='a\0b'>x</p><textarea>\0</textarea><style>\0</style><script>\0</script>",
        "a\r\nb\rc\n\r<p title=\"x\r\ny\">\r</p><pre>\r\nz</pre><textarea>\r\nt</textarea>",
        "\u{feff}<p>bom</p>",
        "&amp; &notit; &notin; &#0; &#x80; &#x110000; &#xD800; &AMP &lt &ampx; <a href='?a=1&b=2&copy=3'>l</a>",
        "<script><!--<script>x</script>y</script>z",
        "<script><!-- a --></script>b<script>c</script >d<script>e</SCRIPT/>f",
        "<title>a<b>&amp;</title><xmp><p>&amp;</xmp><noscript><p>n</p></noscript>",
        "<iframe><p></iframe><noembed><p></noembed><noframes><p></noframes>",
        "<plaintext><p>everything</p>",
        "<svg viewBox='0 0 1 1'><foreignObject><p>x</p></foreignObject><path d=M0/></svg>",
        "<math><annotation-xml encoding='text/html'><p>x</p></annotation-xml><mi>y</mi></math>",
        "<svg><style>.a{}</style><script>1<2</script><p>breakout</p></svg>",
        "<div><![CDATA[not cdata]]></div><svg><![CDATA[<p>]]></svg>",
        "<table>x<tr>y<td>z</td></tr>w</table><select><option>a<option>b</select>",
        "<b>1<i>2</b>3</i><a href=1>x<a href=2>y</a>",
        "<DIV CLASS=A Id=b class=dup data-X=1>up</DIV><p a b=c d='e' f=\"g\" h=>",
        "<!----><!-- a -- b --><!--> <!---> <!--x--!><?pi x?></ > </p x=1/> <!doctype x>",
        "<template><p>t</p></template><ruby>a<rt>b</ruby>",
        "<p>unclosed <a href='x",
        "<p>unclosed <!-- comment",
        "<div attr=\"unclosed value",
        "<script>if (a < b) { x = '</scrip' }",
        "<a href=x/>",
    ];

    const DOCUMENTS: &[&str] = &[
        "<!DOCTYPE html><html lang=en><head><title>t</title></head><body class=x>b</body></html>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><table><p>quirks</table>",
        "<html><head><meta charset=utf-8><script type='application/ld+json'>{\"a\":\"<b>\"}</script></head><body>x</body></html>after",
        "no doctype <frameset><frame></frameset>",
        "\u{feff}<!doctype html><body>\r\n\0</body>",
        "",
    ];

    #[test]
    fn tricky_inputs_parse_as_html5ever_parses_them() {
        for html in CASES {
            for document in [false, true] {
                if let Err(e) = tokenizers_agree(html, document) {
                    panic!("{html:?} (document: {document}): {e}");
                }
            }
        }
        for html in DOCUMENTS {
            if let Err(e) = tokenizers_agree(html, true) {
                panic!("{html:?}: {e}");
            }
        }
    }

    #[test]
    fn every_fixture_page_parses_as_html5ever_parses_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).expect("fixtures/pages") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "html") {
                let bytes = std::fs::read(&path).expect("a fixture");
                let html = String::from_utf8_lossy(&bytes);
                if let Err(e) = tokenizers_agree(&html, true) {
                    panic!("{}: {e}", path.display());
                }
                n += 1;
            }
        }
        assert!(n >= 15, "{n} pages in {}", dir.display());
    }
}
