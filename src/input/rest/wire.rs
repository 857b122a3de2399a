//! The REST post object as it is read from JSON: only the fields a [`Post`](super::Post) keeps,
//! borrowed from the input where they need no unescaping, each accepting any JSON type (real
//! exports change types: ids as strings, `title` as a bare string or null, `class_list` as an
//! object).
//!
//! Everything else is read past without being kept, but still parsed as a `serde_json::Value`
//! would be (UTF-8, escapes, number range, nesting depth): a post is rejected exactly when
//! parsing it whole would fail, with the same message at the same position. `IgnoredAny` would
//! skip more cheaply but accepts what a whole parse rejects (invalid UTF-8, a lone surrogate
//! or a number out of range in a field nobody reads), which would change which posts fail.
//!
//! A key given twice counts once, with its last value, as in a `Value` object.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use super::embedded::Embedded;
use super::lenient::{Key, Skip, SkipVisitor, lenient};

/// A JSON value where a post should be: an object, or the name of what it is instead.
pub(crate) enum Wire<'a> {
    /// An object, with the fields a post is made of.
    Object(Box<WirePost<'a>>),
    /// Not an object: `"null"`, `"a number"`, `"an array"`…
    Not(&'static str),
}

/// The fields of a post object that a [`Post`](super::Post) is built from.
#[derive(Default)]
pub(crate) struct WirePost<'a> {
    pub id: Option<Scalar<'a>>,
    pub kind: Option<Field<'a>>,
    pub status: Option<Field<'a>>,
    pub slug: Option<Field<'a>>,
    pub link: Option<Field<'a>>,
    pub date: Option<Field<'a>>,
    pub date_gmt: Option<Field<'a>>,
    pub modified: Option<Field<'a>>,
    pub modified_gmt: Option<Field<'a>>,
    pub title: Option<Field<'a>>,
    pub content: Option<Field<'a>>,
    pub excerpt: Option<Field<'a>>,
    pub author: Option<Scalar<'a>>,
    pub categories: Vec<u64>,
    pub tags: Vec<u64>,
    pub class_list: Vec<Cow<'a, str>>,
    pub embedded: Embedded<'a>,
    /// `yoast_head_json.schema`, the one part read as a whole value (by [`crate::jsonld`]).
    pub schema: Option<Value>,
}

/// A JSON value of which a string, a number or a boolean is kept.
pub(crate) enum Scalar<'a> {
    Str(Cow<'a, str>),
    Number(Number),
    Bool(bool),
    /// Null, an array or an object.
    Other,
}

/// A top-level field: a scalar, or an object of which `rendered`, `raw` and `protected` are
/// kept (`{"rendered": "…", "protected": false}`).
pub(crate) enum Field<'a> {
    Scalar(Scalar<'a>),
    Object(Rendered<'a>),
}

/// The parts of a `{"rendered": …}` object that are read.
#[derive(Default)]
pub(crate) struct Rendered<'a> {
    pub rendered: Option<Scalar<'a>>,
    pub raw: Option<Scalar<'a>>,
    pub protected: Option<Scalar<'a>>,
}

impl<'a> Scalar<'a> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A number, or a string holding one.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Scalar::Number(n) => n.as_u64(),
            Scalar::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A number only (as `Value::as_u64`).
    pub fn number_u64(&self) -> Option<u64> {
        match self {
            Scalar::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Scalar::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn into_str(self) -> Option<Cow<'a, str>> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl<'a> Field<'a> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Field::Scalar(s) => s.as_str(),
            Field::Object(_) => None,
        }
    }

    /// A field read as a string: a string that is not empty, the `rendered` string of an
    /// object, or a number as JSON writes it.
    pub fn into_string(self) -> Option<String> {
        match self {
            Field::Scalar(Scalar::Str(s)) if !s.is_empty() => Some(s.into_owned()),
            Field::Scalar(Scalar::Number(n)) => Some(n.to_string()),
            Field::Scalar(_) => None,
            Field::Object(o) => o.rendered.and_then(Scalar::into_str).map(Cow::into_owned),
        }
    }

    /// `{"rendered": "…"}`, `{"raw": "…"}` (when there is no `rendered`) or a bare string.
    pub fn into_rendered(self) -> String {
        match self {
            Field::Scalar(Scalar::Str(s)) => s.into_owned(),
            Field::Scalar(_) => String::new(),
            Field::Object(o) => o
                .rendered
                .or(o.raw)
                .and_then(Scalar::into_str)
                .map(Cow::into_owned)
                .unwrap_or_default(),
        }
    }

    /// `protected` of an object.
    pub fn protected(&self) -> Option<bool> {
        match self {
            Field::Object(o) => o.protected.as_ref()?.as_bool(),
            Field::Scalar(_) => None,
        }
    }
}

impl<'a> Wire<'a> {
    /// The post id as the location of an error names it: a number only.
    pub fn location_id(&self) -> Option<u64> {
        match self {
            Wire::Object(p) => p.id.as_ref()?.number_u64(),
            Wire::Not(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Scalar<'de>, E> {
        // JSON numbers are finite; `Value` keeps any other as null.
        Ok(Number::from_f64(n).map_or(Scalar::Other, Scalar::Number))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(s)))
    }
    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar<'de>, A::Error> {
        SkipVisitor.visit_seq(seq)?;
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar<'de>, A::Error> {
        SkipVisitor.visit_map(map)?;
        Ok(Scalar::Other)
    }
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Field<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Field<'de>, E> {
                ScalarVisitor.visit_bool(b).map(Field::Scalar)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Field<'de>, E> {
                ScalarVisitor.visit_i64(n).map(Field::Scalar)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Field<'de>, E> {
                ScalarVisitor.visit_u64(n).map(Field::Scalar)
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Field<'de>, E> {
                ScalarVisitor.visit_f64(n).map(Field::Scalar)
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Field<'de>, E> {
                ScalarVisitor.visit_borrowed_str(s).map(Field::Scalar)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Field<'de>, E> {
                ScalarVisitor.visit_str(s).map(Field::Scalar)
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Field<'de>, E> {
                ScalarVisitor.visit_string(s).map(Field::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Field<'de>, E> {
                Ok(Field::Scalar(Scalar::Other))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Field<'de>, A::Error> {
                ScalarVisitor.visit_seq(seq).map(Field::Scalar)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'de>, A::Error> {
                let mut r = Rendered::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match &*key.0 {
                        "rendered" => r.rendered = Some(map.next_value()?),
                        "raw" => r.raw = Some(map.next_value()?),
                        "protected" => r.protected = Some(map.next_value()?),
                        _ => map.next_value::<Skip>().map(drop)?,
                    }
                }
                Ok(Field::Object(r))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Wire<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(WireVisitor)
    }
}

struct WireVisitor;

impl<'de> Visitor<'de> for WireVisitor {
    type Value = Wire<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a post object")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Wire<'de>, E> {
        Ok(Wire::Not("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Wire<'de>, E> {
        Ok(Wire::Not("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Wire<'de>, E> {
        Ok(Wire::Not("a number"))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Wire<'de>, E> {
        // As `Value`: a number that is not finite is null.
        Ok(Wire::Not(if n.is_finite() { "a number" } else { "null" }))
    }
    fn visit_str<E>(self, _: &str) -> Result<Wire<'de>, E> {
        Ok(Wire::Not("a string"))
    }
    fn visit_unit<E>(self) -> Result<Wire<'de>, E> {
        Ok(Wire::Not("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Wire<'de>, A::Error> {
        SkipVisitor.visit_seq(seq)?;
        Ok(Wire::Not("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Wire<'de>, A::Error> {
        let mut p = WirePost::default();
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "id" => p.id = Some(map.next_value()?),
                "type" => p.kind = Some(map.next_value()?),
                "status" => p.status = Some(map.next_value()?),
                "slug" => p.slug = Some(map.next_value()?),
                "link" => p.link = Some(map.next_value()?),
                "date" => p.date = Some(map.next_value()?),
                "date_gmt" => p.date_gmt = Some(map.next_value()?),
                "modified" => p.modified = Some(map.next_value()?),
                "modified_gmt" => p.modified_gmt = Some(map.next_value()?),
                "title" => p.title = Some(map.next_value()?),
                "content" => p.content = Some(map.next_value()?),
                "excerpt" => p.excerpt = Some(map.next_value()?),
                "author" => p.author = Some(map.next_value()?),
                "categories" => p.categories = map.next_value::<Ids>()?.0,
                "tags" => p.tags = map.next_value::<Ids>()?.0,
                "class_list" => p.class_list = map.next_value::<ClassList>()?.0,
                "_embedded" => p.embedded = map.next_value()?,
                "yoast_head_json" => p.schema = map.next_value::<Yoast>()?.schema,
                _ => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(Wire::Object(Box::new(p)))
    }
}

/// `categories` or `tags`: the ids of an array (empty for anything else).
struct Ids<'a>(Vec<u64>, std::marker::PhantomData<&'a ()>);

lenient!(Ids, "an array of ids", Ids(Vec::new(), std::marker::PhantomData), seq =>
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ids<'de>, A::Error> {
        let mut ids = Vec::new();
        while let Some(s) = seq.next_element::<Scalar>()? {
            ids.extend(s.as_u64());
        }
        Ok(Ids(ids, std::marker::PhantomData))
    }
);

/// `class_list`: the strings of an array, or of an object in the order of its keys.
struct ClassList<'a>(Vec<Cow<'a, str>>);

impl<'de> Deserialize<'de> for ClassList<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(ClassListVisitor)? {
            Some(list) => Ok(list),
            None => Ok(ClassList(Vec::new())),
        }
    }
}

/// `None` for what is neither an array nor an object (read as no classes).
struct ClassListVisitor;

impl<'de> Visitor<'de> for ClassListVisitor {
    type Value = Option<ClassList<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of classes")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(s) = seq.next_element::<Scalar>()? {
            out.extend(s.into_str());
        }
        Ok(Some(ClassList(out)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // In key order, a repeated key counting once: what a `Value` object holds.
        let mut by_key = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<Key, Scalar>()? {
            by_key.insert(k.0, v);
        }
        Ok(Some(ClassList(
            by_key.into_values().filter_map(Scalar::into_str).collect(),
        )))
    }
}

/// `yoast_head_json`: its `schema`.
#[derive(Default)]
struct Yoast<'a> {
    schema: Option<Value>,
    _input: std::marker::PhantomData<&'a ()>,
}

lenient!(Yoast, "Yoast's head", Yoast::default(), map =>
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yoast<'de>, A::Error> {
        let mut schema = None;
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "schema" => schema = Some(map.next_value()?),
                _ => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(Yoast {
            schema,
            ..Yoast::default()
        })
    }
);
