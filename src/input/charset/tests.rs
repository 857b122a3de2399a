//! Each step of the encoding choice on real bytes: pages encoded by Python's codecs
//! (`scripts/make-charset-fixtures.py`), not by the decoder under test.

use super::prescan::prescan;
use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/charset/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The encoding's name, how it was chosen, and whether the text holds `expected`.
fn check(decoded: &Decoded, name: &str, source: CharsetSource, expected: &str) {
    assert_eq!(
        (decoded.encoding.name(), decoded.source),
        (name, source),
        "{:?}",
        decoded.warning
    );
    assert!(
        decoded.text.contains(expected),
        "{expected:?} not in {}",
        decoded.text
    );
    assert!(!decoded.had_errors);
}

const JA: &str = "吾輩は猫である。名前はまだ無い。";
const RU: &str = "Мой дядя самых честных правил";
const ZH: &str = "学而时习之，不亦说乎？";
const FR: &str = "L'été dernier, nous sommes allés à la fête du village.";

#[test]
fn a_byte_order_mark_wins_over_the_meta_and_the_header() {
    let bytes = fixture("utf-16le-bom-meta-1252.html");
    let d = decode_html(&bytes, None);
    check(&d, "UTF-16LE", CharsetSource::Bom, FR);
    assert!(!d.text.starts_with('\u{feff}'), "the mark is not text");
    let bytes = fixture("utf-8-bom-meta-shift_jis.html");
    let d = decode_html(&bytes, Some("text/html; charset=windows-1251"));
    check(&d, "UTF-8", CharsetSource::Bom, JA);
    assert!(d.text.starts_with("<!DOCTYPE"));
}

#[test]
fn the_http_header_wins_over_the_meta() {
    // The page says Shift_JIS twice; the header is what the server sent with it.
    let bytes = fixture("shift_jis-meta.html");
    let d = decode_html(&bytes, Some("text/html; charset=\"Shift_JIS\""));
    check(&d, "Shift_JIS", CharsetSource::Http, JA);
    // Where they disagree the header wins, as in browsers (a single-byte label: no errors,
    // only other letters).
    let bytes = fixture("windows-1251-http-equiv.html");
    let d = decode_html(&bytes, Some("text/html; charset=koi8-r"));
    assert_eq!(
        (d.encoding.name(), d.source),
        ("KOI8-R", CharsetSource::Http)
    );
    assert!(!d.text.contains(RU));
    // A page with the charset only in the header.
    let bytes = fixture("windows-1251-undeclared.html");
    let d = decode_html(&bytes, Some("text/html;charset=CP1251"));
    check(&d, "windows-1251", CharsetSource::Http, RU);
    // An unknown label or a header without charset is no declaration.
    let d = decode_html(&bytes, Some("text/html; charset=klingon"));
    assert_eq!(d.source, CharsetSource::Detected);
    let bytes = fixture("shift_jis-meta.html");
    let d = decode_html(&bytes, Some("text/html"));
    check(&d, "Shift_JIS", CharsetSource::Meta, JA);
}

#[test]
fn the_meta_prescan_reads_both_forms() {
    check(
        &decode_html(&fixture("shift_jis-meta.html"), None),
        "Shift_JIS",
        CharsetSource::Meta,
        JA,
    );
    check(
        &decode_html(&fixture("windows-1251-http-equiv.html"), None),
        "windows-1251",
        CharsetSource::Meta,
        RU,
    );
    // The Encoding Standard reads ISO-8859-1 as windows-1252.
    check(
        &decode_html(&fixture("iso-8859-1-meta.html"), None),
        "windows-1252",
        CharsetSource::Meta,
        FR,
    );
}

#[test]
fn the_prescan_follows_the_html_standard() {
    let name = |html: &str| prescan(html.as_bytes()).map(|e| e.name());
    assert_eq!(name("<meta charset=koi8-r>"), Some("KOI8-R"));
    assert_eq!(name("<META CHARSET='Shift_JIS'/>"), Some("Shift_JIS"));
    assert_eq!(
        name(r#"<meta content="text/html; charset=euc-jp" http-equiv=Content-Type>"#),
        Some("EUC-JP")
    );
    // `content` without the http-equiv pragma declares nothing.
    assert_eq!(name(r#"<meta content="text/html; charset=euc-jp">"#), None);
    // A meta saying UTF-16 means UTF-8; x-user-defined means windows-1252.
    assert_eq!(name("<meta charset=utf-16le>"), Some("UTF-8"));
    assert_eq!(name("<meta charset=x-user-defined>"), Some("windows-1252"));
    // Comments, other tags' attribute values and `<!`/`<?` constructs hide what is in them.
    assert_eq!(
        name("<!-- <meta charset=koi8-r> --><meta charset=gbk>"),
        Some("GBK")
    );
    assert_eq!(name("<!--><meta charset=gbk>"), Some("GBK"));
    assert_eq!(
        name(r#"<div title="<meta charset=koi8-r>"><meta charset=big5>"#),
        Some("Big5")
    );
    assert_eq!(
        name("<?xml encoding=koi8-r?><meta charset=gbk>"),
        Some("GBK")
    );
    // An unknown label is passed over; the next meta counts.
    assert_eq!(
        name("<meta charset=klingon><meta charset=windows-1250>"),
        Some("windows-1250")
    );
    // Only the first 1024 bytes are read.
    let late = format!("{}<meta charset=koi8-r>", " ".repeat(1020));
    assert_eq!(name(&late), None);
    // The bytes ending inside a tag or a comment: nothing, and no panic.
    for cut in [
        "<meta charset=",
        "<meta charset='gbk",
        "<!-- x",
        "<div a=\"",
        "<meta",
    ] {
        assert_eq!(name(cut), None, "{cut}");
    }
}

#[test]
fn undeclared_legacy_pages_are_detected() {
    let bytes = fixture("gbk-undeclared.html");
    let d = decode_html(&bytes, None);
    check(&d, "GBK", CharsetSource::Detected, ZH);
    let bytes = fixture("shift_jis-undeclared.html");
    let d = decode_html(&bytes, None);
    check(&d, "Shift_JIS", CharsetSource::Detected, JA);
    let bytes = fixture("windows-1251-undeclared.html");
    let d = decode_html_from(&bytes, None, Some("https://example.ru/onegin/"));
    check(&d, "windows-1251", CharsetSource::Detected, RU);
    let bytes = fixture("iso-8859-1-undeclared.html");
    let d = decode_html(&bytes, None);
    check(
        &d,
        "windows-1252",
        CharsetSource::Detected,
        "Größe, Mädchen, Straße",
    );
}

#[test]
fn utf8_with_no_declaration_is_utf8_and_ascii_is_the_default() {
    let d = decode_html("<p>Ünïcödé — “quoted”</p>".as_bytes(), None);
    check(&d, "UTF-8", CharsetSource::Detected, "Ünïcödé — “quoted”");
    let d = decode_html(b"<p>plain ASCII &amp; entities</p>", None);
    check(&d, "windows-1252", CharsetSource::Default, "plain ASCII");
    let d = decode_html(b"", None);
    assert_eq!((&*d.text, d.source), ("", CharsetSource::Default));
}

#[test]
fn a_lying_header_is_overruled_by_the_bytes() {
    // The server says ISO-8859-1 (Apache's old default) about a UTF-8 page.
    let bytes = "<meta charset=utf-8><p>Größe — “quoted”</p>".as_bytes();
    let d = decode_html(bytes, Some("text/html; charset=ISO-8859-1"));
    check(&d, "UTF-8", CharsetSource::Detected, "Größe — “quoted”");
    assert_eq!(
        d.warning.as_deref(),
        Some("the HTTP header says windows-1252, but the bytes are UTF-8")
    );
    // The server says UTF-8 about a windows-1251 page whose meta is right.
    let bytes = fixture("windows-1251-http-equiv.html");
    let d = decode_html(&bytes, Some("text/html; charset=utf-8"));
    check(&d, "windows-1251", CharsetSource::Meta, RU);
    assert_eq!(
        d.warning.as_deref(),
        Some("the HTTP header says UTF-8, but the bytes are not UTF-8")
    );
    // A meta that lies about a UTF-8 page.
    let bytes = fixture("utf-8-meta-1251.html");
    let d = decode_html(&bytes, None);
    check(&d, "UTF-8", CharsetSource::Detected, RU);
    assert!(
        d.warning
            .unwrap()
            .starts_with("the <meta> charset says windows-1251")
    );
}

#[test]
fn a_stray_bad_byte_leaves_a_utf8_page_utf8() {
    // One windows-1252 byte pasted into a UTF-8 page: not a reason to read it all as 1252.
    let mut bytes = "<p>Größe — “quoted” ünïcödé àéîõü</p>".as_bytes().to_vec();
    bytes.extend_from_slice(b"<p>caf\xe9</p>");
    let d = decode_html(&bytes, Some("text/html; charset=utf-8"));
    assert_eq!(
        (d.encoding, d.source, d.had_errors),
        (UTF_8, CharsetSource::Http, true)
    );
    assert!(d.text.contains("“quoted”") && d.text.contains("caf\u{fffd}"));
    let d = decode_html(&bytes, None);
    assert_eq!(
        (d.encoding, d.source, d.had_errors),
        (UTF_8, CharsetSource::Detected, true)
    );
}

#[test]
fn the_top_level_domain_is_read_from_the_address() {
    let tld = |url: &str| top_level_domain(url).map(|t| String::from_utf8(t).unwrap());
    assert_eq!(tld("https://www.Example.CO.JP/x").as_deref(), Some("jp"));
    assert_eq!(tld("http://example.com./").as_deref(), Some("com"));
    assert_eq!(tld("http://127.0.0.1:8000/"), None);
    assert_eq!(tld("not a url"), None);
    // Internationalised names come back in Punycode, as the detector wants them.
    assert_eq!(tld("https://пример.рф/").as_deref(), Some("xn--p1ai"));
}
