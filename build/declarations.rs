//! What a C declaration declares, read from its text. Shared by the build (build/regroup.rs
//! places cbindgen's declarations by name) and the tests (tests/integration/declarations.rs lists
//! the header's symbols), so both read a declaration the same way.

/// The name `code` declares: a macro's name, the tag of an enum, struct or union it defines (or
/// the typedef name of one without a tag), or the function or variable it declares. None when it
/// is none of these.
pub fn declared_name(code: &str) -> Option<&str> {
    let first = code.lines().next()?.trim_start();
    if let Some(rest) = first.strip_prefix("#define ") {
        return identifier(rest);
    }
    let definition = first.ends_with('{') && !first.contains('(');
    if definition {
        let tagged = ["typedef enum ", "typedef struct ", "typedef union ", "enum ", "struct ", "union "]
            .iter()
            .find_map(|kind| first.strip_prefix(kind))
            .and_then(identifier);
        // `typedef enum {` ... `} name;`: the name follows the closing brace.
        return tagged.or_else(|| identifier(code[code.rfind('}')? + 1..].trim_start()));
    }
    let head = &code[..code.find(['(', '[', ';'])?];
    let name = head.rsplit(|c: char| !is_identifier_char(c)).next()?;
    (!name.is_empty()).then_some(name)
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier `text` starts with.
fn identifier(text: &str) -> Option<&str> {
    let end = text.find(|c: char| !is_identifier_char(c)).unwrap_or(text.len());
    (end > 0).then(|| &text[..end])
}
