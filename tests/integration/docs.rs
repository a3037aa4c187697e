//! A newcomer reaches every document from the README.

use crate::support::docs::documents;
use crate::support::source;

#[test]
fn every_document_under_docs_is_linked_from_the_readme() {
    let readme = std::fs::read_to_string(source("README.md")).unwrap();
    for (path, _) in documents().into_iter().skip(1) {
        assert!(readme.contains(&format!("]({path})")), "README.md does not link {path}");
    }
}
