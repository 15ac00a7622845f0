//! Loader unit tests.
