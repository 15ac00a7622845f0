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

/// `i8`/`i16`/`i32`/`i64` (byte, short, integer, long, and the values of
/// an intEnum). A number with no fraction reads as the integer even when
/// written as a float (`3600.0`, `1e3`, `-0.0`), as the JavaScript SDK reads
/// it: JSON has one number type, and services or proxies built on
/// JavaScript numbers may write any of them so. A fraction, or a value
/// outside the type's range, is still an error. Messages say what was wrong
/// without quoting the number.
///
/// The visitor does what serde's own integer visitors do for integer
/// tokens, so the common case costs the same.
pub(crate) struct Integer;

/// The integer types [`Integer`] reads, with the name errors give them.
pub(crate) trait WireInteger: Sized + Serialize + TryFrom<i64> + TryFrom<u64> {
    const NAME: &'static str;
}

macro_rules! wire_integer {
    ($($ty:ty),*) => {
        $(impl WireInteger for $ty {
            const NAME: &'static str = stringify!($ty);
        })*
    };
}

wire_integer!(i8, i16, i32, i64);

struct IntegerVisitor<T>(PhantomData<T>);

impl<T: WireInteger> IntegerVisitor<T> {
    fn out_of_range<E: serde::de::Error>(&self) -> E {
        E::invalid_value(serde::de::Unexpected::Other("a number out of range"), self)
    }
}

impl<T: WireInteger> Visitor<'_> for IntegerVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::NAME)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| self.out_of_range())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| self.out_of_range())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
        use serde::de::Unexpected;
        if !v.is_finite() {
            return Err(E::invalid_value(Unexpected::Other("a number that is not finite"), &self));
        }
        if v.fract() != 0.0 {
            return Err(E::invalid_value(Unexpected::Other("a number with a fraction"), &self));
        }
        // Within [-2^63, 2^63) an integral f64 converts to i64 exactly.
        if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&v) {
            self.visit_i64(v as i64)
        } else {
            Err(self.out_of_range())
        }
    }
}

impl<T: WireInteger> SerializeAs<T> for Integer {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de, T: WireInteger> DeserializeAs<'de, T> for Integer {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        // `deserialize_i64` rather than `deserialize_any`: self-describing
        // formats hand any number to the visitor either way, and serde_json
        // does it without first asking what the value is.
        deserializer.deserialize_i64(IntegerVisitor(PhantomData))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: WireInteger>(json: &str) -> Result<T, String> {
        ::serde_json::from_str::<DeserializeAsWrap<T, Integer>>(json)
            .map(DeserializeAsWrap::into_inner)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn integers_read_from_integral_floats() {
        assert_eq!(read::<i32>("3600"), Ok(3600));
        assert_eq!(read::<i32>("3600.0"), Ok(3600));
        assert_eq!(read::<i32>("1e3"), Ok(1000));
        assert_eq!(read::<i32>("1.5e1"), Ok(15));
        assert_eq!(read::<i32>("-0.0"), Ok(0));
        assert_eq!(read::<i32>("-7.0"), Ok(-7));
        assert_eq!(read::<i8>("127.0"), Ok(127));
        assert_eq!(read::<i8>("-128.0"), Ok(-128));
        assert_eq!(read::<i16>("-32768"), Ok(i16::MIN));
        assert_eq!(read::<i64>("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(read::<i64>("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(read::<i64>("-9223372036854775808.0"), Ok(i64::MIN));
        // The largest f64 below 2^63.
        assert_eq!(read::<i64>("9223372036854774784.0"), Ok(9_223_372_036_854_774_784));
    }

    /// The error reading `json` as a `T`.
    fn fail<T: WireInteger + fmt::Debug>(json: &str) -> String {
        read::<T>(json).expect_err(json)
    }

    #[test]
    fn fractions_and_out_of_range_values_are_errors_that_quote_no_value() {
        for (message, says) in [
            (fail::<i32>("3600.5"), "invalid value: a number with a fraction, expected i32"),
            (fail::<i32>("-0.25"), "a number with a fraction"),
            (fail::<i8>("300.0"), "invalid value: a number out of range, expected i8"),
            (fail::<i8>("300"), "a number out of range, expected i8"),
            (fail::<i8>("-129"), "a number out of range, expected i8"),
            (fail::<i16>("40000.0"), "a number out of range, expected i16"),
            (fail::<i32>("2147483648"), "a number out of range, expected i32"),
            (fail::<i64>("1e20"), "a number out of range, expected i64"),
            // 2^63 exactly: one past i64::MAX.
            (fail::<i64>("9223372036854775808.0"), "a number out of range"),
            (fail::<i64>("9223372036854775808"), "a number out of range"),
            (fail::<i64>("-1e19"), "a number out of range"),
            (fail::<i32>("\"text\""), "invalid type: string"),
            (fail::<i32>("true"), "invalid type: boolean"),
            (fail::<i32>("null"), "invalid type: null"),
        ] {
            assert!(message.contains(says), "{message} lacks {says}");
            for digits in ["3600", "300", "129", "40000", "2147483648", "922337"] {
                assert!(!message.contains(digits), "{message} quotes the value");
            }
        }
    }

    #[test]
    fn integers_read_the_same_from_a_parsed_value() {
        let read = |v: ::serde_json::Value| <Integer as DeserializeAs<'_, i32>>::deserialize_as(&v);
        assert_eq!(read(::serde_json::json!(3600.0)).unwrap(), 3600);
        assert_eq!(read(::serde_json::json!(-12)).unwrap(), -12);
        assert!(read(::serde_json::json!(0.5)).is_err());
        assert!(read(::serde_json::json!(1e12)).is_err());
        assert!(read(::serde_json::json!("1")).is_err());
    }

    #[test]
    fn integers_are_written_as_integers() {
        let json = ::serde_json::to_string(&SerializeAsWrap::<i64, Integer>::new(&-42)).unwrap();
        assert_eq!(json, "-42");
        let json = ::serde_json::to_string(&SerializeAsWrap::<Option<i8>, Option<Integer>>::new(&Some(7))).unwrap();
        assert_eq!(json, "7");
    }
}
