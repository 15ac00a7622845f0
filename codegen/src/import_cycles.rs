//! Keeps the files of `codegen/src` free of import cycles: no file imports
//! (with `use crate::`, `use super::`, `use self::` or a child module) a file
//! that imports it back, directly or through others. A module file's imports
//! of its own descendants are its facade (it declares them and re-exports
//! their items) and do not count: children and siblings, and the modules
//! among themselves, form a one-way chain. Only `use` statements
//! count (those at the start of a line: indented ones are inner blocks or
//! generated code inside `quote!`), not `mod` declarations, and inline
//! `mod tests { .. }` blocks are left out (their `super` is the file itself).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A file's module path below `crate` (`plan/mod.rs` is `["plan"]`).
type ModulePath = Vec<String>;

fn module_of(relative: &Path) -> ModulePath {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let file = parts.pop().expect("a file name");
    let stem = file.trim_end_matches(".rs");
    if stem != "mod" && !(parts.is_empty() && stem == "lib") {
        parts.push(stem.to_owned());
    }
    parts
}

/// Every `.rs` file under `dir`: its text by module, and its path by module.
fn collect(
    dir: &Path,
    root: &Path,
    files: &mut BTreeMap<ModulePath, String>,
    paths: &mut BTreeMap<ModulePath, String>,
) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, root, files, paths);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let relative = path.strip_prefix(root).unwrap();
            let module = module_of(relative);
            paths.insert(module.clone(), relative.display().to_string());
            files.insert(module, text);
        }
    }
}

/// The `use` statements of a file outside inline `mod NAME {` blocks, each
/// as one string without whitespace (`crate::plan::{Plan,RustType}`).
fn use_statements(text: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut current: Option<String> = None;
    let mut skip_depth: Option<i32> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(depth) = skip_depth.as_mut() {
            *depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if *depth <= 0 {
                skip_depth = None;
            }
            continue;
        }
        let declaration = trimmed
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        if declaration.starts_with("mod ") && trimmed.ends_with('{') {
            skip_depth = Some(1);
            continue;
        }
        // Imports of the file itself start at the first column; indented
        // `use` lines are in generated code (`quote!`) or inner blocks.
        if current.is_none() && line.starts_with(char::is_whitespace) {
            continue;
        }
        if current.is_none() {
            let body = trimmed
                .strip_prefix("pub(crate) use ")
                .or_else(|| trimmed.strip_prefix("pub(super) use "))
                .or_else(|| trimmed.strip_prefix("pub use "))
                .or_else(|| trimmed.strip_prefix("use "));
            match body {
                Some(body) => current = Some(body.to_owned()),
                None => continue,
            }
        } else if let Some(c) = current.as_mut() {
            c.push_str(trimmed);
        }
        if current.as_ref().is_some_and(|c| c.ends_with(';')) {
            let statement: String = current.take().unwrap().split_whitespace().collect();
            statements.push(statement.trim_end_matches(';').to_owned());
        }
    }
    statements
}

/// The paths a use tree names: `a::{b,c::{d}}` is `a::b` and `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').expect("balanced braces")];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(expand)
        .map(|path| format!("{prefix}{path}"))
        .collect()
}

/// The file a path used from `module` points into: the deepest file module
/// that is a prefix of it. `None` for other crates and for the file itself.
fn target(
    module: &ModulePath,
    path: &str,
    files: &BTreeMap<ModulePath, String>,
) -> Option<ModulePath> {
    let segments: Vec<&str> = path.split("::").collect();
    let (mut base, rest): (ModulePath, &[&str]) = match segments[0] {
        "crate" => (Vec::new(), &segments[1..]),
        "self" => (module.clone(), &segments[1..]),
        "super" => {
            let supers = segments.iter().take_while(|s| **s == "super").count();
            let keep = module.len().checked_sub(supers)?;
            (module[..keep].to_vec(), &segments[supers..])
        }
        // A child module of this one, by the 2018 edition's uniform paths.
        child if files.contains_key(&[module.clone(), vec![child.to_owned()]].concat()) => {
            (module.clone(), &segments[..])
        }
        _ => return None,
    };
    let mut found = base.clone();
    for segment in rest {
        base.push((*segment).to_owned());
        if files.contains_key(&base) {
            found = base.clone();
        } else {
            break;
        }
    }
    // A module's use of its own descendants is its facade (it declares
    // them and re-exports their items); only the other direction counts.
    let descendant = found.len() > module.len() && found.starts_with(module);
    (found != *module && !descendant && files.contains_key(&found)).then_some(found)
}

/// Every file's imports of other files.
fn imports(files: &BTreeMap<ModulePath, String>) -> BTreeMap<ModulePath, BTreeSet<ModulePath>> {
    files
        .iter()
        .map(|(module, text)| {
            let targets = use_statements(text)
                .iter()
                .flat_map(|statement| expand(statement))
                .filter_map(|path| target(module, &path, files))
                .collect();
            (module.clone(), targets)
        })
        .collect()
}

/// One cycle of imports, as file modules in order, if there is one.
fn find_cycle(graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>) -> Option<Vec<ModulePath>> {
    fn visit(
        node: &ModulePath,
        graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>,
        stack: &mut Vec<ModulePath>,
        done: &mut BTreeSet<ModulePath>,
    ) -> Option<Vec<ModulePath>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn file_name(module: &ModulePath, paths: &BTreeMap<ModulePath, String>) -> String {
    paths
        .get(module)
        .cloned()
        .unwrap_or_else(|| module.join("/"))
}

#[test]
fn no_file_of_codegen_src_imports_a_file_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (mut files, mut paths) = (BTreeMap::new(), BTreeMap::new());
    collect(&root, &root, &mut files, &mut paths);
    let graph = imports(&files);
    // The test sees what it must: the plan is imported by the emitters.
    assert!(
        graph[&vec!["emit".to_owned(), "structure".to_owned()]].contains(&vec!["plan".to_owned()])
    );
    // Report every cycle: take one, drop its closing edge, look again.
    let mut graph = graph;
    let mut cycles = Vec::new();
    while let Some(cycle) = find_cycle(&graph) {
        let names: Vec<String> = cycle.iter().map(|m| file_name(m, &paths)).collect();
        cycles.push(names.join(" -> "));
        let (from, to) = (&cycle[cycle.len() - 2], &cycle[cycle.len() - 1]);
        graph.get_mut(from).expect("in the graph").remove(to);
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_parser_finds_a_cycle_when_there_is_one() {
    let files: BTreeMap<ModulePath, String> = [
        (vec![], String::new()),
        (vec!["a".into()], "use crate::b::{X, y::Z};\n".into()),
        (vec!["b".into()], "use super::a::{\n    W,\n};\n".into()),
        (
            vec!["c".into()],
            "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::c;\n}\n".into(),
        ),
    ]
    .into_iter()
    .collect();
    let graph = imports(&files);
    assert_eq!(graph[&vec!["c".to_owned()]].len(), 1, "{graph:?}");
    let cycle = find_cycle(&graph).expect("a -> b -> a");
    assert_eq!(cycle.len(), 3, "{cycle:?}");
}
