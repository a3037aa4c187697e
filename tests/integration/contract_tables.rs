//! docs/agent-contract.md's tables are executed: each row's input goes through the release
//! library and must give the row's status and value, so a wrong number in the docs fails.

use crate::support::docs::document_with;
use crate::support::library::api;
use crate::support::library::status_code;

/// The rows of the table whose header line is `header`, as trimmed cells.
fn rows(header: &str) -> Vec<Vec<String>> {
    let (_, doc) = document_with(header);
    let start = doc.find(header).unwrap();
    doc[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|row| row.split("|").map(|c| c.trim().to_string()).collect())
        .map(|cells: Vec<String>| cells[1..cells.len() - 1].to_vec())
        .collect()
}

/// The backticked parts of a cell.
fn ticked(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// A C string literal's bytes.
fn c_literal(literal: &str) -> Vec<u8> {
    let body = literal.strip_prefix('"').and_then(|l| l.strip_suffix('"')).expect("a quoted C string");
    let mut out = Vec::new();
    let mut bytes = body.bytes();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next().unwrap() {
            b'0' => out.push(0),
            b'\\' => out.push(b'\\'),
            b'"' => out.push(b'"'),
            b'x' => {
                let hex: Vec<u8> = (0..2).map(|_| bytes.next().unwrap()).collect();
                out.push(u8::from_str_radix(std::str::from_utf8(&hex).unwrap(), 16).unwrap());
            }
            other => panic!("unknown escape \\{}", other as char),
        }
    }
    out
}

fn status(cell: &str) -> i32 {
    status_code(ticked(cell).first().unwrap_or_else(|| panic!("no status in `{cell}`")))
}

/// A number cell's leading integer, if any.
fn number(cell: &str) -> Option<i64> {
    let t: String = cell.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    t.parse().ok()
}

/// The comma-separated inputs of a cell, before any parenthesized note: backticked literals,
/// NaN and +inf.
fn inputs(cell: &str) -> Vec<String> {
    let plain = cell.split(" (").next().unwrap();
    plain.split(", ").map(|p| p.trim_matches('`').to_string()).collect()
}

fn float(text: &str) -> f32 {
    match text {
        "NaN" => f32::NAN,
        "+inf" => f32::INFINITY,
        t => t.strip_suffix('f').unwrap_or(t).parse().unwrap_or_else(|_| panic!("not a float: {t}")),
    }
}

#[test]
fn every_row_of_the_worker_name_table_is_what_the_library_does() {
    let api = api();
    let table = rows("| worker name (C string literal) | bytes | result |");
    for row in &table {
        let (name_cell, bytes, want) = (&row[0], number(&row[1]).unwrap() as usize, status(&row[2]));
        let got = if name_cell.starts_with("`NULL`") {
            unsafe { (api.worker_name)(std::ptr::null(), bytes) }
        } else {
            let mut name = c_literal(ticked(name_cell)[0]);
            if let Some(times) = name_cell.split("repeated ").nth(1) {
                name = name.repeat(number(times).unwrap() as usize);
            }
            assert_eq!(name.len(), bytes, "row {row:?}: the bytes column");
            if name_cell.contains("`NULL` with length 0") {
                assert_eq!(unsafe { (api.worker_name)(std::ptr::null(), 0) }, want, "row {row:?}: NULL");
            }
            unsafe { (api.worker_name)(name.as_ptr().cast(), name.len()) }
        };
        assert_eq!(got, want, "docs row {row:?}");
    }
    assert_eq!(table.len(), 13, "the worker name table changed size: update this test");

    let table = rows("| id | result | stored id |");
    for row in &table {
        let id = number(ticked(&row[0])[0]).unwrap();
        let mut out: i16 = 0x5a5a;
        assert_eq!(unsafe { (api.worker_id)(id, &mut out) }, status(&row[1]), "docs row {row:?}");
        if let Some(stored) = number(&row[2]) {
            assert_eq!(i64::from(out), stored, "docs row {row:?}");
        }
    }
    assert_eq!(table.len(), 7, "the worker id table changed size: update this test");
}

#[test]
fn every_row_of_the_rpc_error_table_is_what_the_library_does() {
    let api = api();
    let table = rows("| error message (C string literal) | result | type |");
    for row in &table {
        let message = c_literal(ticked(&row[0])[0]);
        let mut t = i32::MIN;
        let s = unsafe { (api.classify_error)(message.as_ptr().cast(), message.len(), &mut t) };
        assert_eq!(s, status(&row[1]), "docs row {row:?}");
        if let Some(want) = number(&row[2]) {
            assert_eq!(i64::from(t), want, "docs row {row:?}");
        }
    }
    assert_eq!(table.len(), 15, "the RPC error table changed size: update this test");
}

#[test]
fn every_row_of_the_retry_tables_is_what_the_library_does() {
    let api = api();
    let table = rows("| maxRetries, rpcRetryDuration (ms), retryBackoff | result |");
    for row in &table {
        let i = inputs(&row[0]);
        let got = unsafe { (api.validate_retry)(i[0].parse().unwrap(), i[1].parse().unwrap(), float(&i[2])) };
        assert_eq!(got, status(&row[1]), "docs row {row:?}");
    }
    assert_eq!(table.len(), 7, "the retry options table changed size: update this test");

    let table = rows("| rpcRetryDuration (ms), retryBackoff, retryCount | result | ms |");
    for row in &table {
        let i = inputs(&row[0]);
        let mut out = i64::MIN;
        let got = unsafe {
            (api.retry_delay)(i[0].parse().unwrap(), float(&i[1]), i[2].parse().unwrap(), &mut out)
        };
        assert_eq!(got, status(&row[1]), "docs row {row:?}");
        if let Some(ms) = number(&row[2]) {
            assert_eq!(out, ms, "docs row {row:?}");
        }
    }
    assert_eq!(table.len(), 12, "the retry delay table changed size: update this test");

    let table = rows(
        "| maxRetries, rpcRetryDuration (ms), retryBackoff, retry_count | result | next send due (ms after the failed send's start) |",
    );
    for row in &table {
        let i = inputs(&row[0]);
        let mut out = i64::MIN;
        let got = unsafe {
            (api.next_send)(
                i[0].parse().unwrap(),
                i[1].parse().unwrap(),
                float(&i[2]),
                i[3].parse().unwrap(),
                &mut out,
            )
        };
        assert_eq!(got, status(&row[1]), "docs row {row:?}");
        match number(&row[2]) {
            Some(ms) => assert_eq!(out, ms, "docs row {row:?}"),
            None => assert_eq!(out, i64::MIN, "docs row {row:?}: written on an error"),
        }
    }
    assert_eq!(table.len(), 12, "the retry schedule table changed size: update this test");
}

#[test]
fn every_row_of_the_pytorch_words_table_is_what_the_library_does() {
    let api = api();
    let table = rows("| status | value, name | PyTorch's message | where |");
    let mut buf = [0 as std::ffi::c_char; 512];
    for row in &table {
        let (value, text) = match ticked(&row[1]).first() {
            Some(t) if t.starts_with('"') => (0, c_literal(t)),
            Some(t) => (t.parse().unwrap(), Vec::new()),
            None => (0, Vec::new()),
        };
        let want = ticked(&row[2]).first().map(|t| t.to_string());
        for name in ticked(&row[0]).into_iter().chain(row[0].contains("any other").then_some("")) {
            let code = if name.is_empty() { 12345 } else { status_code(name) };
            let n = unsafe {
                (api.format_pytorch)(
                    buf.as_mut_ptr(),
                    buf.len(),
                    code,
                    value,
                    text.as_ptr().cast(),
                    text.len(),
                )
            };
            match &want {
                Some(w) if w.starts_with("RPC_ERR_") => assert_eq!(n, status_code(w), "docs row {row:?}"),
                Some(w) => {
                    let got = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap();
                    assert_eq!((n, got), (w.len() as i32, w.as_str()), "docs row {row:?}");
                }
                None => panic!("no message in docs row {row:?}"),
            }
        }
    }
    assert_eq!(table.len(), 9, "the PyTorch words table changed size: update this test");
}
