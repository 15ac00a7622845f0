//! A bound on how deep lists and maps nest. A list of lists of lists has
//! no Rust type of its own at each level: it becomes `Vec<Vec<Vec<_>>>`,
//! and the planner and emitters walk that type recursively (its serde
//! adapters, validation, zero values). Rather than make every such walk
//! iterative, the depth is checked once, here, without recursion, and a
//! model beyond the bound gets an error naming the shape. Structures and
//! unions end the count: they are named types, which no walk follows
//! recursively.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::model::{Model, ShapeId, ShapeKind};

/// The deepest nesting of lists and maps the generator accepts. Real
/// models nest two or three levels; the bound leaves ample room and keeps
/// the emitted types far below rustc's own recursion limit (128).
pub const MAX_NESTING: usize = 32;

/// Checks every list and map among `shapes` against [`MAX_NESTING`].
pub fn check<'a>(model: &Model, shapes: impl IntoIterator<Item = &'a ShapeId>) -> Result<()> {
    let mut depth: BTreeMap<ShapeId, usize> = BTreeMap::new();
    for root in shapes {
        if depth.contains_key(root) || nested(model, root).is_none() {
            continue;
        }
        // Depth first, without recursion: a shape is entered once, and left
        // (its depth computed) after every list or map it holds. A cycle of
        // lists and maps alone (which validation refuses) is cut where it
        // closes rather than looping.
        let mut entered = BTreeSet::new();
        let mut stack = vec![(root.clone(), false)];
        while let Some((id, leaving)) = stack.pop() {
            let inner = nested(model, &id).unwrap_or_default();
            if leaving {
                let d = 1 + inner
                    .iter()
                    .filter_map(|i| depth.get(*i))
                    .max()
                    .copied()
                    .unwrap_or(0);
                if d > MAX_NESTING {
                    return Err(Error::generate(
                        id.to_string(),
                        format!(
                            "lists and maps nest more than {MAX_NESTING} deep from here \
                             (each holding another list or map); the generator supports at most \
                             {MAX_NESTING} levels"
                        ),
                    ));
                }
                depth.insert(id, d);
                continue;
            }
            if depth.contains_key(&id) || !entered.insert(id.clone()) {
                continue;
            }
            stack.push((id.clone(), true));
            for i in inner {
                if !depth.contains_key(i) && !entered.contains(i) {
                    stack.push((i.clone(), false));
                }
            }
        }
    }
    Ok(())
}

/// For a list or map, the lists and maps its members target directly;
/// `None` for any other shape.
fn nested<'m>(model: &'m Model, id: &ShapeId) -> Option<Vec<&'m ShapeId>> {
    let shape = model.shape(id)?;
    if !matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Map { .. }) {
        return None;
    }
    Some(
        shape
            .kind
            .members()
            .into_iter()
            .map(|m| &m.target)
            .filter(|t| {
                model
                    .shape(t)
                    .is_some_and(|s| matches!(s.kind, ShapeKind::List(_) | ShapeKind::Map { .. }))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(depth: usize) -> Model {
        let mut shapes = Vec::new();
        for i in 0..depth {
            let target = if i + 1 < depth {
                format!("ns#L{}", i + 1)
            } else {
                "smithy.api#String".to_owned()
            };
            shapes.push(format!(
                r#""ns#L{i}": {{"type": "list", "member": {{"target": "{target}"}}}}"#
            ));
        }
        let text = format!(r#"{{"smithy": "2.0", "shapes": {{{}}}}}"#, shapes.join(","));
        Model::from_sources([("deep.json", text.as_str())]).unwrap()
    }

    #[test]
    fn the_bound_itself_passes_and_one_more_level_names_the_shape() {
        let model = lists(MAX_NESTING);
        check(&model, model.shapes().map(|s| &s.id)).unwrap();
        let model = lists(MAX_NESTING + 1);
        let error = check(&model, model.shapes().map(|s| &s.id))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("ns#L0: lists and maps nest more than 32 deep"),
            "{error}"
        );
    }

    #[test]
    fn thousands_of_levels_are_refused_without_recursion() {
        // Run on a small stack: a recursive walk would overflow it.
        let model = lists(20_000);
        let error = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                check(&model, model.shapes().map(|s| &s.id))
                    .unwrap_err()
                    .to_string()
            })
            .unwrap()
            .join()
            .unwrap();
        assert!(error.contains("at most 32 levels"), "{error}");
    }
}
