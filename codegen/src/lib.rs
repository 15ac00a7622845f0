//! A generator that turns a Smithy JSON AST model into a Rust crate.
//!
//! The stages are pure functions: [`model::Model`] loads and validates,
//! [`select`] finds what an operation or service reaches, and
//! [`generate`] returns every file of the crate as text.

pub mod error;
pub mod model;

pub use error::{Error, Result};
pub mod select;
