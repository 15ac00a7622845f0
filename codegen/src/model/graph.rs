//! The generator's graph searches: what a set of nodes reaches (the
//! selection's closure, what validation visits, which references close a
//! cycle of types), and depth-first walks over references between shapes
//! (mixins, resource containment) that must not form cycles. Both keep their
//! own stack rather than recursing, so a long chain in a hostile model
//! cannot overflow the thread's stack.

use std::collections::{BTreeMap, BTreeSet};

use super::{Model, Shape, ShapeId};

/// Every node reachable from `roots` through `edges`, roots included.
pub fn reachable<N: Ord + Clone>(
    roots: impl IntoIterator<Item = N>,
    mut edges: impl FnMut(&N) -> Vec<N>,
) -> BTreeSet<N> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<N> = roots.into_iter().collect();
    while let Some(node) = stack.pop() {
        if seen.contains(&node) {
            continue;
        }
        stack.extend(edges(&node));
        seen.insert(node);
    }
    seen
}

/// Every shape, ordered so that each comes after all the shapes it reaches
/// through `edges`; or, when the edges form a cycle, that cycle, starting
/// and ending with the same shape. Edges to missing shapes are skipped:
/// reporting those is someone else's job.
pub fn children_first<'m>(
    model: &'m Model,
    edges: impl Fn(&'m Shape) -> Vec<&'m ShapeId>,
) -> Result<Vec<&'m ShapeId>, Vec<&'m ShapeId>> {
    #[derive(PartialEq)]
    enum State {
        OnStack,
        Done,
    }
    let mut state: BTreeMap<&ShapeId, State> = BTreeMap::new();
    let mut order = Vec::with_capacity(model.shapes.len());
    for root in model.shapes.keys() {
        if state.contains_key(root) {
            continue;
        }
        state.insert(root, State::OnStack);
        // Each entry: a shape, its edges, and how many of them were followed.
        let mut stack = vec![(root, edges(&model.shapes[root]), 0)];
        while let Some((id, children, next)) = stack.last_mut() {
            let Some(&child) = children.get(*next) else {
                state.insert(*id, State::Done);
                order.push(*id);
                stack.pop();
                continue;
            };
            *next += 1;
            let Some((child, shape)) = model.shapes.get_key_value(child) else {
                continue;
            };
            match state.get(child) {
                Some(State::Done) => {}
                Some(State::OnStack) => {
                    let start = stack
                        .iter()
                        .position(|(id, _, _)| *id == child)
                        .unwrap_or(0);
                    let mut cycle: Vec<&ShapeId> =
                        stack[start..].iter().map(|(id, _, _)| *id).collect();
                    cycle.push(child);
                    return Err(cycle);
                }
                None => {
                    state.insert(child, State::OnStack);
                    stack.push((child, edges(shape), 0));
                }
            }
        }
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::reachable;

    #[test]
    fn reachable_follows_edges_through_cycles_once() {
        // 1 -> 2 -> 3 -> 1, 4 -> 1; from 2: 1, 2, 3 but not 4.
        let edges = |n: &u32| match n {
            1 => vec![2],
            2 => vec![3],
            3 => vec![1],
            4 => vec![1],
            _ => vec![],
        };
        let found: Vec<u32> = reachable([2], edges).into_iter().collect();
        assert_eq!(found, [1, 2, 3]);
        assert!(reachable([5], edges).contains(&5));
    }
}
