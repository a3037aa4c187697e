//! The documents whose code the tests execute: README.md, then every Markdown file under docs/.

use crate::support::source;

/// (path relative to the repository, text) of README.md and each docs/*.md, in that order.
pub fn documents() -> Vec<(String, String)> {
    let mut paths: Vec<String> = std::fs::read_dir(source("docs"))
        .expect("docs/ is missing")
        .map(|e| format!("docs/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    paths.sort();
    paths.insert(0, "README.md".into());
    paths.into_iter().map(|p| (p.clone(), std::fs::read_to_string(source(&p)).unwrap())).collect()
}

/// The one document that holds `needle`, for tables and sections that live in a single place.
pub fn document_with(needle: &str) -> (String, String) {
    let mut found: Vec<(String, String)> =
        documents().into_iter().filter(|(_, t)| t.contains(needle)).collect();
    assert_eq!(found.len(), 1, "`{needle}` should stand in exactly one document");
    found.pop().unwrap()
}

#[test]
fn every_document_under_docs_is_linked_from_the_readme() {
    let readme = std::fs::read_to_string(source("README.md")).unwrap();
    for (path, _) in documents().into_iter().skip(1) {
        assert!(readme.contains(&format!("]({path})")), "README.md does not link {path}");
    }
}

/// The newcomer's page stays a page: reference material goes to docs/.
#[test]
fn the_readme_is_short() {
    let lines = std::fs::read_to_string(source("README.md")).unwrap().lines().count();
    assert!(lines <= 200, "README.md has {lines} lines; move reference material to docs/");
}
