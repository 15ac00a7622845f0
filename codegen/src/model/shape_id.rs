//! Smithy shape ids: `namespace#Name` with an optional `$member`.

use std::fmt;

/// An absolute shape id. Ordering is by its text, which keeps every map of
/// shapes, and so the generated output, in a stable order.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

impl ShapeId {
    /// Parses `ns.sub#Name` or `ns#Name$member`. The error says what part is wrong.
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let (namespace, rest) = text.split_once('#').ok_or_else(|| {
            format!("`{text}` is not an absolute shape id: expected `namespace#Name`")
        })?;
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(format!(
                "`{text}` has an invalid namespace `{namespace}`: expected dot-separated identifiers"
            ));
        }
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if !is_identifier(name) {
            return Err(format!(
                "`{text}` has an invalid shape name `{name}`: expected an identifier"
            ));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(format!(
                    "`{text}` has an invalid member name `{member}`: expected an identifier"
                ));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }

    /// A shape id from parts known to be valid (the prelude, tests).
    pub fn new(namespace: &str, name: &str) -> ShapeId {
        ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: None,
        }
    }

    /// The namespace (`com.amazonaws.cognitoidentityprovider`).
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape's name, without namespace or member.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member part of a member id (`Shape$member`).
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The id of the member `member` of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.to_owned()),
        }
    }

    /// The shape this id names, without its member part.
    pub fn root(&self) -> ShapeId {
        ShapeId::new(&self.namespace, &self.name)
    }

    /// Whether the shape is one of Smithy's own (`smithy.api`).
    pub fn is_prelude(&self) -> bool {
        self.namespace == "smithy.api"
    }
}

/// Smithy identifiers: a letter or `_`, then letters, digits and `_`
/// (at least one of them not `_`).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && s.chars().any(|c| c != '_')
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_ids() {
        let id = ShapeId::parse("com.example#Foo$bar_1").unwrap();
        assert_eq!(id.namespace(), "com.example");
        assert_eq!(id.name(), "Foo");
        assert_eq!(id.member(), Some("bar_1"));
        assert_eq!(id.to_string(), "com.example#Foo$bar_1");
        assert_eq!(id.root().to_string(), "com.example#Foo");
        assert!(ShapeId::parse("smithy.api#String").unwrap().is_prelude());
    }

    #[test]
    fn rejects_malformed_ids() {
        for (text, expected) in [
            ("Foo", "not an absolute shape id"),
            ("#Foo", "invalid namespace"),
            ("com..example#Foo", "invalid namespace"),
            ("com.example#", "invalid shape name"),
            ("com.example#1Foo", "invalid shape name"),
            ("com.example#Foo$", "invalid member name"),
            ("com.example#Foo Bar", "invalid shape name"),
            ("com.example#__", "invalid shape name"),
        ] {
            let err = ShapeId::parse(text).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
        }
    }
}
