//! The type space: every decision about the Rust side of the crate (names,
//! where each type lives, field types, optionality, boxing, documentation)
//! is made here, once. Emission only reads the plan; it never walks the raw
//! model, so naming and layout rules have one home.
//!
//! `records` holds the decisions, `planner` makes them, `checks` refuses
//! what the emitters could not emit, and `cycles` boxes the fields that
//! close a cycle of types, `fixed_names` lists the names emitters use
//! for items of their own, and `validation` decides what the crate's opt-in
//! validation checks.

mod checks;
mod cycles;
pub mod fixed_names;
mod planner;
mod protocol_tests;
mod records;
mod validation;

pub use planner::plan;
pub use records::*;
pub use validation::to_rust_regex;
