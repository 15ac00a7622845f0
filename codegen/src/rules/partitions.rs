//! The AWS partition table (`partitions.json`) that `aws.partition` reads,
//! checked at generation time so the generated lookup cannot fail.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};

/// One partition's attributes, as `getAttr` on an `aws.partition` result sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionOutputs {
    /// `name` (`aws`, `aws-cn`).
    pub name: String,
    /// `dnsSuffix` (`amazonaws.com`).
    pub dns_suffix: String,
    /// `dualStackDnsSuffix` (`api.aws`).
    pub dual_stack_dns_suffix: String,
    /// `implicitGlobalRegion` (`us-east-1`).
    pub implicit_global_region: String,
    /// `supportsFIPS`.
    pub supports_fips: bool,
    /// `supportsDualStack`.
    pub supports_dual_stack: bool,
}

/// One partition of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partition {
    /// Its id (`aws`).
    pub id: String,
    /// The pattern of region names it holds beyond the listed ones.
    pub region_regex: String,
    /// Its attributes.
    pub outputs: PartitionOutputs,
    /// Known regions, each with its outputs (the partition's, or its own overrides).
    pub regions: Vec<(String, PartitionOutputs)>,
}

/// The whole table, in file order (the order region patterns are tried in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partitions {
    /// The file it came from, for messages and the generated module's docs.
    pub source: String,
    /// The table's `version`.
    pub version: Option<String>,
    /// The partitions, in file order.
    pub partitions: Vec<Partition>,
}

impl Partitions {
    /// Reads and checks `partitions.json`.
    pub fn load(path: &Path) -> Result<Partitions> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Partitions::from_json(&path.display().to_string(), &text)
    }

    /// Parses and checks the table; `file` names it in errors.
    pub fn from_json(file: &str, text: &str) -> Result<Partitions> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::Json {
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let bad = |at: String, message: &str| Error::model(file, at, message);
        let Some(list) = value.get("partitions").and_then(Value::as_array) else {
            return Err(bad(
                "$.partitions".into(),
                "expected an array of partitions",
            ));
        };
        let mut partitions = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let at = format!("$.partitions[{i}]");
            let Some(id) = p.get("id").and_then(Value::as_str) else {
                return Err(bad(
                    format!("{at}.id"),
                    "expected the partition id as a string",
                ));
            };
            let Some(region_regex) = p.get("regionRegex").and_then(Value::as_str) else {
                return Err(bad(
                    format!("{at}.regionRegex"),
                    "expected a regular expression as a string",
                ));
            };
            if let Err(e) = regex_lite::Regex::new(region_regex) {
                return Err(bad(
                    format!("{at}.regionRegex"),
                    &format!("not a valid regular expression: {e}"),
                ));
            }
            let Some(outputs) = p.get("outputs").filter(|o| o.is_object()) else {
                return Err(bad(
                    format!("{at}.outputs"),
                    "expected an object of partition attributes",
                ));
            };
            let outputs = PartitionOutputs::read(outputs, None, &format!("{at}.outputs"), file)?;
            let mut regions = Vec::new();
            if let Some(r) = p.get("regions") {
                let Some(r) = r.as_object() else {
                    return Err(bad(
                        format!("{at}.regions"),
                        "expected an object of regions",
                    ));
                };
                for (name, region) in r {
                    let here = format!("{at}.regions.{name}");
                    regions.push((
                        name.clone(),
                        PartitionOutputs::read(region, Some(&outputs), &here, file)?,
                    ));
                }
            }
            partitions.push(Partition {
                id: id.to_owned(),
                region_regex: region_regex.to_owned(),
                outputs,
                regions,
            });
        }
        Ok(Partitions {
            source: file.to_owned(),
            version: value
                .get("version")
                .and_then(Value::as_str)
                .map(str::to_owned),
            partitions,
        })
    }
}

impl PartitionOutputs {
    /// The attributes in `value`; with `base`, a region entry whose
    /// attributes, where given, override its partition's.
    fn read(
        value: &Value,
        base: Option<&PartitionOutputs>,
        at: &str,
        file: &str,
    ) -> Result<PartitionOutputs> {
        let text = |key: &str, base: Option<&String>| -> Result<String> {
            match (value.get(key), base) {
                (Some(Value::String(s)), _) => Ok(s.clone()),
                (None, Some(b)) => Ok(b.clone()),
                (other, _) => Err(Error::model(
                    file,
                    format!("{at}.{key}"),
                    format!(
                        "expected a string, found {}",
                        other.map_or("nothing".to_owned(), Value::to_string)
                    ),
                )),
            }
        };
        let flag = |key: &str, base: Option<bool>| -> Result<bool> {
            match (value.get(key), base) {
                (Some(Value::Bool(b)), _) => Ok(*b),
                (None, Some(b)) => Ok(b),
                (other, _) => Err(Error::model(
                    file,
                    format!("{at}.{key}"),
                    format!(
                        "expected true or false, found {}",
                        other.map_or("nothing".to_owned(), Value::to_string)
                    ),
                )),
            }
        };
        Ok(PartitionOutputs {
            name: text("name", base.map(|b| &b.name))?,
            dns_suffix: text("dnsSuffix", base.map(|b| &b.dns_suffix))?,
            dual_stack_dns_suffix: text(
                "dualStackDnsSuffix",
                base.map(|b| &b.dual_stack_dns_suffix),
            )?,
            implicit_global_region: text(
                "implicitGlobalRegion",
                base.map(|b| &b.implicit_global_region),
            )?,
            supports_fips: flag("supportsFIPS", base.map(|b| b.supports_fips))?,
            supports_dual_stack: flag("supportsDualStack", base.map(|b| b.supports_dual_stack))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = r#"{"version": "1.1", "partitions": [
        {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$",
         "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                     "implicitGlobalRegion": "us-east-1", "supportsFIPS": true, "supportsDualStack": true},
         "regions": {"us-east-1": {"description": "first"}, "aws-global": {"dnsSuffix": "global.example"}}}
    ]}"#;

    #[test]
    fn regions_inherit_and_override_their_partition_outputs() {
        let table = Partitions::from_json("partitions.json", TABLE).unwrap();
        let aws = &table.partitions[0];
        assert_eq!(aws.regions[0].1, aws.outputs);
        assert_eq!(aws.regions[1].1.dns_suffix, "global.example");
        assert_eq!(aws.regions[1].1.name, "aws");
    }

    #[test]
    fn a_bad_table_names_the_file_and_the_json_path() {
        let broken = TABLE.replace("\"supportsFIPS\": true,", "");
        let err = Partitions::from_json("partitions.json", &broken)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("partitions.json") && err.contains("$.partitions[0].outputs.supportsFIPS"),
            "{err}"
        );
        let broken = TABLE.replace("^(us|eu)", "^(us|eu");
        let err = Partitions::from_json("partitions.json", &broken)
            .unwrap_err()
            .to_string();
        assert!(err.contains("$.partitions[0].regionRegex"), "{err}");
    }
}
