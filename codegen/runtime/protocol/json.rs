//! How values the model describes are written in JSON where serde's default
//! would differ from the protocol: floats with `NaN` and infinities as
//! strings, timestamps in a non-default format, and dense collections that
//! drop the `null`s a service may still send.
//!
//! An adapter is a type naming a way to write and read values of another
//! type (`SerializeAs`/`DeserializeAs`); adapters nest as the types do
//! (`Option<Dense<Float>>` for an `Option<Vec<f64>>`), and a field uses one
//! through `#[serde(with = "As::<...>")]`. These few traits do here what a
//! general adapter crate would, without a procedural macro in the build.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// Writes a `T` the way `Self` says.
pub(crate) trait SerializeAs<T: ?Sized> {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Reads a `T` the way `Self` says.
pub(crate) trait DeserializeAs<'de, T>: Sized {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// The field attribute's entry point: `#[serde(with = "As::<A>")]` makes
/// serde call `As::<A>::serialize` and `As::<A>::deserialize`.
pub(crate) struct As<A>(PhantomData<A>);

impl<A> As<A> {
    pub(crate) fn serialize<T: ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        A: SerializeAs<T>,
    {
        A::serialize_as(value, serializer)
    }

    pub(crate) fn deserialize<'de, T, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>
    where
        A: DeserializeAs<'de, T>,
    {
        A::deserialize_as(deserializer)
    }
}

/// The type's own serde impls: the adapter of an item or value that needs none.
pub(crate) struct Same;

impl<T: Serialize + ?Sized> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A value borrowed to be written through adapter `A`, where serde wants a
/// `Serialize` (a collection's items, a union's member).
pub(crate) struct SerializeAsWrap<'a, T: ?Sized, A> {
    value: &'a T,
    adapter: PhantomData<A>,
}

impl<'a, T: ?Sized, A> SerializeAsWrap<'a, T, A> {
    pub(crate) fn new(value: &'a T) -> Self {
        SerializeAsWrap {
            value,
            adapter: PhantomData,
        }
    }
}

impl<T: ?Sized, A: SerializeAs<T>> Serialize for SerializeAsWrap<'_, T, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(self.value, serializer)
    }
}

/// A value read through adapter `A`, where serde wants a `Deserialize`.
pub(crate) struct DeserializeAsWrap<T, A> {
    value: T,
    adapter: PhantomData<A>,
}

impl<T, A> DeserializeAsWrap<T, A> {
    pub(crate) fn into_inner(self) -> T {
        self.value
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> Deserialize<'de> for DeserializeAsWrap<T, A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        A::deserialize_as(deserializer).map(|value| DeserializeAsWrap {
            value,
            adapter: PhantomData,
        })
    }
}

/// An optional member: `null` or absent is `None`, a value goes through `A`.
impl<T, A: SerializeAs<T>> SerializeAs<Option<T>> for Option<A> {
    fn serialize_as<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&SerializeAsWrap::<T, A>::new(value)),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Option<T>> for Option<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        let value: Option<DeserializeAsWrap<T, A>> = Option::deserialize(deserializer)?;
        Ok(value.map(DeserializeAsWrap::into_inner))
    }
}

/// A boxed member (recursive shapes): the box is transparent on the wire.
impl<T, A: SerializeAs<T>> SerializeAs<Box<T>> for Box<A> {
    fn serialize_as<S: Serializer>(value: &Box<T>, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(value, serializer)
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Box<T>> for Box<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Box<T>, D::Error> {
        A::deserialize_as(deserializer).map(Box::new)
    }
}

/// A sparse list (`Vec<Option<A>>` as the adapter): every item as it is,
/// `null`s included.
impl<T, A: SerializeAs<T>> SerializeAs<Vec<T>> for Vec<A> {
    fn serialize_as<S: Serializer>(items: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(&SerializeAsWrap::<T, A>::new(item))?;
        }
        seq.end()
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for Vec<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        struct Items<T, A>(PhantomData<(T, A)>);
        impl<'de, T, A: DeserializeAs<'de, T>> Visitor<'de> for Items<T, A> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
                // Capped: a hostile length hint must not reserve gigabytes.
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element::<DeserializeAsWrap<T, A>>()? {
                    items.push(item.into_inner());
                }
                Ok(items)
            }
        }
        deserializer.deserialize_seq(Items::<T, A>(PhantomData))
    }
}

/// A sparse map (`HashMap<KA, Option<VA>>` as the adapter): every entry as
/// it is, `null` values included.
impl<K, V, KA: SerializeAs<K>, VA: SerializeAs<V>> SerializeAs<HashMap<K, V>> for HashMap<KA, VA> {
    fn serialize_as<S: Serializer>(entries: &HashMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(&SerializeAsWrap::<K, KA>::new(key), &SerializeAsWrap::<V, VA>::new(value))?;
        }
        map.end()
    }
}

impl<'de, K, V, KA, VA> DeserializeAs<'de, HashMap<K, V>> for HashMap<KA, VA>
where
    K: Eq + Hash,
    KA: DeserializeAs<'de, K>,
    VA: DeserializeAs<'de, V>,
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<K, V>, D::Error> {
        struct Entries<K, V, KA, VA>(PhantomData<(K, V, KA, VA)>);
        impl<'de, K, V, KA, VA> Visitor<'de> for Entries<K, V, KA, VA>
        where
            K: Eq + Hash,
            KA: DeserializeAs<'de, K>,
            VA: DeserializeAs<'de, V>,
        {
            type Value = HashMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<HashMap<K, V>, M::Error> {
                let mut entries = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some((key, value)) =
                    map.next_entry::<DeserializeAsWrap<K, KA>, DeserializeAsWrap<V, VA>>()?
                {
                    entries.insert(key.into_inner(), value.into_inner());
                }
                Ok(entries)
            }
        }
        deserializer.deserialize_map(Entries::<K, V, KA, VA>(PhantomData))
    }
}

use crate::primitives::DateTime;

/// `f32`/`f64`, with `"NaN"`, `"Infinity"` and `"-Infinity"` strings for
/// the values JSON numbers cannot hold.
pub(crate) struct Float;

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrName<'a> {
    Number(f64),
    #[serde(borrow)]
    Name(std::borrow::Cow<'a, str>),
}

fn write_float<S: Serializer>(value: f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_nan() {
        serializer.serialize_str("NaN")
    } else if value == f64::INFINITY {
        serializer.serialize_str("Infinity")
    } else if value == f64::NEG_INFINITY {
        serializer.serialize_str("-Infinity")
    } else {
        serializer.serialize_f64(value)
    }
}

fn read_float<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    match NumberOrName::deserialize(deserializer)? {
        NumberOrName::Number(n) => Ok(n),
        NumberOrName::Name(name) => match name.as_ref() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            other => Err(serde::de::Error::custom(format!(
                "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found \"{other}\""
            ))),
        },
    }
}

impl SerializeAs<f64> for Float {
    fn serialize_as<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        write_float(*value, serializer)
    }
}

impl<'de> DeserializeAs<'de, f64> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        read_float(deserializer)
    }
}

impl SerializeAs<f32> for Float {
    fn serialize_as<S: Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            // Through f32's own serializer, so 1.1f32 is written as 1.1,
            // not as its widened f64 digits.
            serializer.serialize_f32(*value)
        } else {
            write_float(f64::from(*value), serializer)
        }
    }
}

impl<'de> DeserializeAs<'de, f32> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        read_float(deserializer).map(|v| v as f32)
    }
}

/// Timestamps as RFC 3339 strings (`@timestampFormat("date-time")`).
pub(crate) struct DateTimeFormat;

impl SerializeAs<DateTime> for DateTimeFormat {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let text = value
            .to_rfc3339()
            .ok_or_else(|| S::Error::custom("the timestamp is outside the years RFC 3339 can write"))?;
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for DateTimeFormat {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        DateTime::parse_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

/// Timestamps as IMF-fixdate strings (`@timestampFormat("http-date")`).
pub(crate) struct HttpDateFormat;

impl SerializeAs<DateTime> for HttpDateFormat {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let text = value
            .to_http_date()
            .ok_or_else(|| S::Error::custom("the timestamp is outside the years an http-date can write"))?;
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for HttpDateFormat {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        DateTime::parse_http_date(&text).map_err(serde::de::Error::custom)
    }
}

/// A dense list: written as is; `null` entries in a response are skipped.
pub(crate) struct Dense<A>(PhantomData<A>);

impl<T, A: SerializeAs<T>> SerializeAs<Vec<T>> for Dense<A> {
    fn serialize_as<S: Serializer>(items: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(&SerializeAsWrap::<T, A>::new(item))?;
        }
        seq.end()
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for Dense<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        struct Items<T, A>(PhantomData<(T, A)>);
        impl<'de, T, A: DeserializeAs<'de, T>> Visitor<'de> for Items<T, A> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
                // Capped: a hostile length hint must not reserve gigabytes.
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element::<Option<DeserializeAsWrap<T, A>>>()? {
                    if let Some(item) = item {
                        items.push(item.into_inner());
                    }
                }
                Ok(items)
            }
        }
        deserializer.deserialize_seq(Items::<T, A>(PhantomData))
    }
}

/// A dense map: written as is; entries whose value is `null` are skipped.
pub(crate) struct DenseMap<KA, VA>(PhantomData<(KA, VA)>);

impl<K, V, KA: SerializeAs<K>, VA: SerializeAs<V>> SerializeAs<HashMap<K, V>> for DenseMap<KA, VA> {
    fn serialize_as<S: Serializer>(entries: &HashMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(&SerializeAsWrap::<K, KA>::new(key), &SerializeAsWrap::<V, VA>::new(value))?;
        }
        map.end()
    }
}

impl<'de, K, V, KA, VA> DeserializeAs<'de, HashMap<K, V>> for DenseMap<KA, VA>
where
    K: Eq + Hash,
    KA: DeserializeAs<'de, K>,
    VA: DeserializeAs<'de, V>,
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<K, V>, D::Error> {
        struct Entries<K, V, KA, VA>(PhantomData<(K, V, KA, VA)>);
        impl<'de, K, V, KA, VA> Visitor<'de> for Entries<K, V, KA, VA>
        where
            K: Eq + Hash,
            KA: DeserializeAs<'de, K>,
            VA: DeserializeAs<'de, V>,
        {
            type Value = HashMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<HashMap<K, V>, M::Error> {
                let mut entries = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some((key, value)) =
                    map.next_entry::<DeserializeAsWrap<K, KA>, Option<DeserializeAsWrap<V, VA>>>()?
                {
                    if let Some(value) = value {
                        entries.insert(key.into_inner(), value.into_inner());
                    }
                }
                Ok(entries)
            }
        }
        deserializer.deserialize_map(Entries::<K, V, KA, VA>(PhantomData))
    }
}

/// The empty object a union member targeting `smithy.api#Unit` holds.
pub(crate) struct Unit;

impl serde::Serialize for Unit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

/// The one member a union read from the wire must have.
pub(crate) fn one_union_member<T, E: serde::de::Error>(mut found: Vec<T>, union: &str) -> Result<T, E> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(E::custom(format!("the {union} union has no member set"))),
        n => Err(E::custom(format!("the {union} union has {n} members set: expected exactly one"))),
    }
}

/// A member that is not an `Option` in Rust (it is `@required`): `null` on
/// the wire means absent, and absent means the zero value, so a service
/// that sends `null` for it does not fail the whole response.
pub(crate) struct OrZero<A>(PhantomData<A>);

impl<T, A: SerializeAs<T>> SerializeAs<T> for OrZero<A> {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(value, serializer)
    }
}

impl<'de, T: crate::protocol::zero::Zero, A: DeserializeAs<'de, T>> DeserializeAs<'de, T> for OrZero<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        let value: Option<DeserializeAsWrap<T, A>> = Option::deserialize(deserializer)?;
        Ok(value.map_or_else(T::zero, DeserializeAsWrap::into_inner))
    }
}
