//! The partition table as static data, so `aws.partition` reads no file
//! and parses no JSON at run time.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::tokens::inner_doc;
use crate::rules::partitions::PartitionOutputs;
use crate::rules::Partitions;

pub fn table(table: &Partitions) -> TokenStream {
    // Outputs: one per partition, then one per region that overrides its partition's.
    let mut outputs: Vec<&PartitionOutputs> = table.partitions.iter().map(|p| &p.outputs).collect();
    let mut regions = Vec::new();
    for (index, partition) in table.partitions.iter().enumerate() {
        for (name, region_outputs) in &partition.regions {
            let at = if *region_outputs == partition.outputs {
                index
            } else {
                outputs.push(region_outputs);
                outputs.len() - 1
            };
            regions.push((name.as_str(), at));
        }
    }
    regions.sort();
    regions.dedup_by(|a, b| a.0 == b.0);
    let outputs = outputs.iter().map(|o| {
        let PartitionOutputs {
            name,
            dns_suffix,
            dual_stack_dns_suffix,
            implicit_global_region,
            supports_fips,
            supports_dual_stack,
        } = o;
        quote! {
            Partition {
                name: #name,
                dns_suffix: #dns_suffix,
                dual_stack_dns_suffix: #dual_stack_dns_suffix,
                implicit_global_region: #implicit_global_region,
                supports_fips: #supports_fips,
                supports_dual_stack: #supports_dual_stack,
            }
        }
    });
    let regions = regions.iter().map(|(name, index)| {
        let index = Literal::usize_unsuffixed(*index);
        quote!((#name, #index))
    });
    let patterns = table.partitions.iter().enumerate().map(|(index, p)| {
        let pattern = &p.region_regex;
        let index = Literal::usize_unsuffixed(index);
        quote!((#pattern, #index))
    });
    let fallback = match table.partitions.iter().position(|p| p.id == "aws") {
        Some(index) => {
            let index = Literal::usize_unsuffixed(index);
            quote!(Some(#index))
        }
        None => quote!(None),
    };
    let version = table
        .version
        .as_deref()
        .map(|v| format!(" (version {v})"))
        .unwrap_or_default();
    let source = std::path::Path::new(&table.source)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| table.source.clone());
    let docs = inner_doc(&format!(
        "The AWS partition table that `aws.partition` reads, from `{source}`{version}: each \
         partition's DNS suffixes and capabilities, the regions it lists, and the pattern \
         other regions of it follow."
    ));
    quote! {
        #docs

        use super::functions::partition::{Partition, PartitionTable};

        pub(super) static PARTITIONS: PartitionTable = PartitionTable::new(
            &[#(#outputs),*],
            &[#(#regions),*],
            &[#(#patterns),*],
            #fallback,
        );
    }
}
