//! Customizations are emitted only for their service, and each file only
//! when the operations it uses are selected.

use codegen::model::Model;
use codegen::select::Selection;

fn generate(model: &str, operations: &[&str]) -> Option<codegen::GeneratedCrate> {
    let path = tests::shared_file(model)?;
    let model = Model::load(&path).unwrap();
    let settings = codegen::Settings {
        package: None,
        selection: Selection::Operations(operations.iter().map(|s| (*s).to_owned()).collect()),
        partitions: tests::shared_file("endpoints/partitions.json")
            .map(|p| codegen::rules::Partitions::load(&p).unwrap()),
        ..codegen::Settings::default()
    };
    Some(codegen::generate(&model, &settings).unwrap())
}

/// The files of the `sign_in` module, without the `src/sign_in/` prefix.
fn sign_in_files(krate: &codegen::GeneratedCrate) -> Vec<&str> {
    krate
        .files
        .keys()
        .filter_map(|path| path.strip_prefix("src/sign_in/"))
        .collect()
}

const COGNITO: &str = "models/cognito-identity-provider.json";
const SHARED: [&str; 8] = [
    "answer.rs",
    "challenge.rs",
    "client.rs",
    "secret_hash.rs",
    "srp.rs",
    "srp_answer.rs",
    "srp_client.rs",
    "step.rs",
];

#[test]
fn the_admin_pair_gets_the_admin_flow() {
    let Some(krate) = generate(
        COGNITO,
        &["AdminInitiateAuth", "AdminRespondToAuthChallenge"],
    ) else {
        return;
    };
    let mut expected = SHARED.to_vec();
    expected.extend(["admin.rs", "admin_flow.rs", "srp_admin_flow.rs"]);
    expected.sort();
    assert_eq!(sign_in_files(&krate), expected);
    assert!(krate.files["src/lib.rs"].contains("pub mod sign_in;"));
    assert!(krate.files["Cargo.toml"].contains("hmac = "));
    assert!(krate.files["Cargo.toml"].contains("\nsrp = [\"dep:hkdf\""));
    let module = &krate.files["src/sign_in.rs"];
    assert!(
        module.contains("#[cfg(all(feature = \"client\", feature = \"srp\"))]"),
        "{module}"
    );
    let glue = &krate.files["src/client/builders/admin_initiate_auth.rs"];
    assert!(
        glue.contains("crate::sign_in::admin_flow::prepare_initiate_auth"),
        "{glue}"
    );
}

#[test]
fn the_public_pair_gets_the_public_flow() {
    let Some(krate) = generate(COGNITO, &["InitiateAuth", "RespondToAuthChallenge"]) else {
        return;
    };
    let mut expected = SHARED.to_vec();
    expected.extend(["public.rs", "public_flow.rs", "srp_public_flow.rs"]);
    expected.sort();
    assert_eq!(sign_in_files(&krate), expected);
    let module = &krate.files["src/sign_in.rs"];
    assert!(
        module.contains("pub use self::public_flow::SignIn;"),
        "{module}"
    );
    assert!(!module.contains("mod admin"), "{module}");
}

#[test]
fn half_a_pair_or_other_operations_get_nothing() {
    for operations in [
        &["AdminInitiateAuth"][..],
        &["RespondToAuthChallenge", "AdminInitiateAuth"],
        &["ListUsers"],
    ] {
        let Some(krate) = generate(COGNITO, operations) else {
            return;
        };
        assert!(sign_in_files(&krate).is_empty(), "{operations:?}");
        assert!(!krate.files.contains_key("src/sign_in.rs"));
        assert!(!krate.files["src/lib.rs"].contains("sign_in"));
        assert!(!krate.files["Cargo.toml"].contains("hmac"));
        let config = &krate.files["src/client/builders.rs"];
        assert!(!config.contains("sign_in"));
    }
}

#[test]
fn other_services_get_nothing() {
    let Some(krate) = generate("models/cognito-identity.json", &["GetId"]) else {
        return;
    };
    assert!(!krate.files.keys().any(|path| path.contains("sign_in")));
    assert!(!krate.files["Cargo.toml"].contains("hmac"));
}
