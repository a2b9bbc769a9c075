//! The structure of src/, read from its text: no module depends on itself
//! through others. Two levels are checked: the crate's top-level modules
//! (`model`, `format`, `analysis`, …, `wasm`), from their `crate::x`
//! paths, and the files of one folder, from `super::sibling` and
//! `crate::folder::sibling` paths and from names the folder's `mod.rs`
//! re-exports from a sibling (`use super::Flow` where `mod.rs` has
//! `pub use flow::Flow`). A parent module and its own children are not a
//! cycle: a `mod.rs` that declares and re-exports its files is their
//! container.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One source file: its module path (`["analysis", "gth", "dense"]`) and
/// its code with comments removed.
struct File {
    module: Vec<String>,
    code: String,
}

fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn read_tree(dir: &Path, module: &[String], out: &mut Vec<File>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if path.is_dir() {
            let mut m = module.to_vec();
            m.push(name);
            read_tree(&path, &m, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut m = module.to_vec();
            if name != "mod" && name != "lib" {
                m.push(name);
            }
            let text = fs::read_to_string(&path).expect("a source file is readable");
            out.push(File {
                module: m,
                code: without_comments(&text),
            });
        }
    }
}

fn files() -> Vec<File> {
    let mut out = Vec::new();
    read_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[],
        &mut out,
    );
    out
}

/// The identifiers after each occurrence of `prefix` (`crate::`, `super::`),
/// as the path segments that follow: `crate::model::rules::X` gives
/// `["model", "rules", "X"]`; a brace group contributes each of its first
/// names (`super::{dot, flow::shifted}` gives `["dot"]`, `["flow", "shifted"]`).
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // part of a longer name
        }
        out.extend(segments(rest));
    }
    out
}

fn ident(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (&s[..end], &s[end..])
}

fn segments(s: &str) -> Vec<Vec<String>> {
    let s = s.trim_start();
    if let Some(group) = s.strip_prefix('{') {
        // Each comma-separated item of the group, to its first level only.
        let end = group.find('}').unwrap_or(group.len());
        return group[..end]
            .split(',')
            .flat_map(segments)
            .filter(|p| !p.is_empty())
            .collect();
    }
    let (name, rest) = ident(s);
    if name.is_empty() {
        return Vec::new();
    }
    let mut path = vec![name.to_string()];
    if let Some(more) = rest.strip_prefix("::") {
        let deeper = segments(more);
        if let Some(first) = deeper.into_iter().next() {
            path.extend(first);
        }
    }
    vec![path]
}

/// Cycles of a directed graph, one per strongly connected component of
/// more than one node (Tarjan's algorithm, iteratively small enough here to
/// be recursive).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        if let Some(next) = t.edges.get(v) {
            for w in next {
                let w = w.as_str();
                if !t.index.contains_key(w) {
                    visit(t, w);
                    let lw = t.low[w];
                    let lv = t.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if t.on.contains(w) {
                    let iw = t.index[w];
                    let lv = t.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    let nodes: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(k, vs)| std::iter::once(k.as_str()).chain(vs.iter().map(String::as_str)))
        .collect();
    for v in nodes {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

/// Edges between the crate's top-level modules.
fn top_level_edges(files: &[File]) -> BTreeMap<String, BTreeSet<String>> {
    let tops: BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.module.first().map(String::as_str))
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some(from) = f.module.first() else {
            continue;
        }; // lib.rs
        for p in paths_after(&f.code, "crate::") {
            if tops.contains(p[0].as_str()) && &p[0] != from {
                edges.entry(from.clone()).or_default().insert(p[0].clone());
            }
        }
    }
    edges
}

/// Edges between the files of each folder, named `folder::file`.
fn sibling_edges(files: &[File]) -> BTreeMap<String, BTreeSet<String>> {
    // Each folder's children, and the names its mod.rs re-exports from
    // each child (`pub use child::{A, B}`, `pub(crate) use child::A`).
    let mut children: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        if let Some((last, parent)) = f.module.split_last() {
            children
                .entry(parent.to_vec())
                .or_default()
                .insert(last.clone());
        }
    }
    let mut reexported: BTreeMap<(Vec<String>, String), String> = BTreeMap::new();
    for f in files {
        let Some(kids) = children.get(&f.module) else {
            continue;
        };
        for line in f.code.lines() {
            let line = line.trim_start();
            let Some(rest) = ["pub use ", "pub(crate) use ", "pub(super) use ", "use "]
                .iter()
                .find_map(|p| line.strip_prefix(p))
            else {
                continue;
            };
            let (child, after) = ident(rest);
            if !kids.contains(child) {
                continue;
            }
            let after = after.trim_start_matches("::");
            let names: Vec<&str> = match after.strip_prefix('{') {
                Some(g) => g[..g.find('}').unwrap_or(g.len())].split(',').collect(),
                None => vec![after.trim_end_matches(';')],
            };
            for n in names {
                let (n, _) = ident(n.trim());
                if !n.is_empty() {
                    reexported.insert((f.module.clone(), n.to_string()), child.to_string());
                }
            }
        }
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some((me, parent)) = f.module.split_last() else {
            continue;
        };
        let Some(kids) = children.get(parent) else {
            continue;
        };
        let mut targets: Vec<String> = Vec::new();
        for p in paths_after(&f.code, "super::") {
            if kids.contains(&p[0]) {
                targets.push(p[0].clone());
            } else if let Some(child) = reexported.get(&(parent.to_vec(), p[0].clone())) {
                targets.push(child.clone());
            }
        }
        for p in paths_after(&f.code, "crate::") {
            if p.len() > parent.len() && p[..parent.len()] == parent[..] {
                let next = &p[parent.len()];
                if kids.contains(next) {
                    targets.push(next.clone());
                } else if let Some(child) = reexported.get(&(parent.to_vec(), next.clone())) {
                    targets.push(child.clone());
                }
            }
        }
        let folder = if parent.is_empty() {
            "src".to_string()
        } else {
            parent.join("::")
        };
        for t in targets {
            if &t != me {
                edges
                    .entry(format!("{folder}::{me}"))
                    .or_default()
                    .insert(format!("{folder}::{t}"));
            }
        }
    }
    edges
}

#[test]
fn no_top_level_module_depends_on_itself() {
    let files = files();
    let edges = top_level_edges(&files);
    // The reading sees the edges everyone knows are there.
    for (from, to) in [
        ("analysis", "model"),
        ("format", "model"),
        ("wasm", "analysis"),
    ] {
        assert!(
            edges.get(from).is_some_and(|t| t.contains(to)),
            "the reading of src/ lost the edge {from} → {to}: {edges:?}"
        );
    }
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "module cycles in src/: {found:?}\nedges: {edges:?}"
    );
}

#[test]
fn no_file_depends_on_itself_through_its_siblings() {
    let files = files();
    let edges = sibling_edges(&files);
    for (from, to) in [
        ("wasm::paths", "wasm::journey"),
        ("analysis::opportunities", "analysis::flow"),
    ] {
        assert!(
            edges.get(from).is_some_and(|t| t.contains(to)),
            "the reading of src/ lost the edge {from} → {to}: {edges:?}"
        );
    }
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "file cycles in src/: {found:?}\nedges: {edges:?}"
    );
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        edges.entry(a.into()).or_default().insert(b.into());
    }
    assert_eq!(
        cycles(&edges),
        vec![vec!["a".to_string(), "b".into(), "c".into()]]
    );
    edges.get_mut("c").expect("c").remove("a");
    assert!(cycles(&edges).is_empty());
    assert_eq!(
        segments(" {dot, flow::shifted, Flow}"),
        vec![
            vec!["dot".to_string()],
            vec!["flow".into(), "shifted".into()],
            vec!["Flow".into()]
        ]
    );
}
