//! Fills in a template: a real C or C++ file under build/ whose leading `//` lines are notes for
//! its editor, and whose `@NAME@` placeholders stand for what the build derives.

/// The template without its notes, each `(placeholder, text)` put in: every placeholder must
/// occur, and none may be left over.
pub fn fill(file: &str, template: &str, fills: &[(&str, &str)]) -> String {
    let start = template.lines().take_while(|l| l.starts_with("//")).map(|l| l.len() + 1).sum::<usize>();
    let mut out = template[start..].to_string();
    for (placeholder, text) in fills {
        assert!(out.contains(placeholder), "{file} has no {placeholder}");
        out = out.replace(placeholder, text);
    }
    for (at, _) in out.match_indices('@') {
        let rest = &out[at + 1..];
        let name = &rest[..rest.find(|c: char| !(c.is_ascii_uppercase() || c == '_')).unwrap_or(rest.len())];
        assert!(
            name.is_empty() || !rest[name.len()..].starts_with('@'),
            "{file}: nothing fills @{name}@ (the caller of template::fill lists the placeholders)"
        );
    }
    out
}
