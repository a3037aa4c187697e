//! Reads cbindgen's output as a list of declarations, each whole (its doc comment included) under
//! the name it declares, so that build/c_header.rs can place them in the header's sections.
//!
//! A declaration is read by its syntax, never by the blank lines around it: a comment, then code
//! up to the `;` that closes it outside any brace, parenthesis or comment. Blank lines are dropped
//! wherever they are; the header's own spacing is build/c_header.rs's. Anything else stops the
//! build with a message naming the line and the declaration it follows. The tests
//! (tests/integration/regrouping.rs) feed it cbindgen's output spaced otherwise.

use crate::declarations::declared_name;
use std::collections::BTreeMap;

/// cbindgen's output, taken apart.
pub struct Cbindgen {
    /// Everything up to and including the last `#include` line, as cbindgen wrote it.
    pub head: String,
    /// Each declaration by the name it declares: its doc comment and code, without blank lines.
    pub declarations: BTreeMap<String, String>,
    /// The lines after the `extern "C"` block (the end of the include guard), without blank lines.
    pub tail: Vec<String>,
}

/// Lines of the `extern "C"` block cbindgen wraps the declarations in (`cpp_compat`).
fn is_cpp_wrapper(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words[..], ["#ifdef", "__cplusplus"] | ["extern", "\"C\"", "{"])
        || (words.first() == Some(&"#endif") && line.contains("__cplusplus"))
        || (words.first() == Some(&"}") && line.contains("extern \"C\""))
}

/// Adds `line`'s braces, parentheses and brackets outside comments to `depth`; `in_comment`
/// carries a `/* ... */` comment over lines. Says whether the line's code ends with `;`.
fn scan(line: &str, depth: &mut i32, in_comment: &mut bool) -> bool {
    let (mut code_ends_with_semicolon, mut chars) = (false, line.chars().peekable());
    while let Some(c) = chars.next() {
        if *in_comment {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                *in_comment = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('/', Some('*')) => {
                chars.next();
                *in_comment = true;
                continue;
            }
            ('/', Some('/')) => break,
            ('{' | '(' | '[', _) => *depth += 1,
            ('}' | ')' | ']', _) => *depth -= 1,
            _ => {}
        }
        if !c.is_whitespace() {
            code_ends_with_semicolon = c == ';';
        }
    }
    code_ends_with_semicolon
}

pub fn read(output: &str) -> Result<Cbindgen, String> {
    let last_include = output.rfind("\n#include ").ok_or("cbindgen wrote no #include")?;
    let head_end = output[last_include + 1..].find('\n').map_or(output.len(), |i| last_include + 2 + i);
    let mut read =
        Cbindgen { head: output[..head_end].to_string(), declarations: BTreeMap::new(), tail: Vec::new() };
    let mut last = String::from("the #include lines");
    // The lines of the declaration being read, and where its code starts (after its comment).
    let (mut item, mut code_start) = (Vec::<&str>::new(), None::<usize>);
    let (mut depth, mut in_comment) = (0, false);
    for line in output[head_end..].lines().filter(|l| !l.trim().is_empty()) {
        let place = || format!("line `{line}` (after {last})");
        if !read.tail.is_empty() {
            return Err(format!("cbindgen's output goes on after the include guard's end: {}", place()));
        }
        let between_declarations = code_start.is_none() && !in_comment;
        let preprocessor = line.starts_with('#') && !line.starts_with("#define ");
        if between_declarations && (preprocessor || is_cpp_wrapper(line)) {
            if let Some(first) = item.first() {
                return Err(format!(
                    "cbindgen's doc comment `{first}` is followed by no declaration but {}",
                    place()
                ));
            }
            if is_cpp_wrapper(line) {
                continue;
            }
            if !line.starts_with("#endif") {
                return Err(format!("cannot place cbindgen's preprocessor {}", place()));
            }
            read.tail.push(line.to_string());
            continue;
        }
        item.push(line);
        let trimmed = line.trim_start();
        if code_start.is_none() && (in_comment || trimmed.starts_with("/*") || trimmed.starts_with("//")) {
            // A doc comment: it belongs to the code that follows it.
            scan(line, &mut depth, &mut in_comment);
            continue;
        }
        let start = *code_start.get_or_insert(item.len() - 1);
        let ends = scan(line, &mut depth, &mut in_comment) || line.starts_with("#define ");
        if depth < 0 {
            return Err(format!(
                "unbalanced brackets in cbindgen's declaration `{}`: {}",
                item[start],
                place()
            ));
        }
        if ends && depth == 0 && !in_comment {
            let name = declared_name(&item[start..].join("\n"))
                .ok_or_else(|| format!("cannot tell what cbindgen's declaration declares: {}", place()))?
                .to_string();
            if read.declarations.insert(name.clone(), item.join("\n")).is_some() {
                return Err(format!("cbindgen declared {name} twice"));
            }
            last = name;
            (item, code_start) = (Vec::new(), None);
        }
    }
    if let Some(first) = item.first() {
        let what = if code_start.is_none() {
            "a doc comment with no declaration"
        } else {
            "an unfinished declaration"
        };
        return Err(format!("cbindgen's output ends in {what} (after {last}): `{first}`"));
    }
    if read.tail.is_empty() {
        return Err(format!("no end of the include guard after the extern \"C\" block (after {last})"));
    }
    Ok(read)
}
