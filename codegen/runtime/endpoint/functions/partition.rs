//! `aws.partition`: the AWS partition a region belongs to, with the DNS
//! suffixes and capabilities the endpoint rules build host names from.

use std::sync::OnceLock;

use regex_lite::Regex;

/// What `aws.partition` returns; rules read its fields with `getAttr`.
#[derive(Debug)]
#[allow(
    dead_code,
    reason = "a rule set reads only the attributes it needs; the others stay unread"
)]
pub(crate) struct Partition {
    pub(crate) name: &'static str,
    pub(crate) dns_suffix: &'static str,
    pub(crate) dual_stack_dns_suffix: &'static str,
    pub(crate) implicit_global_region: &'static str,
    pub(crate) supports_fips: bool,
    pub(crate) supports_dual_stack: bool,
}

/// The partition table, generated from `partitions.json`.
pub(crate) struct PartitionTable {
    partitions: &'static [Partition],
    regions: &'static [(&'static str, usize)],
    patterns: &'static [(&'static str, usize)],
    fallback: Option<usize>,
    compiled: OnceLock<Vec<Option<Regex>>>,
}

impl PartitionTable {
    /// `partitions` holds the outputs of every partition (and of every region
    /// that overrides its partition's outputs); `regions` the known regions,
    /// sorted by name, each with the index of its outputs; `patterns` each
    /// partition's region pattern in the table's order, with the index of its
    /// outputs; `fallback` the partition of any other region (`aws`).
    pub(crate) const fn new(
        partitions: &'static [Partition],
        regions: &'static [(&'static str, usize)],
        patterns: &'static [(&'static str, usize)],
        fallback: Option<usize>,
    ) -> Self {
        PartitionTable {
            partitions,
            regions,
            patterns,
            fallback,
            compiled: OnceLock::new(),
        }
    }

    /// The partition of `region`: the one that lists it, else the first whose
    /// pattern matches it, else the fallback partition.
    pub(crate) fn resolve(&self, region: &str) -> Option<&'static Partition> {
        let index = match self
            .regions
            .binary_search_by(|(name, _)| (*name).cmp(region))
        {
            Ok(position) => self.regions.get(position).map(|(_, index)| *index),
            Err(_) => self.by_pattern(region).or(self.fallback),
        };
        self.partitions.get(index?)
    }

    fn by_pattern(&self, region: &str) -> Option<usize> {
        // The generator compiled every pattern with this same crate, so none
        // fails here; one that did would simply match nothing.
        let compiled = self.compiled.get_or_init(|| {
            self.patterns
                .iter()
                .map(|(pattern, _)| Regex::new(pattern).ok())
                .collect()
        });
        self.patterns
            .iter()
            .zip(compiled)
            .find(|(_, regex)| regex.as_ref().is_some_and(|r| r.is_match(region)))
            .map(|((_, index), _)| *index)
    }
}
