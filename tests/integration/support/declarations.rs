//! What the header declares, read from its text: the list the tests use, so that no list of
//! symbols is kept by hand.

/// Names the header declares: the exported statics and functions (each declared from the start
/// of a line, outside comments and type definitions; a prototype cbindgen wraps over several
/// lines is read as one).
pub fn declared_symbols(header: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_comment = false;
    let mut in_type = false;
    for line in logical_lines(header) {
        let line = line.as_str();
        if in_comment {
            in_comment = !line.contains("*/");
            continue;
        }
        if line.starts_with("/*") {
            in_comment = !line.contains("*/");
            continue;
        }
        if line.starts_with("typedef ") && line.ends_with('{') {
            in_type = true;
        }
        if in_type {
            in_type = !line.starts_with('}');
            continue;
        }
        if line.starts_with([' ', '#', '}']) || !line.ends_with(';') || line.starts_with("extern \"C\"") {
            continue;
        }
        // A function pointer type (section 11) declares no symbol.
        if line.starts_with("typedef ") {
            continue;
        }
        let name = declared_name(line).unwrap_or_else(|| panic!("cannot read a declaration: {line}"));
        names.push(name.to_string());
    }
    names.sort();
    names
}

/// The header's lines, with a declaration that starts at the beginning of a line and leaves a
/// parenthesis open (a long parameter list, one parameter a line) joined with the lines that
/// close it.
fn logical_lines(header: &str) -> Vec<String> {
    let open = |s: &str| s.matches('(').count() > s.matches(')').count();
    let mut lines: Vec<String> = Vec::new();
    let mut joining = false;
    for line in header.lines() {
        match lines.last_mut() {
            Some(last) if joining => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => lines.push(line.to_string()),
        }
        let last = lines.last().unwrap();
        joining = last.starts_with(|c: char| c.is_ascii_alphabetic()) && open(last);
    }
    lines
}

/// `symbols.h` for tests/c/stress.c, which dlsyms every symbol the header declares (the benchmark
/// writes its own from the library's exports).
pub fn symbols_h(header: &str) -> String {
    let mut out = String::from(
        "/* Generated from rpc_constants.h by the tests (tests/integration/support/declarations.rs). */\n\
         #ifndef SYMBOLS_H\n#define SYMBOLS_H\nstatic const char *const symbols[] = {\n",
    );
    for name in declared_symbols(header) {
        out.push_str(&format!("    \"{name}\",\n"));
    }
    out.push_str("};\n#define NSYMBOLS (sizeof symbols / sizeof symbols[0])\n#endif\n");
    out
}

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
