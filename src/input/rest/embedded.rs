//! `_embedded` in a REST post (`?_embed`): the author, the featured image and the terms,
//! each read from whatever shape it has (`None` or empty where the path to it is missing or
//! of another type).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::lenient::{First, Key, Skip, SkipVisitor, lenient};
use super::wire::{Field, Scalar};

/// `_embedded`: `None` where the path to a part is missing or not of the right type.
#[derive(Default)]
pub(crate) struct Embedded<'a> {
    /// `author[0]`.
    pub author: Option<EmbeddedAuthor<'a>>,
    /// `wp:featuredmedia[0]`.
    pub media: Option<Media<'a>>,
    /// `wp:term`, when it is an array: the terms of its arrays, in order.
    pub terms: Option<Vec<WireTerm<'a>>>,
}

/// An embedded author (all `None` when it is not an object).
#[derive(Default)]
pub(crate) struct EmbeddedAuthor<'a> {
    /// The object has a `code` (a REST error in place of the author).
    pub code: bool,
    pub id: Option<Scalar<'a>>,
    pub name: Option<Scalar<'a>>,
    pub slug: Option<Scalar<'a>>,
}

/// An embedded featured image.
#[derive(Default)]
pub(crate) struct Media<'a> {
    pub source_url: Option<Scalar<'a>>,
    pub alt_text: Option<Scalar<'a>>,
    pub caption: Option<Field<'a>>,
    pub width: Option<Scalar<'a>>,
    pub height: Option<Scalar<'a>>,
}

/// An embedded term.
#[derive(Default)]
pub(crate) struct WireTerm<'a> {
    pub id: Option<Scalar<'a>>,
    pub slug: Option<Scalar<'a>>,
    pub name: Option<Scalar<'a>>,
    pub taxonomy: Option<Scalar<'a>>,
}

lenient!(Embedded, "embedded objects", Embedded::default(), map =>
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Embedded<'de>, A::Error> {
        let mut e = Embedded::default();
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "author" => e.author = map.next_value::<First<EmbeddedAuthor>>()?.0,
                "wp:featuredmedia" => e.media = map.next_value::<First<Media>>()?.0,
                "wp:term" => e.terms = map.next_value::<Terms>()?.0,
                _ => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(e)
    }
);

lenient!(EmbeddedAuthor, "an author", EmbeddedAuthor::default(), map =>
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EmbeddedAuthor<'de>, A::Error> {
        let mut a = EmbeddedAuthor::default();
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "code" => a.code = map.next_value::<Skip>().map(|_| true)?,
                "id" => a.id = Some(map.next_value()?),
                "name" => a.name = Some(map.next_value()?),
                "slug" => a.slug = Some(map.next_value()?),
                _ => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(a)
    }
);

lenient!(Media, "a media object", Media::default(), map =>
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Media<'de>, A::Error> {
        let mut m = Media::default();
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "source_url" => m.source_url = Some(map.next_value()?),
                "alt_text" => m.alt_text = Some(map.next_value()?),
                "caption" => m.caption = Some(map.next_value()?),
                "media_details" => {
                    let d = map.next_value::<Dimensions>()?;
                    (m.width, m.height) = (d.width, d.height);
                }
                _ => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(m)
    }
);

/// `media_details`: its `width` and `height`.
#[derive(Default)]
struct Dimensions<'a> {
    width: Option<Scalar<'a>>,
    height: Option<Scalar<'a>>,
}

lenient!(Dimensions, "media details", Dimensions::default(), map =>
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dimensions<'de>, A::Error> {
        let mut d = Dimensions::default();
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "width" => d.width = Some(map.next_value()?),
                "height" => d.height = Some(map.next_value()?),
                _ => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(d)
    }
);

/// `wp:term`: an array of arrays of terms (`None` when it is not an array).
struct Terms<'a>(Option<Vec<WireTerm<'a>>>);

lenient!(Terms, "an array of term arrays", Terms(None), seq =>
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Terms<'de>, A::Error> {
        let mut terms = Vec::new();
        while let Some(group) = seq.next_element::<TermGroup>()? {
            terms.extend(group.0);
        }
        Ok(Terms(Some(terms)))
    }
);

/// One array of `wp:term` (empty for anything else).
struct TermGroup<'a>(Vec<WireTerm<'a>>);

lenient!(TermGroup, "an array of terms", TermGroup(Vec::new()), seq =>
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TermGroup<'de>, A::Error> {
        let mut terms = Vec::new();
        while let Some(t) = seq.next_element::<WireTerm>()? {
            terms.push(t);
        }
        Ok(TermGroup(terms))
    }
);

lenient!(WireTerm, "a term", WireTerm::default(), map =>
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WireTerm<'de>, A::Error> {
        let mut t = WireTerm::default();
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "id" => t.id = Some(map.next_value()?),
                "slug" => t.slug = Some(map.next_value()?),
                "name" => t.name = Some(map.next_value()?),
                "taxonomy" => t.taxonomy = Some(map.next_value()?),
                _ => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(t)
    }
);
