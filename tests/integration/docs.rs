//! A newcomer reaches every document from the README.

use crate::support::docs::documents;
use crate::support::source;
use std::process::Command;

#[test]
fn every_document_under_docs_is_linked_from_the_readme() {
    let readme = std::fs::read_to_string(source("README.md")).unwrap();
    for (path, _) in documents().into_iter().skip(1) {
        assert!(readme.contains(&format!("]({path})")), "README.md does not link {path}");
    }
}

/// CONTRIBUTING.md's map of the tree names only paths that exist, and every top-level file and
/// directory git tracks (but the project's own metadata) is on it.
#[test]
fn contributing_maps_the_tree_as_it_is() {
    let text = std::fs::read_to_string(source("CONTRIBUTING.md")).unwrap();
    let map = &text[text.find("## Where things are").expect("no map")..];
    let map = &map[..map[3..].find("\n## ").map_or(map.len(), |i| i + 3)];
    let mut named = Vec::new();
    for row in map.lines().filter(|l| l.starts_with("| `")) {
        let cell = row.split('|').nth(1).unwrap();
        // A cell lists paths; a bare file name after the first is in the first one's directory.
        let mut dir = String::new();
        for path in cell.split('`').skip(1).step_by(2) {
            let full =
                if path.contains('/') || dir.is_empty() { path.to_string() } else { format!("{dir}{path}") };
            if let Some(slash) = full.rfind('/') {
                dir = full[..=slash].to_string();
            }
            let pattern = full.trim_end_matches('/');
            if let Some(prefix) = pattern.strip_suffix("*.rs") {
                assert!(source(prefix).is_dir(), "CONTRIBUTING.md maps {full}, which matches nothing");
            } else {
                assert!(source(pattern).exists(), "CONTRIBUTING.md maps {full}, which does not exist");
            }
            named.push(full);
        }
    }
    let out = Command::new("git").arg("-C").arg(source("")).args(["ls-files"]).output().unwrap();
    assert!(out.status.success(), "git ls-files failed");
    let tracked = String::from_utf8(out.stdout).unwrap();
    let metadata = [
        ".ci",
        ".cargo",
        ".gitignore",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "Cargo.lock",
        "Cargo.toml",
        "Doxyfile",
        "LICENSE-APACHE",
        "LICENSE-MIT",
        "Makefile",
        "README.md",
        "cbindgen.toml",
        "rustfmt.toml",
    ];
    let mut top: Vec<&str> = tracked.lines().map(|p| p.split('/').next().unwrap()).collect();
    top.dedup();
    for entry in top.into_iter().filter(|e| !metadata.contains(e)) {
        assert!(
            named.iter().any(|n| n == entry || n.starts_with(&format!("{entry}/"))),
            "CONTRIBUTING.md's map does not say what {entry} holds"
        );
    }
}
