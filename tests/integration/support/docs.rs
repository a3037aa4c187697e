//! The documents whose code the tests execute: README.md, then every Markdown file under docs/.

use super::source;

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
