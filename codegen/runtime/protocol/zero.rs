//! Zero values for client error correction: when a response omits a member
//! the model marks `@required`, the member is filled with its type's zero
//! value instead of failing the whole response. Smithy's specification
//! defines these values; a newer service that stops sending a member must
//! not break an older client.

use std::collections::HashMap;

use crate::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document};

/// A type's zero value in the sense of Smithy's client error correction.
pub(crate) trait Zero {
    fn zero() -> Self;
}

/// The zero value of `T`, for `#[serde(default = "crate::protocol::zero")]`.
pub(crate) fn zero<T: Zero>() -> T {
    T::zero()
}

macro_rules! zero_by_default {
    ($($ty:ty),*) => {
        $(impl Zero for $ty {
            fn zero() -> Self {
                <$ty>::default()
            }
        })*
    };
}

zero_by_default!(String, bool, i8, i16, i32, i64, f32, f64, Blob, DateTime, BigInteger, BigDecimal, Document);

impl<T> Zero for Vec<T> {
    fn zero() -> Self {
        Vec::new()
    }
}

impl<K, V> Zero for HashMap<K, V> {
    fn zero() -> Self {
        HashMap::new()
    }
}

impl<T> Zero for Option<T> {
    fn zero() -> Self {
        None
    }
}

impl<T: Zero> Zero for Box<T> {
    fn zero() -> Self {
        Box::new(T::zero())
    }
}
