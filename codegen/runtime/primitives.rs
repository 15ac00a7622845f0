//! Value types for the model's simple shapes that have no std equivalent:
//! timestamps, blobs, arbitrary-precision numbers, documents, and the
//! carrier for enum values this crate does not know yet.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A free-form JSON value (`document` shapes).
pub type Document = ::serde_json::Value;

/// An instant in time, to the nanosecond, as seconds since the Unix epoch.
///
/// On the wire it is written as epoch seconds unless the model asks for
/// another format; [`DateTime::to_rfc3339`] and [`DateTime::to_http_date`]
/// give the other standard forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DateTime {
    seconds: i64,
    subsec_nanos: u32,
}

/// A timestamp string or number that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeParseError {
    input: String,
    expected: &'static str,
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {} timestamp", self.input, self.expected)
    }
}

impl std::error::Error for DateTimeParseError {}

impl DateTime {
    /// The instant `seconds` after the epoch (negative for earlier).
    pub const fn from_secs(seconds: i64) -> Self {
        DateTime { seconds, subsec_nanos: 0 }
    }

    /// From whole seconds and a nanosecond fraction; nanoseconds past a
    /// second carry into `seconds`.
    pub const fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        DateTime {
            seconds: seconds.saturating_add((nanos / 1_000_000_000) as i64),
            subsec_nanos: nanos % 1_000_000_000,
        }
    }

    /// From fractional epoch seconds, as JSON carries them. An `f64` holds
    /// about sixteen significant digits, so the fraction is rounded to the
    /// microsecond: finer digits would be noise.
    pub fn from_secs_f64(value: f64) -> Self {
        let mut seconds = value.floor();
        let mut micros = ((value - seconds) * 1_000_000.0).round();
        if micros >= 1_000_000.0 {
            seconds += 1.0;
            micros -= 1_000_000.0;
        }
        DateTime::from_secs_and_nanos(seconds as i64, micros as u32 * 1_000)
    }

    /// Whole seconds since the epoch (rounded down).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past [`DateTime::secs`].
    pub const fn subsec_nanos(&self) -> u32 {
        self.subsec_nanos
    }

    /// Fractional seconds since the epoch.
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.subsec_nanos) / 1e9
    }

    fn to_offset(self) -> Option<::time::OffsetDateTime> {
        let nanos = i128::from(self.seconds) * 1_000_000_000 + i128::from(self.subsec_nanos);
        ::time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
    }

    fn from_offset(value: ::time::OffsetDateTime) -> Self {
        DateTime::from_secs_and_nanos(value.unix_timestamp(), value.nanosecond())
    }

    /// RFC 3339 in UTC (`2019-12-16T23:48:18Z`, with a fraction when there is one).
    /// `None` when the year is outside 0000 to 9999.
    pub fn to_rfc3339(&self) -> Option<String> {
        let value = self.to_offset()?;
        if !(0..=9999).contains(&value.year()) {
            return None;
        }
        value.format(&::time::format_description::well_known::Rfc3339).ok()
    }

    /// Reads RFC 3339 (`date-time`), with any offset and fraction.
    pub fn parse_rfc3339(text: &str) -> Result<Self, DateTimeParseError> {
        ::time::OffsetDateTime::parse(text, &::time::format_description::well_known::Rfc3339)
            .map(DateTime::from_offset)
            .map_err(|_| DateTimeParseError {
                input: text.to_owned(),
                expected: "RFC 3339 date-time",
            })
    }

    /// IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`), the `http-date` format.
    /// Fractions of a second are written as milliseconds when present.
    pub fn to_http_date(&self) -> Option<String> {
        let value = self.to_offset()?;
        let mut text = value.format(imf_fixdate()?).ok()?;
        if self.subsec_nanos != 0 {
            text.push_str(&format!(".{:03}", self.subsec_nanos / 1_000_000));
        }
        text.push_str(" GMT");
        Some(text)
    }

    /// Reads IMF-fixdate, with an optional fraction of a second.
    pub fn parse_http_date(text: &str) -> Result<Self, DateTimeParseError> {
        let error = || DateTimeParseError {
            input: text.to_owned(),
            expected: "http-date",
        };
        let without_zone = text.trim().strip_suffix(" GMT").ok_or_else(error)?;
        let (whole, fraction) = match without_zone.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (without_zone, None),
        };
        let value = ::time::PrimitiveDateTime::parse(whole, imf_fixdate().ok_or_else(error)?).map_err(|_| error())?;
        let mut result = DateTime::from_offset(value.assume_utc());
        if let Some(fraction) = fraction {
            if fraction.is_empty() || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return Err(error());
            }
            let nanos: u32 = format!("{fraction:0<9}").parse().map_err(|_| error())?;
            result.subsec_nanos = nanos;
        }
        Ok(result)
    }
}

/// The part of IMF-fixdate before the fraction and the zone, read once.
/// (Parsed at run time rather than by `time`'s `format_description!`
/// macro, which would put a procedural macro crate in every build for one
/// string.) The description is a constant that parses; `None` cannot happen.
fn imf_fixdate() -> Option<&'static [::time::format_description::BorrowedFormatItem<'static>]> {
    type Items = Vec<::time::format_description::BorrowedFormatItem<'static>>;
    static FIXED: std::sync::OnceLock<Option<Items>> = std::sync::OnceLock::new();
    FIXED
        .get_or_init(|| {
            ::time::format_description::parse_borrowed::<1>(
                "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second]",
            )
            .ok()
        })
        .as_deref()
}

impl From<SystemTime> for DateTime {
    fn from(value: SystemTime) -> Self {
        match value.duration_since(UNIX_EPOCH) {
            Ok(after) => DateTime::from_secs_and_nanos(after.as_secs() as i64, after.subsec_nanos()),
            Err(before) => {
                let before = before.duration();
                let mut seconds = -(before.as_secs() as i64);
                let mut nanos = before.subsec_nanos();
                if nanos > 0 {
                    seconds -= 1;
                    nanos = 1_000_000_000 - nanos;
                }
                DateTime::from_secs_and_nanos(seconds, nanos)
            }
        }
    }
}

impl From<DateTime> for SystemTime {
    fn from(value: DateTime) -> Self {
        let nanos = Duration::from_nanos(u64::from(value.subsec_nanos));
        if value.seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(value.seconds as u64) + nanos
        } else {
            UNIX_EPOCH - Duration::from_secs(value.seconds.unsigned_abs()) + nanos
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_rfc3339() {
            Some(text) => f.write_str(&text),
            None => write!(f, "{}s after the epoch", self.as_secs_f64()),
        }
    }
}

/// Epoch seconds, the protocol's default: an integer when there is no
/// fraction, so whole seconds round-trip exactly.
impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.subsec_nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if !value.is_finite() {
            return Err(serde::de::Error::custom("a timestamp must be a finite number of seconds"));
        }
        Ok(DateTime::from_secs_f64(value))
    }
}

/// Binary data. On the wire it is base64 text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// A blob holding `bytes`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, to keep.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Blob(text.as_bytes().to_vec())
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ::base64::Engine as _;
        serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use ::base64::Engine as _;
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        ::base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Blob)
            .map_err(|e| serde::de::Error::custom(format!("invalid base64 blob: {e}")))
    }
}

macro_rules! big_number {
    ($name:ident, $what:literal, $valid:expr) => {
        #[doc = concat!("An arbitrary-precision ", $what, ", kept as its decimal text so no digit is lost.")]
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The number's decimal text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// For values the generator checked: a bad one becomes zero, never a panic.
            #[allow(dead_code)]
            pub(crate) fn from_checked_text(text: &str) -> Self {
                text.parse().unwrap_or_default()
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name("0".to_owned())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let valid: fn(&str) -> bool = $valid;
                if valid(text) {
                    Ok($name(text.to_owned()))
                } else {
                    Err(format!("`{text}` is not a valid {}", $what))
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// Written as a bare JSON number with every digit.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::serde_json::value::RawValue::from_string(self.0.clone())
                    .map_err(serde::ser::Error::custom)?
                    .serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = Box::<::serde_json::value::RawValue>::deserialize(deserializer)?;
                let text = raw.get().trim().trim_matches('"');
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

big_number!(BigInteger, "integer", |t| {
    let digits = t.strip_prefix('-').unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
});

big_number!(BigDecimal, "decimal number", |t| {
    // JSON's number grammar: -?int(.frac)?([eE][+-]?exp)?
    ::serde_json::from_str::<::serde::de::IgnoredAny>(t).is_ok()
        && t.bytes().next().is_some_and(|b| b == b'-' || b.is_ascii_digit())
});

/// An enum value this version of the crate does not list. It is kept as
/// sent, so it can be inspected, logged and sent back unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct UnknownValue(String);

impl UnknownValue {
    #[allow(dead_code)] // A model without string enums never calls it.
    pub(crate) fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_formats_round_trip() {
        let t = DateTime::from_secs_and_nanos(1_398_796_238, 120_000_000);
        assert_eq!(t.to_rfc3339().unwrap(), "2014-04-29T18:30:38.12Z");
        assert_eq!(t.to_http_date().unwrap(), "Tue, 29 Apr 2014 18:30:38.120 GMT");
        assert_eq!(DateTime::parse_rfc3339("2014-04-29T18:30:38.12Z").unwrap(), t);
        assert_eq!(DateTime::parse_http_date("Tue, 29 Apr 2014 18:30:38.120 GMT").unwrap(), t);
        assert_eq!(DateTime::parse_rfc3339("2014-04-29T20:30:38.12+02:00").unwrap(), t);
        assert!(DateTime::parse_http_date("Tue, 29 Apr 2014 18:30:38").is_err());
        assert!(DateTime::parse_rfc3339("yesterday").is_err());
    }

    #[test]
    fn epoch_seconds_keep_fractions() {
        assert_eq!(DateTime::from_secs_f64(1515531081.1234).subsec_nanos(), 123_400_000);
        assert_eq!(DateTime::from_secs_f64(-1.5), DateTime::from_secs_and_nanos(-2, 500_000_000));
        let json = ::serde_json::to_string(&DateTime::from_secs(946845296)).unwrap();
        assert_eq!(json, "946845296");
        let st: SystemTime = DateTime::from_secs_and_nanos(-2, 500_000_000).into();
        assert_eq!(DateTime::from(st), DateTime::from_secs_and_nanos(-2, 500_000_000));
    }

    #[test]
    fn big_numbers_keep_every_digit() {
        let n: BigInteger = ::serde_json::from_str("123456789012345678901234567890").unwrap();
        assert_eq!(n.as_str(), "123456789012345678901234567890");
        assert_eq!(::serde_json::to_string(&n).unwrap(), "123456789012345678901234567890");
        let d: BigDecimal = ::serde_json::from_str("-1.000000000000000000001e10").unwrap();
        assert_eq!(::serde_json::to_string(&d).unwrap(), "-1.000000000000000000001e10");
        assert!("1x".parse::<BigDecimal>().is_err());
    }
}
