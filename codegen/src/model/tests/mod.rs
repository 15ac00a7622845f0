//! Loader unit tests, one file per concern. Models are written inline with
//! `json!` so each test shows the whole input it checks.

mod apply_and_merge;
mod mixins;
mod shapes;
mod smithy1;
mod traits_and_prelude;

use serde_json::{json, Value};

use super::{Model, Shape, ShapeId};

/// Loads a Smithy 2.0 document with these shapes, panicking with the
/// loader's message when it fails.
fn load(shapes: Value) -> Model {
    load_version("2.0", shapes)
}

fn load_version(version: &str, shapes: Value) -> Model {
    let text = json!({"smithy": version, "shapes": shapes}).to_string();
    Model::from_sources([("test.json", text.as_str())]).unwrap_or_else(|e| panic!("{e}"))
}

/// The error message loading these shapes gives; panics if they load.
fn load_err(shapes: Value) -> String {
    let text = json!({"smithy": "2.0", "shapes": shapes}).to_string();
    match Model::from_sources([("test.json", text.as_str())]) {
        Ok(_) => panic!("expected an error, but the model loaded"),
        Err(e) => e.to_string(),
    }
}

/// Loads several `(file name, document)` pairs as one model.
fn load_files(files: &[(&str, Value)]) -> crate::Result<Model> {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(name, doc)| (name.to_string(), doc.to_string()))
        .collect();
    Model::from_sources(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

fn get<'m>(model: &'m Model, text: &str) -> &'m Shape {
    model
        .shape(&id(text))
        .unwrap_or_else(|| panic!("no shape {text}"))
}

fn member_names(shape: &Shape) -> Vec<&str> {
    shape
        .kind
        .members()
        .into_iter()
        .map(|m| m.name.as_str())
        .collect()
}

/// Asserts `message` contains every fragment, showing the message if not.
#[track_caller]
fn assert_mentions(message: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(
            message.contains(fragment),
            "`{fragment}` missing from: {message}"
        );
    }
}
