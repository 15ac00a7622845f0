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

/// The strongly connected component of every node of a graph given as
/// adjacency lists over `0..edges.len()` (Tarjan's algorithm, with its own
/// stack): two nodes get the same number exactly when each reaches the
/// other. One pass over nodes and edges, where asking "does this reach
/// that" per edge would walk the graph once per edge.
pub(crate) fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // Each frame: a node and how many of its edges were followed.
        let mut frames = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut followed)) = frames.last_mut() {
            if let Some(&child) = edges[node].get(*followed) {
                *followed += 1;
                if index[child] == UNSEEN {
                    index[child] = next_index;
                    low[child] = next_index;
                    next_index += 1;
                    stack.push(child);
                    on_stack[child] = true;
                    frames.push((child, 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(index[child]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::{reachable, strongly_connected};

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

    #[test]
    fn components_are_mutual_reachability() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 0 reaches it but is not reached;
        // 4 loops on itself; 5 is alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![4], vec![]];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
        assert_ne!(c[5], c[4]);
        assert_ne!(c[5], c[3]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        let c = strongly_connected(&edges);
        assert!(c.iter().all(|&x| x == c[0]));
        edges[n - 1].clear();
        let c = strongly_connected(&edges);
        assert_eq!(c.iter().collect::<std::collections::BTreeSet<_>>().len(), n);
    }
}
