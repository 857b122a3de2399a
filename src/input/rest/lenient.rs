//! The pieces the lenient reading of REST JSON is made of: reading past a value (still
//! checked as a whole parse would check it), object keys borrowed from the input, the first
//! element of an array, and [`lenient!`] for types read from a value of any type.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Reads past any value, parsing it as a `Value` would.
pub(super) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

pub(super) struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_none<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Skip, D::Error> {
        Skip::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// A key of an object, borrowed when it has no escapes.
pub(super) struct Key<'a>(pub(super) Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Implements `Deserialize` for a type read from any JSON value: the given `visit_map` or
/// `visit_seq`, and anything else read past as `$default`.
macro_rules! lenient {
    ($ty:ident, $expecting:literal, $default:expr, $handled:ident => $visit:item) => {
        impl<'de> Deserialize<'de> for $ty<'de> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty<'de>;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_bool<E>(self, _: bool) -> Result<$ty<'de>, E> {
                        Ok($default)
                    }
                    fn visit_i64<E>(self, _: i64) -> Result<$ty<'de>, E> {
                        Ok($default)
                    }
                    fn visit_u64<E>(self, _: u64) -> Result<$ty<'de>, E> {
                        Ok($default)
                    }
                    fn visit_f64<E>(self, _: f64) -> Result<$ty<'de>, E> {
                        Ok($default)
                    }
                    fn visit_str<E>(self, _: &str) -> Result<$ty<'de>, E> {
                        Ok($default)
                    }
                    fn visit_unit<E>(self) -> Result<$ty<'de>, E> {
                        Ok($default)
                    }
                    $visit
                    lenient!(@skip $handled, $ty, $default);
                }
                d.deserialize_any(V)
            }
        }
    };
    (@skip map, $ty:ident, $default:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<$ty<'de>, A::Error> {
            SkipVisitor.visit_seq(seq)?;
            Ok($default)
        }
    };
    (@skip seq, $ty:ident, $default:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty<'de>, A::Error> {
            SkipVisitor.visit_map(map)?;
            Ok($default)
        }
    };
}

pub(super) use lenient;

/// The first element of an array (`None` for an empty array or anything else).
pub(super) struct First<T>(pub(super) Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for First<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = First<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_bool<E>(self, _: bool) -> Result<First<T>, E> {
                Ok(First(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<First<T>, E> {
                Ok(First(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<First<T>, E> {
                Ok(First(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<First<T>, E> {
                Ok(First(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<First<T>, E> {
                Ok(First(None))
            }
            fn visit_unit<E>(self) -> Result<First<T>, E> {
                Ok(First(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<First<T>, A::Error> {
                SkipVisitor.visit_map(map)?;
                Ok(First(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<First<T>, A::Error> {
                let first = seq.next_element()?;
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(First(first))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}
