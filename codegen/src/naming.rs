//! Rust identifiers for Smithy shape, member and enum-value names.
//!
//! Every public function goes through the same pipeline:
//!
//! 1. `prepare`: characters that cannot appear in an identifier become
//!    spaces (word breaks), and a few acronym spellings that heck splits
//!    badly are rewritten so heck sees them as one word.
//! 2. heck does the actual word splitting and case conversion.
//! 3. `finish`: the result is made a valid identifier even for odd input
//!    (empty result, leading digit, ...).
//! 4. Keywords are escaped in the way that suits the kind of name.
//!
//! Decisions for input that has no obvious answer:
//!
//! | input                    | type        | field     | module      | variant     | const     |
//! |--------------------------|-------------|-----------|-------------|-------------|-----------|
//! | `""`, `"!!!"`            | `Empty`     | `empty`   | `empty`     | `Empty`     | `EMPTY`   |
//! | `"2fa"` (leading digit)  | `T2fa`      | `_2fa`    | `_2fa`      | `V2fa`      | `_2FA`    |
//! | `"type"` (keyword)       | `Type`      | `r#type`  | `type_`     | `Type`      | `TYPE`    |
//! | `"self"` (non-raw kw)    | `SelfValue` | `self_`   | `self_`     | `SelfValue` | `SELF`    |
//!
//! Leading and trailing underscores are dropped (heck treats them as word
//! separators), so `_foo` and `foo` convert to the same name; callers detect
//! that with [`find_collisions`] / [`variant_names`].
//!
//! Type names may shadow std prelude types (`Result`, `Option`, `String`,
//! `Box`, `Vec`, `Error`, ...): generated code refers to std types through
//! fully qualified paths (`::std::result::Result`), so a model shape called
//! `Result` is harmless and is deliberately not renamed.

use std::collections::{HashMap, HashSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Name of the catch-all variant that every open (non-exhaustive) generated
/// enum gets for values it does not know about.
///
/// [`variant_name`] does not avoid it (it converts one name in isolation);
/// [`variant_names`] does, by renaming a model member that would become
/// `Unknown` (e.g. `UNKNOWN`) to [`RENAMED_UNKNOWN_VARIANT`].
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// What [`variant_names`] calls a model member that would otherwise take the
/// reserved [`UNKNOWN_VARIANT`] name.
pub const RENAMED_UNKNOWN_VARIANT: &str = "UnknownValue";

/// UpperCamelCase type name for a shape name, e.g.
/// "AdminInitiateAuthRequest" -> "AdminInitiateAuthRequest",
/// "CallbackURLsListType" -> "CallbackUrlsListType".
///
/// A leading digit gets a `T` prefix ("2fa" -> "T2fa"); `Self` becomes
/// `SelfValue` (not `Self_`: derived names such as `{name}Builder` must stay
/// UpperCamelCase).
pub fn type_name(shape_name: &str) -> String {
    let name = finish(prepare(shape_name).to_upper_camel_case(), "T", "Empty");
    underscore_if_keyword(name)
}

/// snake_case field / function name for a member name:
/// "AuthFlow" -> "auth_flow", "type" -> "r#type", "self" -> "self_".
///
/// Keywords become raw identifiers, except the ones Rust does not allow as raw
/// identifiers (`self`, `Self`, `super`, `crate`, `_`), which get a trailing
/// underscore. A leading digit gets a `_` prefix ("2fa" -> "_2fa").
pub fn field_name(member_name: &str) -> String {
    let name = finish(prepare(member_name).to_snake_case(), "_", "empty");
    if !is_rust_keyword(&name) {
        name
    } else if can_be_raw(&name) {
        format!("r#{name}")
    } else {
        name + "_"
    }
}

/// snake_case module (and file) name for a shape or operation:
/// "AdminInitiateAuth" -> "admin_initiate_auth".
///
/// Keywords get a trailing underscore ("type" -> "type_") because a raw
/// identifier makes an awkward file name. So do the Windows reserved device
/// names (`con`, `aux`, `nul`, `com1`, ...): `con.rs` cannot be checked out
/// on Windows. A leading digit gets a `_` prefix.
pub fn module_name(name: &str) -> String {
    let name = finish(prepare(name).to_snake_case(), "_", "empty");
    if is_rust_keyword(&name) || is_windows_reserved_file_name(&name) {
        name + "_"
    } else {
        name
    }
}

/// UpperCamelCase enum variant from an enum member name or (Smithy 1.0 enum
/// trait without names) a raw value:
/// "USER_SRP_AUTH" -> "UserSrpAuth", "a.b" -> "AB", "TLS 1.2" -> "Tls12".
///
/// * A leading digit gets a `V` (for "value") prefix: "1" -> "V1".
/// * Input without any letters or digits ("", "*") becomes "Empty".
/// * `Self` becomes `SelfValue`, as a type name does.
/// * Digits separated by punctuation are joined ("V1_0" -> "V10"), like heck
///   and the AWS SDKs do; [`variant_names`] resolves any clash this causes.
///
/// This does not avoid [`UNKNOWN_VARIANT`]; use [`variant_names`] for that.
pub fn variant_name(name: &str) -> String {
    let name = finish(prepare(name).to_upper_camel_case(), "V", "Empty");
    underscore_if_keyword(name)
}

/// Converts all member names (or raw values) of one enum, in declaration
/// order, into distinct variant names.
///
/// Rules, applied in this order:
/// 1. Each name is converted with [`variant_name`].
/// 2. A name that converts to [`UNKNOWN_VARIANT`] becomes
///    [`RENAMED_UNKNOWN_VARIANT`], keeping `Unknown` free for the catch-all.
/// 3. Names that are now unique keep their name. Among names that share a
///    converted name, the first in declaration order keeps it and each later
///    one gets the smallest suffix `2`, `3`, ... that is not used by any other
///    variant. The suffix is written `_2` when the name already ends in a
///    digit, so that "V1" + 2 reads as "V1_2" rather than "V12".
pub fn variant_names(names: &[&str]) -> Vec<String> {
    let bases: Vec<String> = names
        .iter()
        .map(|name| match variant_name(name) {
            v if v == UNKNOWN_VARIANT => RENAMED_UNKNOWN_VARIANT.to_string(),
            v => v,
        })
        .collect();
    // Reserve every base name up front, so that a member whose natural name
    // is e.g. `Foo2` keeps it even if an earlier `Foo` duplicate would
    // otherwise have been numbered into it.
    let reserved: HashSet<&str> = bases.iter().map(String::as_str).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(bases.len());
    for base in &bases {
        let name = if taken.contains(base) {
            numbered_variant(base, |candidate| {
                !reserved.contains(candidate) && !taken.contains(candidate)
            })
        } else {
            base.clone()
        };
        taken.insert(name.clone());
        out.push(name);
    }
    out
}

/// SCREAMING_SNAKE_CASE constant name: "MaxResults" -> "MAX_RESULTS".
///
/// No keyword is upper case, so no escaping is needed; a leading digit gets a
/// `_` prefix ("2fa" -> "_2FA").
pub fn const_name(name: &str) -> String {
    let name = finish(prepare(name).to_shouty_snake_case(), "_", "EMPTY");
    // Cannot trigger today (keywords are lower case or `Self`); kept so the
    // "always a usable identifier" guarantee does not depend on that fact.
    underscore_if_keyword(name)
}

/// True for every Rust keyword: strict (`fn`, `type`, `self`, `Self`, ...),
/// reserved (`abstract`, `box`, `yield`, ...), the 2018+ edition keywords
/// (`async`, `await`, `dyn`, `try`) and the 2024 `gen`; also `_`.
///
/// Weak (contextual) keywords such as `union`, `macro_rules`, `raw` and `safe`
/// are ordinary identifiers wherever a generated name goes, so they are not
/// included and are not escaped.
pub fn is_rust_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Finds names that collide after conversion: given (original, converted)
/// pairs in declaration order, returns every group of two or more originals
/// that map to the same converted name.
///
/// Groups are ordered by where their converted name first appears, and the
/// originals within a group keep their input order.
pub fn find_collisions<'a>(
    names: impl IntoIterator<Item = (&'a str, String)>,
) -> Vec<Vec<&'a str>> {
    let mut groups: Vec<Vec<&'a str>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (original, converted) in names {
        match group_of.get(&converted) {
            Some(&i) => groups[i].push(original),
            None => {
                group_of.insert(converted, groups.len());
                groups.push(vec![original]);
            }
        }
    }
    groups.retain(|group| group.len() >= 2);
    groups
}

/// A name without the `r#` of a raw identifier (`r#type` is `type`): the
/// form that other names are derived from (`set_type`) and that text shows.
pub fn plain(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Strict, reserved and edition keywords; see [`is_rust_keyword`].
const KEYWORDS: &[&str] = &[
    // strict
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", //
    // strict since 2018
    "async", "await", "dyn", //
    // reserved
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", //
    // reserved since 2018 / 2024
    "try", "gen", //
    // not an identifier at all, but it can reach the keyword checks
    "_",
];

/// Keywords that Rust refuses as raw identifiers (`r#self` is an error).
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

fn can_be_raw(keyword: &str) -> bool {
    !NON_RAW_KEYWORDS.contains(&keyword)
}

/// `Self` (the only keyword that UpperCamelCase can produce) -> `SelfValue`,
/// which stays UpperCamelCase when a suffix is added (`SelfValueBuilder`;
/// `Self_Builder` would trip the `non_camel_case_types` lint). Any other
/// keyword gets a trailing underscore.
fn underscore_if_keyword(name: String) -> String {
    if name == "Self" {
        "SelfValue".to_owned()
    } else if is_rust_keyword(&name) {
        name + "_"
    } else {
        name
    }
}

/// Windows cannot create files with these stems, whatever the extension.
fn is_windows_reserved_file_name(stem: &str) -> bool {
    const DEVICES: &[&str] = &["con", "prn", "aux", "nul"];
    const NUMBERED: &[&str] = &["com", "lpt"];
    DEVICES.contains(&stem)
        || NUMBERED.iter().any(|prefix| {
            stem.strip_prefix(prefix)
                .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
        })
}

/// `base` + the smallest suffix from 2 up that `is_free` accepts.
fn numbered_variant(base: &str, is_free: impl Fn(&str) -> bool) -> String {
    let separator = if base.ends_with(|c: char| c.is_ascii_digit()) {
        "_"
    } else {
        ""
    };
    (2..)
        .map(|n| format!("{base}{separator}{n}"))
        .find(|candidate| is_free(candidate))
        .expect("there are more numbers than variants")
}

// ---------------------------------------------------------------------------
// Step 1: turn a Smithy name into something heck splits correctly.
// ---------------------------------------------------------------------------

/// Replaces characters that cannot appear in an identifier by spaces (which
/// heck treats as word breaks) and rewrites the spellings heck mis-splits.
fn prepare(name: &str) -> String {
    let mut chars: Vec<char> = name
        .chars()
        .map(|c| if is_ident_continue(c) { c } else { ' ' })
        .collect();
    join_unit_words(&mut chars);
    join_acronym_suffixes(&mut chars);
    chars.into_iter().collect()
}

/// Binary size units, which heck would split in two ("SizeInMiB" ->
/// "size_in_mi_b").
const UNIT_WORDS: &[&str] = &["KiB", "MiB", "GiB", "TiB", "PiB"];

/// Rewrites `MiB` to `Mib` (when it ends a word) so heck keeps it one word.
fn join_unit_words(chars: &mut [char]) {
    for unit in UNIT_WORDS {
        let unit: Vec<char> = unit.chars().collect();
        let mut i = 0;
        while i + unit.len() <= chars.len() {
            let end = i + unit.len();
            if chars[i..end] == unit[..] && !is_lowercase_at(chars, end) {
                chars[i + 1..end]
                    .iter_mut()
                    .for_each(|c| c.make_ascii_lowercase());
                i = end;
            } else {
                i += 1;
            }
        }
    }
}

/// heck ends an upper-case run one letter early when lower case follows,
/// because that is usually where the next word starts ("HTTPHeaders" ->
/// "http_headers"). Two suffixes break that rule and belong to the acronym:
///
/// * a plural `s` that ends the word: "CallbackURLs" would become
///   "callback_ur_ls"; "URLs", "ARNs", "IDs" are kept as one word;
/// * a version `v<digit>`: "IPv6" would become "i_pv6"; "IPv6", "DBv2" are
///   kept as one word.
///
/// We join them by lower-casing the acronym after its first letter ("URLs" ->
/// "Urls"), which heck then treats as an ordinary capitalised word.
/// Known limitation: an acronym directly followed by the word "Is" or "As"
/// ("KMSIsEnabled") is read as a plural; no such name occurs in the AWS
/// models we generate from.
fn join_acronym_suffixes(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_uppercase() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_uppercase() {
            i += 1;
        }
        // chars[start..i] is a maximal run of capitals.
        let is_acronym = i - start >= 2;
        if is_acronym && (has_plural_suffix(chars, i) || has_version_suffix(chars, i)) {
            chars[start + 1..i]
                .iter_mut()
                .for_each(|c| c.make_ascii_lowercase());
        }
    }
}

/// `s` at `at`, not followed by more lower case ("URLs" but not "URLsomething").
fn has_plural_suffix(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&'s') && !is_lowercase_at(chars, at + 1)
}

/// `v` and a digit at `at` ("IPv6").
fn has_version_suffix(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&'v') && chars.get(at + 1).is_some_and(char::is_ascii_digit)
}

fn is_lowercase_at(chars: &[char], at: usize) -> bool {
    chars.get(at).is_some_and(|c| c.is_lowercase())
}

// ---------------------------------------------------------------------------
// Step 3: make sure the converted name is a valid identifier.
// ---------------------------------------------------------------------------

/// Makes heck's output a valid identifier: `fallback` if nothing is left,
/// `prefix` in front if it cannot start an identifier (e.g. a digit).
fn finish(converted: String, prefix: &str, fallback: &str) -> String {
    // heck only sees characters `prepare` allowed, but its case mapping could
    // in principle produce others; drop them rather than emit bad code.
    let name: String = converted
        .chars()
        .filter(|&c| is_ident_continue(c))
        .collect();
    match name.chars().next() {
        None => fallback.to_string(),
        Some(first) if is_ident_start(first) => name,
        Some(_) => format!("{prefix}{name}"),
    }
}

/// Non-ASCII characters that `char::is_alphabetic` accepts but that are not
/// XID_Continue (circled letters like Ⓐ, Arabic ligatures, ...). Computed with
/// the `unicode-ident` crate; codegen does not depend on it, and these few
/// ranges are all std's `is_alphabetic` gets wrong for our purpose.
const ALPHABETIC_NON_XID: &[(char, char)] = &[
    ('\u{037A}', '\u{037A}'),
    ('\u{24B6}', '\u{24E9}'),
    ('\u{2E2F}', '\u{2E2F}'),
    ('\u{FC5E}', '\u{FC63}'),
    ('\u{FDFA}', '\u{FDFB}'),
    ('\u{FE70}', '\u{FE7E}'),
    ('\u{1F130}', '\u{1F189}'),
];

/// Conservative approximation of XID_Continue (plus `_`): never accepts a
/// character that Rust rejects, but drops some it would accept (non-ASCII
/// digits, some combining marks). Dropped characters become word breaks.
fn is_ident_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphabetic()
        && !ALPHABETIC_NON_XID
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Conservative approximation of XID_Start (plus `_`). Besides ASCII letters
/// it accepts only cased letters (Latin, Greek, Cyrillic, ...): std cannot
/// tell caseless letters (CJK) from combining marks, which may not start an
/// identifier, so a name starting with a caseless letter gets a prefix.
fn is_ident_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    // U+0345 is a combining mark that Unicode nevertheless calls lower case.
    is_ident_continue(c) && (c.is_uppercase() || c.is_lowercase()) && c != '\u{0345}'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names and values of Cognito's ChallengeNameType and friends.
    const COGNITO_ENUM_VALUES: &[&str] = &[
        "SMS_MFA",
        "SOFTWARE_TOKEN_MFA",
        "NEW_PASSWORD_REQUIRED",
        "DEVICE_SRP_AUTH",
        "ADMIN_NO_SRP_AUTH",
        "MFA_SETUP",
        "EMAIL_OTP",
        "SELECT_MFA_TYPE",
        "WEB_AUTHN",
        "USER_SRP_AUTH",
        "CUSTOM_CHALLENGE",
        "PASSWORD_VERIFIER",
        "DEVICE_PASSWORD_VERIFIER",
    ];

    const TYPE_NAMES: &[(&str, &str)] = &[
        // Cognito shapes
        ("AdminInitiateAuth", "AdminInitiateAuth"),
        ("AdminInitiateAuthRequest", "AdminInitiateAuthRequest"),
        ("AuthenticationResultType", "AuthenticationResultType"),
        ("NewDeviceMetadataType", "NewDeviceMetadataType"),
        ("CallbackURLsListType", "CallbackUrlsListType"),
        ("MFAMethodNotFoundException", "MfaMethodNotFoundException"),
        ("SMSMfaSettings", "SmsMfaSettings"),
        ("AdminSetUserMFAPreference", "AdminSetUserMfaPreference"),
        ("ListUsersInGroup", "ListUsersInGroup"),
        // acronyms
        ("PoolARN", "PoolArn"),
        ("UserPoolArn", "UserPoolArn"),
        ("ARNs", "Arns"),
        ("OpenIdConnectProviderARNs", "OpenIdConnectProviderArns"),
        ("HTTPHeaders", "HttpHeaders"),
        ("KMSKeyID", "KmsKeyId"),
        ("oAuth", "OAuth"),
        ("PartiQLBatchRequest", "PartiQlBatchRequest"),
        // digits
        ("S3Bucket", "S3Bucket"),
        ("EC2", "Ec2"),
        ("Base64", "Base64"),
        ("Ipv6Address", "Ipv6Address"),
        ("IPv6Address", "Ipv6Address"),
        ("DynamoDBv2", "DynamoDbv2"),
        ("SizeInMiB", "SizeInMib"),
        ("2fa", "T2fa"),
        // other spellings
        ("user_pool_id", "UserPoolId"),
        ("userPoolId", "UserPoolId"),
        ("_private", "Private"),
        // keywords and std names
        ("Self", "SelfValue"),
        ("self", "SelfValue"),
        ("type", "Type"),
        ("Result", "Result"),
        ("Option", "Option"),
        ("String", "String"),
        ("Box", "Box"),
        ("Vec", "Vec"),
        ("Error", "Error"),
        // degenerate and unicode
        ("", "Empty"),
        ("!!!", "Empty"),
        ("Über", "Über"),
        ("Ⓐbc", "Bc"),
        ("日本", "T日本"),
    ];

    const FIELD_NAMES: &[(&str, &str)] = &[
        ("AuthFlow", "auth_flow"),
        ("AuthParameters", "auth_parameters"),
        ("ClientMetadata", "client_metadata"),
        ("IdToken", "id_token"),
        ("SecretHash", "secret_hash"),
        ("CallbackURLs", "callback_urls"),
        ("LogoutURLs", "logout_urls"),
        ("SMSMfaSettings", "sms_mfa_settings"),
        (
            "MFAMethodNotFoundException",
            "mfa_method_not_found_exception",
        ),
        ("PoolARN", "pool_arn"),
        ("UserPoolArn", "user_pool_arn"),
        ("ARNs", "arns"),
        ("IDs", "ids"),
        ("UserIDs", "user_ids"),
        ("HTTPHeaders", "http_headers"),
        ("oAuth", "o_auth"),
        ("AllowedOAuthFlows", "allowed_o_auth_flows"),
        ("ListUsersInGroup", "list_users_in_group"),
        ("S3Bucket", "s3_bucket"),
        ("EC2", "ec2"),
        ("Base64", "base64"),
        ("Ipv6Address", "ipv6_address"),
        ("IPv6Address", "ipv6_address"),
        ("user_pool_id", "user_pool_id"),
        ("userPoolId", "user_pool_id"),
        ("2fa", "_2fa"),
        ("_foo", "foo"),
        ("a.b", "a_b"),
        ("naïveCafé", "naïve_café"),
        ("", "empty"),
        // strict keywords -> raw identifiers
        ("type", "r#type"),
        ("Type", "r#type"),
        ("match", "r#match"),
        ("fn", "r#fn"),
        ("ref", "r#ref"),
        // 2018+ keywords
        ("async", "r#async"),
        ("await", "r#await"),
        ("dyn", "r#dyn"),
        ("try", "r#try"),
        // 2024
        ("gen", "r#gen"),
        // reserved
        ("abstract", "r#abstract"),
        ("yield", "r#yield"),
        ("box", "r#box"),
        // keywords that cannot be raw
        ("self", "self_"),
        ("Self", "self_"),
        ("super", "super_"),
        ("crate", "crate_"),
        // weak keywords and std names are fine as they are
        ("union", "union"),
        ("macro_rules", "macro_rules"),
        ("Result", "result"),
    ];

    const MODULE_NAMES: &[(&str, &str)] = &[
        ("AdminInitiateAuth", "admin_initiate_auth"),
        ("CallbackURLsListType", "callback_urls_list_type"),
        ("type", "type_"),
        ("Self", "self_"),
        ("crate", "crate_"),
        ("match", "match_"),
        ("async", "async_"),
        ("gen", "gen_"),
        ("Con", "con_"),
        ("AUX", "aux_"),
        ("Com1", "com1_"),
        ("Lpt9", "lpt9_"),
        ("Com10", "com10"),
        ("Console", "console"),
        ("2fa", "_2fa"),
        ("", "empty"),
    ];

    const VARIANT_NAMES: &[(&str, &str)] = &[
        ("SMS_MFA", "SmsMfa"),
        ("SOFTWARE_TOKEN_MFA", "SoftwareTokenMfa"),
        ("NEW_PASSWORD_REQUIRED", "NewPasswordRequired"),
        ("DEVICE_SRP_AUTH", "DeviceSrpAuth"),
        ("ADMIN_NO_SRP_AUTH", "AdminNoSrpAuth"),
        ("MFA_SETUP", "MfaSetup"),
        ("EMAIL_OTP", "EmailOtp"),
        ("SELECT_MFA_TYPE", "SelectMfaType"),
        ("WEB_AUTHN", "WebAuthn"),
        ("USER_SRP_AUTH", "UserSrpAuth"),
        ("ALLOW_USER_SRP_AUTH", "AllowUserSrpAuth"),
        ("preferred_username", "PreferredUsername"),
        ("userAuthEvents", "UserAuthEvents"),
        ("AES256", "Aes256"),
        ("1", "V1"),
        ("2fa", "V2fa"),
        ("V1_0", "V10"),
        ("a.b", "AB"),
        ("TLS 1.2", "Tls12"),
        ("us-east-1", "UsEast1"),
        ("application/json", "ApplicationJson"),
        ("", "Empty"),
        ("*", "Empty"),
        ("Self", "SelfValue"),
        ("self", "SelfValue"),
        ("type", "Type"),
        // variant_name leaves the reserved name alone; variant_names renames it
        ("UNKNOWN", "Unknown"),
    ];

    const CONST_NAMES: &[(&str, &str)] = &[
        ("MaxResults", "MAX_RESULTS"),
        ("CallbackURLs", "CALLBACK_URLS"),
        ("user_pool_id", "USER_POOL_ID"),
        ("IPv6", "IPV6"),
        ("SizeInMiB", "SIZE_IN_MIB"),
        ("2fa", "_2FA"),
        ("self", "SELF"),
        ("type", "TYPE"),
        ("", "EMPTY"),
    ];

    const KEYWORDS_TABLE: &[(&str, bool)] = &[
        ("type", true),
        ("self", true),
        ("Self", true),
        ("super", true),
        ("crate", true),
        ("_", true),
        ("async", true),
        ("await", true),
        ("dyn", true),
        ("try", true),
        ("gen", true),
        ("abstract", true),
        ("become", true),
        ("unsized", true),
        ("union", false),
        ("macro_rules", false),
        ("raw", false),
        ("safe", false),
        ("Type", false),
        ("SELF", false),
        ("r#type", false),
        ("", false),
    ];

    const VARIANT_NAME_LISTS: &[(&[&str], &[&str])] = &[
        (&["UNKNOWN", "KNOWN"], &["UnknownValue", "Known"]),
        (
            &["unknown", "UNKNOWN_VALUE"],
            &["UnknownValue", "UnknownValue2"],
        ),
        (&["Foo", "FOO", "foo"], &["Foo", "Foo2", "Foo3"]),
        // `Foo2` is a real member, so the duplicate skips to 3
        (&["Foo", "FOO", "Foo2"], &["Foo", "Foo3", "Foo2"]),
        (&["1", "1.0", "10"], &["V1", "V10", "V10_2"]),
        (&["Self", "SELF"], &["SelfValue", "SelfValue2"]),
        (&["", "*", "-"], &["Empty", "Empty2", "Empty3"]),
        (&["ENABLED", "DISABLED"], &["Enabled", "Disabled"]),
    ];

    #[track_caller]
    fn check_table(name: &str, f: fn(&str) -> String, table: &[(&str, &str)]) {
        let failures: Vec<String> = table
            .iter()
            .filter(|(input, expected)| f(input) != *expected)
            .map(|(input, expected)| {
                format!("{name}({input:?}) = {:?}, want {expected:?}", f(input))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn type_names() {
        check_table("type_name", type_name, TYPE_NAMES);
    }

    #[test]
    fn field_names() {
        check_table("field_name", field_name, FIELD_NAMES);
    }

    #[test]
    fn module_names() {
        check_table("module_name", module_name, MODULE_NAMES);
    }

    #[test]
    fn variant_name_table() {
        check_table("variant_name", variant_name, VARIANT_NAMES);
    }

    #[test]
    fn const_names() {
        check_table("const_name", const_name, CONST_NAMES);
    }

    #[test]
    fn keywords() {
        for &(input, expected) in KEYWORDS_TABLE {
            assert_eq!(
                is_rust_keyword(input),
                expected,
                "is_rust_keyword({input:?})"
            );
        }
    }

    #[test]
    fn variant_name_lists() {
        for &(input, expected) in VARIANT_NAME_LISTS {
            assert_eq!(variant_names(input), expected, "variant_names({input:?})");
        }
    }

    #[test]
    fn cognito_enum_values_stay_distinct() {
        let expected: Vec<String> = COGNITO_ENUM_VALUES
            .iter()
            .map(|v| variant_name(v))
            .collect();
        assert_eq!(variant_names(COGNITO_ENUM_VALUES), expected);
    }

    #[test]
    fn collisions() {
        fn fields<'a>(names: &[&'a str]) -> Vec<(&'a str, String)> {
            names.iter().map(|&n| (n, field_name(n))).collect()
        }
        let cases: &[(&[&str], &[&[&str]])] = &[
            (
                &["FooBar", "foo_bar", "FOOBar"],
                &[&["FooBar", "foo_bar", "FOOBar"]],
            ),
            (&["AuthFlow", "ClientId", "IdToken"], &[]),
            (&["A", "b", "a", "B", "c"], &[&["A", "a"], &["b", "B"]]),
            (
                &["self", "self_", "type", "type_"],
                &[&["self", "self_"], &["type", "type_"]],
            ),
            (&["_foo", "foo", "Foo"], &[&["_foo", "foo", "Foo"]]),
            (&[], &[]),
        ];
        for &(input, expected) in cases {
            assert_eq!(
                find_collisions(fields(input)),
                expected,
                "find_collisions({input:?})"
            );
        }
    }

    /// The identifier check the brief asks for: `r#` + a raw-able keyword, or
    /// a non-keyword starting with a letter or `_` (not `_` alone) followed by
    /// letters, digits and `_`.
    fn is_valid_identifier(s: &str) -> bool {
        if let Some(raw) = s.strip_prefix("r#") {
            return is_plain_identifier(raw) && can_be_raw(raw);
        }
        is_plain_identifier(s) && !is_rust_keyword(s)
    }

    fn is_plain_identifier(s: &str) -> bool {
        let mut chars = s.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        (first.is_alphabetic() || first == '_')
            && chars.all(|c| c.is_alphanumeric() || c == '_')
            && s != "_"
    }

    /// ~900 assorted strings: every piece alone and every ordered pair.
    fn assorted_strings() -> Vec<String> {
        const PIECES: &[&str] = &[
            "", "Foo", "foo", "FOO", "URL", "URLs", "IPv6", "MiB", "2", "42", "_", "__", "-", ".",
            " ", "/", "type", "self", "Self", "crate", "gen", "über", "日本", "Ⓐ", "²", "\u{301}",
            "é", "ß", "İ", "s", "v2", "ARNs", "Id",
        ];
        let mut out: Vec<String> = PIECES.iter().map(|p| p.to_string()).collect();
        for a in PIECES {
            for b in PIECES {
                out.push(format!("{a}{b}"));
            }
        }
        out
    }

    #[test]
    fn every_output_is_a_valid_identifier() {
        let inputs = assorted_strings();
        assert!(inputs.len() >= 200);
        type Converter = (&'static str, fn(&str) -> String);
        let converters: &[Converter] = &[
            ("type_name", type_name),
            ("field_name", field_name),
            ("module_name", module_name),
            ("variant_name", variant_name),
            ("const_name", const_name),
        ];
        for input in &inputs {
            for (name, f) in converters {
                let out = f(input);
                assert!(is_valid_identifier(&out), "{name}({input:?}) = {out:?}");
            }
            assert_ne!(type_name(input), "Self");
            assert_ne!(variant_name(input), "Self");
            assert!(
                !module_name(input).starts_with("r#"),
                "module_name({input:?})"
            );
        }
        let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let variants = variant_names(&refs);
        assert!(variants
            .iter()
            .all(|v| is_valid_identifier(v) && v != UNKNOWN_VARIANT));
        assert_eq!(
            variants.iter().collect::<HashSet<_>>().len(),
            variants.len()
        );
    }
}
