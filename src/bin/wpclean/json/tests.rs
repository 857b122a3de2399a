//! The NDJSON writer against serde_json with a line-safe formatter, its reference: every kind
//! of value, the fixture pages' articles, and any string.

use std::collections::BTreeMap;
use std::io::{self, Write};

use proptest::prelude::*;
use serde::Serialize;

use super::*;

/// serde_json's compact form with U+0085, U+2028 and U+2029 escaped by a formatter: the
/// reference [`to_line`] is checked against.
struct LineSafe;

impl serde_json::ser::Formatter for LineSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // U+0085 is C2 85 in UTF-8, U+2028 and U+2029 are E2 80 A8 and E2 80 A9: look for
        // their first bytes only, which most text never holds.
        let bytes = fragment.as_bytes();
        let mut start = 0;
        let mut at = 0;
        while let Some(p) = memchr::memchr2(0xC2, 0xE2, &bytes[at..]) {
            let i = at + p;
            let esc: &[u8] = match bytes.get(i..i + 3) {
                Some([0xC2, 0x85, ..]) => b"\\u0085",
                Some([0xE2, 0x80, 0xA8]) => b"\\u2028",
                Some([0xE2, 0x80, 0xA9]) => b"\\u2029",
                _ if bytes.get(i..i + 2) == Some(&[0xC2, 0x85]) => b"\\u0085",
                _ => {
                    at = i + 1;
                    continue;
                }
            };
            writer.write_all(&bytes[start..i])?;
            writer.write_all(esc)?;
            start = i + if bytes[i] == 0xC2 { 2 } else { 3 };
            at = start;
        }
        writer.write_all(&bytes[start..])
    }
}

fn reference(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, LineSafe);
    value.serialize(&mut ser).unwrap();
    String::from_utf8(out).unwrap()
}

fn line(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    to_line(&mut out, value).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn line_separators_are_escaped_and_nothing_else_changes() {
    let text = "a\u{85}b\u{2028}c\u{2029}d é\u{2027}\u{20ac}\u{85}";
    let out = line(&text);
    assert_eq!(
        out,
        "\"a\\u0085b\\u2028c\\u2029d é\u{2027}\u{20ac}\\u0085\""
    );
    assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
    assert_eq!(out, reference(&text));
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(u8),
    Tuple(i32, f64),
    Struct { a: Option<String>, b: () },
}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Newtype(String);

#[derive(Serialize)]
struct Tuple(char, bool);

#[derive(Serialize)]
struct Every {
    ints: (i8, i16, i32, i64, i128, u8, u16, u32, u64, u128),
    floats: Vec<f64>,
    small: f32,
    shapes: Vec<Shape>,
    unit: Unit,
    newtype: Newtype,
    tuple: Tuple,
    #[serde(with = "serde_bytes_as_slice")]
    bytes: Vec<u8>,
    keys: BTreeMap<i32, &'static str>,
    bool_keys: BTreeMap<bool, u8>,
    none: Option<u8>,
    empty: Vec<u8>,
    #[serde(flatten)]
    flat: BTreeMap<String, String>,
}

/// Bytes through `serialize_bytes`, which serde's `Vec<u8>` does not call.
mod serde_bytes_as_slice {
    pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
}

#[test]
fn every_kind_of_value_is_written_as_serde_json_writes_it() {
    let every = Every {
        ints: (
            i8::MIN,
            -300,
            i32::MAX,
            i64::MIN,
            i128::MAX,
            255,
            7,
            0,
            u64::MAX,
            u128::MAX,
        ),
        floats: vec![
            0.0,
            -0.0,
            1.5,
            1e300,
            3.0e-7,
            f64::NAN,
            f64::INFINITY,
            0.1 + 0.2,
        ],
        small: 0.3,
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(3),
            Shape::Tuple(-1, 2.5),
            Shape::Struct {
                a: Some("x\"y".into()),
                b: (),
            },
        ],
        unit: Unit,
        newtype: Newtype("\u{7f}\u{0}\u{1f}\t\r\n\u{8}\u{c}/\\".into()),
        tuple: Tuple('\u{2028}', false),
        bytes: vec![0, 1, 255],
        keys: [(-1, "minus"), (2, "two")].into(),
        bool_keys: [(true, 1)].into(),
        none: None,
        empty: Vec::new(),
        flat: [("z".to_string(), "\u{2029}".to_string())].into(),
    };
    assert_eq!(line(&every), reference(&every));
}

#[test]
fn a_map_key_that_is_no_string_is_an_error_as_in_serde_json() {
    let map: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    assert!(to_line(&mut Vec::new(), &map).is_err());
    assert!(serde_json::to_string(&map).is_err());
}

#[test]
fn fixture_pages_articles_are_written_as_serde_json_writes_them() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages");
    let extractor = wpclean::Extractor::new(&wpclean::Options::default()).unwrap();
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let post = wpclean::Post::from_page_bytes(&bytes, Some("https://example.com/p/"), None);
        let article = extractor.extract(&post);
        assert_eq!(line(&article), reference(&article), "{}", path.display());
        pages += 1;
    }
    assert!(pages >= 10, "only {pages} fixture pages in {dir}");
}

proptest! {
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them(
        s in "[a\"\\\u{0}-\u{1f}\u{7f}\u{85}\u{a0}\u{2027}-\u{202a}\u{20ac}é ]{0,40}"
    ) {
        prop_assert_eq!(line(&s), reference(&s));
    }

    #[test]
    fn any_string_is_escaped_as_serde_json_escapes_it(s in any::<String>()) {
        prop_assert_eq!(line(&s), reference(&s));
    }
}
