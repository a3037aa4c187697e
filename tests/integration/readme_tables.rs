//! The README's timeout table is executed: each row's input goes through the release library and
//! must give the row's status and milliseconds, so a wrong number in the README fails.

use crate::properties::api;
use crate::support::source;

/// The agent default the table calls D.
const D: i64 = 60_000;

fn status_code(name: &str) -> i32 {
    match name {
        "RPC_OK" => 0,
        "RPC_ERR_NULL_POINTER" => -1,
        "RPC_ERR_NEGATIVE_TIMEOUT" => -2,
        "RPC_ERR_NOT_A_NUMBER" => -3,
        "RPC_ERR_OUT_OF_RANGE" => -4,
        other => panic!("the README names an unknown status {other}"),
    }
}

/// The inputs a row's first cell names: its backticked float literals, or NaN/+inf/-inf.
fn inputs(cell: &str) -> Vec<f32> {
    let mut found = Vec::new();
    for (i, part) in cell.split('`').enumerate() {
        if i % 2 == 1 {
            match part {
                "+inf" => found.push(f32::INFINITY),
                "-inf" => found.push(f32::NEG_INFINITY),
                _ => {
                    if let Some(literal) = part.strip_suffix('f') {
                        found.push(literal.parse().unwrap_or_else(|_| panic!("not a float: {part}")));
                    }
                }
            }
        }
    }
    if cell.starts_with("NaN") {
        found.push(f32::NAN);
    }
    found
}

/// (status, milliseconds if the cell gives them) of a result cell such as "`RPC_OK`, 1500".
fn expected(cell: &str) -> (i32, Option<i64>) {
    let status = cell.split('`').nth(1).expect("a status in backticks");
    let after = cell.split('`').nth(2).unwrap_or("");
    let number: String =
        after.trim_start_matches([',', ' ']).chars().take_while(|c| c.is_ascii_digit()).collect();
    let ms =
        if after.trim_start_matches([',', ' ']).starts_with('D') { Some(D) } else { number.parse().ok() };
    (status_code(status), ms)
}

#[test]
fn every_row_of_the_readme_timeout_table_is_what_the_library_does() {
    let readme = std::fs::read_to_string(source("README.md")).unwrap();
    let header = "| input (seconds) | `rpc_agent_timeout_ms` |";
    let start = readme.find(header).expect("no timeout table in the README");
    let api = api();
    let mut checked = 0;
    for row in readme[start..].lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (input, agent_cell, resolve_cell) = (cells[1], cells[2], cells[3]);
        let null_output = input.contains("out_ms == NULL");
        let values = if null_output { vec![60.0, f32::NAN] } else { inputs(input) };
        assert!(!values.is_empty(), "cannot read the input of: {row}");
        for s in values {
            for (cell, which) in [(agent_cell, "agent"), (resolve_cell, "resolve")] {
                let (want_status, want_ms) = expected(cell);
                let mut out = i64::MIN;
                let ptr = if null_output { std::ptr::null_mut() } else { &mut out as *mut i64 };
                let status = unsafe {
                    if which == "agent" {
                        (api.agent)(s, ptr)
                    } else {
                        (api.resolve)(s, D, ptr)
                    }
                };
                assert_eq!(status, want_status, "{which}({s:?}) in README row: {row}");
                if let Some(ms) = want_ms {
                    assert_eq!(out, ms, "{which}({s:?}) in README row: {row}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "only {checked} README cells checked");
    println!("{checked} README timeout-table cells hold");
}
