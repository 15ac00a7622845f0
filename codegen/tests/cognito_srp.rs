//! The Cognito customization's SRP module, compiled as the generated crate
//! compiles it (feature `srp`), so its unit tests run with the generator's.

#[path = "../customizations/cognito_identity_provider/srp.rs"]
mod srp;
