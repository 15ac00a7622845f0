//! Endpoint resolution: the resolver the generator emits (Rust per rule)
//! against an interpreter of the same rule set, and against the one-line
//! `format!` a client that ignores the rules would use (the floor).
//!
//! Both resolvers run the project's Cognito rule set (`model/`) on the same
//! parameters, and the bench first checks that they agree. Run with
//! `cargo bench -p tests --bench endpoint_resolution`; figures go in
//! BENCHMARKS.md.

mod interpreter;

use std::hint::black_box;
use std::path::Path;

use codegen::rules::Partitions;
use cognito_identity_provider::endpoint::{resolve_endpoint, EndpointParams};
use criterion::{criterion_group, Criterion};
use interpreter::{Interpreter, V};

/// (name, region, FIPS, dual-stack, endpoint override)
type Case = (
    &'static str,
    Option<&'static str>,
    bool,
    bool,
    Option<&'static str>,
);

const CASES: &[Case] = &[
    ("plain", Some("eu-west-1"), false, false, None),
    ("fips_dual_stack", Some("us-east-1"), true, true, None),
    ("china_dual_stack", Some("cn-north-1"), false, true, None),
    ("unknown_region", Some("mars-east-1"), false, false, None),
    (
        "override",
        Some("us-east-1"),
        false,
        false,
        Some("https://localhost:9229"),
    ),
    ("error_no_region", None, false, false, None),
];

fn compiled(case: &Case) -> Result<String, String> {
    let (_, region, fips, dual_stack, endpoint) = *case;
    let params = EndpointParams::builder()
        .set_region(region.map(str::to_owned))
        .use_fips(fips)
        .use_dual_stack(dual_stack)
        .set_endpoint(endpoint.map(str::to_owned))
        .build();
    resolve_endpoint(&params)
        .map(|e| e.url)
        .map_err(|e| e.to_string())
}

fn interpreted(interpreter: &Interpreter, case: &Case) -> Result<String, String> {
    let (_, region, fips, dual_stack, endpoint) = *case;
    let text = |v: Option<&'static str>| v.map_or(V::Unset, |s| V::Str(s.into()));
    let given = [
        ("Region", text(region)),
        ("UseFIPS", V::Bool(fips)),
        ("UseDualStack", V::Bool(dual_stack)),
        ("Endpoint", text(endpoint)),
    ];
    interpreter.resolve(&given)
}

fn load_interpreter() -> Interpreter {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let partitions = Partitions::load(&root.join("../shared/endpoints/partitions.json"))
        .unwrap_or_else(|e| panic!("the bench needs ../shared: {e}"));
    let model = std::fs::read_to_string(root.join("model/cognito-identity-provider.json"))
        .expect("model/ is readable");
    let model: serde_json::Value = serde_json::from_str(&model).expect("model/ is JSON");
    let rule_set = model["shapes"]
        .as_object()
        .and_then(|shapes| {
            shapes
                .values()
                .find_map(|s| s["traits"].get("smithy.rules#endpointRuleSet"))
        })
        .expect("model/ has a rule set");
    Interpreter::new(rule_set, &partitions)
}

fn bench(c: &mut Criterion) {
    let interpreter = load_interpreter();
    for case in CASES {
        assert_eq!(
            compiled(case),
            interpreted(&interpreter, case),
            "{}: the resolvers disagree",
            case.0
        );
    }
    let mut group = c.benchmark_group("resolve_endpoint");
    for case in CASES {
        let params = EndpointParams::builder()
            .set_region(case.1.map(str::to_owned))
            .use_fips(case.2)
            .use_dual_stack(case.3)
            .set_endpoint(case.4.map(str::to_owned))
            .build();
        group.bench_function(format!("{}/compiled", case.0), |b| {
            b.iter(|| resolve_endpoint(black_box(&params)))
        });
        group.bench_function(format!("{}/interpreted", case.0), |b| {
            b.iter(|| interpreted(&interpreter, black_box(case)))
        });
    }
    let region = "eu-west-1".to_owned();
    group.bench_function("plain/format_baseline", |b| {
        b.iter(|| format!("https://cognito-idp.{}.amazonaws.com", black_box(&region)))
    });
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
