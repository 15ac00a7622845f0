//! The names the emitters give items of their own beside the ones made from
//! the model: builder methods such as `build`, the fluent builders' `send`,
//! the error enums' accessors. The planner steers the model's names clear of
//! them, and `checks` lists them with every other name so a collision the
//! planner could not avoid is refused by name instead of emitted.
//!
//! The rule for members: the field keeps the member's name, and a setter
//! that would have a fixed method's name is `<name>_value` instead (a member
//! `build` gets `build_value()`; `set_build` and `get_build` stay, being no
//! one's fixed name). An error structure's member called `meta` is the one
//! exception: the error keeps its metadata in a field of that name, so the
//! member's field is `meta_value` too. Enums and unions need no such rule:
//! their variants are UpperCamelCase and their methods (`as_str`, `values`)
//! snake_case, and the catch-all `Unknown` is kept free by
//! [`crate::naming::variant_names`].

use super::StructRole;

/// Every structure builder's own method.
pub const BUILDER_METHODS: &[&str] = &["build"];

/// An error structure's builder also sets the error metadata.
pub const ERROR_BUILDER_METHODS: &[&str] = &["meta"];

/// The fluent builder of an operation: its constructor, `send`, the input
/// read back, and the paginator (reserved for every input, so that a
/// setter's name does not depend on whether the operation is paginated).
pub const FLUENT_BUILDER_METHODS: &[&str] = &["new", "send", "as_input", "into_paginator"];

/// The field in which error structures (and their builders) keep the
/// metadata of the response (code, message, request id, status).
pub const ERROR_METADATA_FIELD: &str = "meta";

/// The field in which operation outputs keep the client's response metadata.
pub const RESPONSE_METADATA_FIELD: &str = "_response_metadata";

/// The associated items of every structure: `builder()`.
pub const STRUCT_FNS: &[&str] = &["builder"];

/// An error structure's own associated constant.
pub const ERROR_STRUCT_CONST: &str = "CODE";

/// The methods of every error enum (an operation's and the crate's `Error`)
/// besides the `is_<error>` checks.
pub const ERROR_ENUM_METHODS: &[&str] = &[
    "inner",
    "code",
    "message",
    "request_id",
    "meta",
    "fault",
    "is_retryable",
    "is_throttling",
    "is_unhandled",
    "from_response",
];

/// The error enums' variant for codes the model does not list.
pub const UNHANDLED_VARIANT: &str = "Unhandled";

/// The client's own methods beside one per operation.
pub const CLIENT_METHODS: &[&str] = &["new", "from_env", "config"];

/// Names of the operator traits' methods taking `self` and one argument
/// (`Add::add`, ...). A setter has that shape (`fn add(mut self, item) ->
/// Self`), and Clippy's `should_implement_trait` takes such a method for a
/// missed trait impl. The setter keeps the member's name (ECS's
/// `KernelCapabilities.add` is set with `add(..)`, as users look for it),
/// with that lint allowed on it alone.
pub const OPERATOR_METHODS: &[&str] = &[
    "add", "bitand", "bitor", "bitxor", "div", "mul", "rem", "shl", "shr", "sub",
];

/// The fixed methods of the builders that carry a structure's setters:
/// its own builder, and the fluent builder when it is an operation's input.
pub fn setter_namespace(role: &StructRole, is_input: bool) -> Vec<&'static str> {
    let mut names = BUILDER_METHODS.to_vec();
    if matches!(role, StructRole::Error(_)) {
        names.extend(ERROR_BUILDER_METHODS);
    }
    if is_input {
        names.extend(FLUENT_BUILDER_METHODS);
    }
    names
}

/// The setter of a field called `plain` (`name` being the field's
/// identifier, maybe raw) among `fixed` methods: the field's name, or
/// `<plain>_value` when that is taken.
pub fn setter_name(name: &str, plain: &str, fixed: &[&str]) -> String {
    if fixed.contains(&plain) {
        format!("{plain}_value")
    } else {
        name.to_owned()
    }
}

/// The `is_<error>` check of an error enum for an error whose field-style
/// name is `plain`: `is_<plain>`, or `is_<plain>_error` when an error enum
/// has a method of that name already (an error shape named `Retryable`).
pub fn error_check(plain: &str) -> String {
    let check = format!("is_{plain}");
    if ERROR_ENUM_METHODS.contains(&check.as_str()) {
        check + "_error"
    } else {
        check
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_step_aside_only_for_fixed_methods() {
        let input = setter_namespace(&StructRole::Input, true);
        assert_eq!(setter_name("build", "build", &input), "build_value");
        assert_eq!(setter_name("send", "send", &input), "send_value");
        assert_eq!(setter_name("r#type", "type", &input), "r#type");
        let data = setter_namespace(&StructRole::Data, false);
        assert_eq!(setter_name("send", "send", &data), "send");
        assert_eq!(setter_name("meta", "meta", &data), "meta");
    }

    #[test]
    fn error_checks_step_aside_for_the_enums_methods() {
        assert_eq!(error_check("not_found"), "is_not_found");
        assert_eq!(error_check("retryable"), "is_retryable_error");
        assert_eq!(error_check("throttling"), "is_throttling_error");
        assert_eq!(error_check("unhandled"), "is_unhandled_error");
    }
}
