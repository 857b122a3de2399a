//! Compact JSON on one line, for NDJSON output: serde_json's compact form byte for byte, but
//! for U+0085, U+2028 and U+2029, which it also escapes. Valid JSON may leave them raw, but
//! many line-oriented readers (Python's `splitlines`, JavaScript before ES2019) treat them as
//! line ends and would split a record in two.
//!
//! Its own serializer because strings are most of an article's bytes (its text, Markdown,
//! HTML and sections) and serde_json looks at them a byte at a time: [`write_str`] looks at
//! eight at a time and copies the runs that need no escape whole. Over WCXB's 437 saved pages
//! (37 MB of NDJSON) the output step went from 467M to 304M instructions.

use std::fmt::Display;

use serde::ser::{self, Serialize};

/// Appends `value` to `out` as compact, line-safe JSON.
pub fn to_line(out: &mut Vec<u8>, value: &impl Serialize) -> Result<(), serde_json::Error> {
    value.serialize(&mut Line { out })
}

/// Bytes repeated in each of a word's eight lanes.
const fn lanes(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of each lane of `word` that is below `n` (at most 0x80). The lowest marked
/// lane is exact; a borrow may also mark lanes above it.
fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(lanes(n)) & !word & lanes(0x80)
}

fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ lanes(byte), 1)
}

/// Where in the eight bytes of `word` (read little-endian) the first byte that may need an
/// escape is: a control character, `"`, `\`, or the first byte of U+0085 (C2 85) or of
/// U+2028 and U+2029 (E2 80 A8, E2 80 A9).
fn first_to_look_at(word: u64) -> Option<usize> {
    let marks = below(word, 0x20)
        | equal(word, b'"')
        | equal(word, b'\\')
        // 0xC2 and 0xE2 differ in bit 0x20 only.
        | equal(word | lanes(0x20), 0xE2);
    (marks != 0).then(|| marks.trailing_zeros() as usize / 8)
}

/// The escape of the character starting at `bytes[i]`, and how many bytes it replaces.
fn escape_at(bytes: &[u8], i: usize) -> Option<([u8; 6], usize)> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = |c: u8| Some(([b'\\', c, 0, 0, 0, 0], 1));
    match bytes[i] {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        0x08 => short(b'b'),
        0x09 => short(b't'),
        0x0A => short(b'n'),
        0x0C => short(b'f'),
        0x0D => short(b'r'),
        c @ 0x00..=0x1F => Some((
            [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(c >> 4)],
                HEX[usize::from(c & 0xF)],
            ],
            1,
        )),
        0xC2 if bytes.get(i + 1) == Some(&0x85) => Some((*b"\\u0085", 2)),
        0xE2 => match bytes.get(i + 1..i + 3) {
            Some([0x80, 0xA8]) => Some((*b"\\u2028", 3)),
            Some([0x80, 0xA9]) => Some((*b"\\u2029", 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Appends `s` as a JSON string: see the module's documentation.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // `run` is where the bytes not yet written start; `i` the next byte to look at.
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let at = match bytes.get(i..i + 8) {
            Some(word) => {
                match first_to_look_at(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                    Some(lane) => i + lane,
                    None => {
                        i += 8;
                        continue;
                    }
                }
            }
            // The last few bytes, one at a time.
            None => i,
        };
        match escape_at(bytes, at) {
            Some((escape, len)) => {
                out.extend_from_slice(&bytes[run..at]);
                let written = if escape[1] == b'u' { 6 } else { 2 };
                out.extend_from_slice(&escape[..written]);
                i = at + len;
                run = i;
            }
            None => i = at + 1,
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The serializer: writes each value to `out` as it comes.
struct Line<'a> {
    out: &'a mut Vec<u8>,
}

/// A sequence or map being written: whether the next item is its first.
struct Compound<'s, 'a> {
    line: &'s mut Line<'a>,
    first: bool,
    /// What closes it: `]`, `}`, or `]}` / `}}` for an enum variant's.
    close: &'static [u8],
}

fn integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

impl<'s, 'a> Line<'a> {
    fn open(&'s mut self, open: &[u8], close: &'static [u8]) -> Compound<'s, 'a> {
        self.out.extend_from_slice(open);
        Compound {
            line: self,
            first: true,
            close,
        }
    }

    /// `{"variant":`, which an enum variant holding data opens with.
    fn variant(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
    }
}

/// A float `v` as serde_json writes it: what is not finite (`finite` says) as null.
fn float(out: &mut Vec<u8>, v: impl zmij::Float, finite: bool) {
    if finite {
        out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// The serializer's integer methods, each writing its number as [`integer`] does.
macro_rules! integers {
    ($($method:ident: $type:ty),* $(,)?) => {$(
        fn $method(self, v: $type) -> Result<(), Self::Error> {
            integer(self.out, v);
            Ok(())
        }
    )*};
}

impl<'s, 'a> ser::Serializer for &'s mut Line<'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Self::Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    integers! {
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
    }

    fn serialize_f32(self, v: f32) -> Result<(), Self::Error> {
        float(self.out, v, v.is_finite());
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Self::Error> {
        float(self.out, v, v.is_finite());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Self::Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Self::Error> {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Self::Error> {
        use ser::SerializeSeq as _;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Self::Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Self::Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Self::Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Self::Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Self::Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        Ok(self.open(b"[", b"]"))
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Self::Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        self.variant(variant);
        Ok(self.open(b"[", b"]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Ok(self.open(b"{", b"}"))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        self.variant(variant);
        Ok(self.open(b"{", b"}}"))
    }

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<(), Self::Error> {
        self.serialize_str(&value.to_string())
    }
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.line.out.push(b',');
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.comma();
        value.serialize(&mut *self.line)
    }

    fn field<T: ?Sized + Serialize>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.comma();
        write_str(self.line.out, key);
        self.line.out.push(b':');
        value.serialize(&mut *self.line)
    }

    fn close(self) -> Result<(), serde_json::Error> {
        self.line.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// The sequences: each item written by [`Compound::element`].
macro_rules! sequences {
    ($($kind:ident :: $method:ident),* $(,)?) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = serde_json::Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Self::Error> {
                self.element(value)
            }

            fn end(self) -> Result<(), Self::Error> {
                self.close()
            }
        }
    )*};
}

sequences! {
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.comma();
        // A key is written as serde_json writes it: a string as it is, a number, a bool or
        // a char quoted; anything else is an error.
        let key = serde_json::to_value(key)?;
        match key {
            serde_json::Value::String(s) => write_str(self.line.out, &s),
            serde_json::Value::Number(n) => write_str(self.line.out, &n.to_string()),
            serde_json::Value::Bool(b) => {
                write_str(self.line.out, if b { "true" } else { "false" })
            }
            _ => return Err(ser::Error::custom("key must be a string")),
        }
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.line.out.push(b':');
        value.serialize(&mut *self.line)
    }

    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

/// The structs: each field written by [`Compound::field`].
macro_rules! structs {
    ($($kind:ident),* $(,)?) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = serde_json::Error;

            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Self::Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Self::Error> {
                self.close()
            }
        }
    )*};
}

structs!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
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
}
