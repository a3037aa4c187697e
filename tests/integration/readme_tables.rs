//! The docs' timeout and bad-input tables are executed: each row's input goes through the release
//! library and must give the row's status and milliseconds, so a wrong number in the docs fails.

use crate::support::docs::document_with;
use crate::support::library::api;
use crate::support::library::{name_of, status_code};

/// The agent default the table calls D.
const D: i64 = 60_000;

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
    let rest = after.trim_start_matches([',', ' ']);
    let (sign, digits) = match rest.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", rest),
    };
    let number: String = sign.chars().chain(digits.chars().take_while(|c| c.is_ascii_digit())).collect();
    let ms =
        if after.trim_start_matches([',', ' ']).starts_with('D') { Some(D) } else { number.parse().ok() };
    (status_code(status), ms)
}

#[test]
fn every_row_of_the_readme_timeout_table_is_what_the_library_does() {
    let header = "| input (seconds) | `rpc_agent_timeout_ms` |";
    let (_, readme) = document_with(header);
    let start = readme.find(header).unwrap();
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
                assert_eq!(status, want_status, "{which}({s:?}) in the docs' row: {row}");
                if let Some(ms) = want_ms {
                    assert_eq!(out, ms, "{which}({s:?}) in the docs' row: {row}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "only {checked} timeout-table cells checked");
    println!("{checked} timeout-table cells of docs/timeouts.md hold");
}

/// Runs the inputs a row of the bad-input table describes; returns the statuses they gave, in
/// order of first appearance (what the row's result cell must name), after checking what the
/// cell says in words.
fn bad_input_row(row: &str) -> Vec<&'static str> {
    let api = api();
    let mut out = 0i64;
    let o = &mut out as *mut i64;
    let null = std::ptr::null_mut::<i64>();
    let mut buf = [0x23 as std::ffi::c_char; 256];
    let statuses: Vec<i32> = unsafe {
        match row {
            r if r.starts_with("NULL output pointer") => {
                vec![(api.agent)(1.0, null), (api.resolve)(1.0, D, null)]
            }
            r if r.starts_with("NaN timeout") => {
                vec![(api.agent)(f32::NAN, o), (api.resolve)(f32::NAN, D, o)]
            }
            r if r.starts_with("±infinity") => vec![
                (api.resolve)(f32::INFINITY, D, o),
                (api.resolve)(f32::NEG_INFINITY, D, o),
                (api.agent)(f32::INFINITY, o),
                (api.resolve)(1e7, D, o),
                (api.agent)(f32::NEG_INFINITY, o),
            ],
            r if r.starts_with("negative agent-wide default") => vec![
                (api.agent)(-5.0, o),
                (api.agent)(-1.0, o),
                (api.agent)(f32::NEG_INFINITY, o),
                (api.agent)(-f32::from_bits(1), o),
            ],
            r if r.starts_with("negative per-call timeout") => {
                let mut all = Vec::new();
                // The sentinel's neighbours, -5 s, -1 ms, and the two just above -1 ms.
                let below_minus_one = f32::from_bits((-1.0f32).to_bits() + 1);
                let above_minus_one = f32::from_bits((-1.0f32).to_bits() - 1);
                for (s, ms) in [
                    (below_minus_one, -1000),
                    (above_minus_one, -999),
                    (-5.0, -5000),
                    (-0.001, -1),
                    (-0.0004, 0),
                ] {
                    out = 1;
                    all.push((api.resolve)(s, D, o));
                    assert_eq!(out, ms, "{row}: {s:?}");
                    assert_eq!((api.expires_at_once)(out), ms < 0, "{row}: {s:?}");
                    assert_eq!((api.never_expires)(out), ms == 0, "{row}: {s:?}");
                }
                all
            }
            r if r.starts_with("`-0.0f`") => {
                let mut all = Vec::new();
                for s in [-0.0, f32::from_bits(1), 0.0004] {
                    out = -1;
                    all.push((api.agent)(s, o));
                    assert_eq!(out, 0, "{row}: {s:?}");
                    out = -1;
                    all.push((api.resolve)(s, D, o));
                    assert_eq!(out, 0, "{row}: {s:?}");
                }
                all
            }
            r if r.starts_with("sentinel with a negative") => {
                let status = (api.resolve)(-1.0, -5000, o);
                assert_eq!(out, -5000, "{row}");
                vec![status]
            }
            r if r.starts_with("`rpc_format_pytorch_error`") => {
                buf[0] = 0x23;
                let all: Vec<i32> = [0, -4, 1, i32::MIN]
                    .iter()
                    .map(|&status| {
                        (api.format_pytorch)(buf.as_mut_ptr(), buf.len(), status, 0, std::ptr::null(), 0)
                    })
                    .collect();
                assert_eq!(buf[0], 0x23, "{row}: something was written");
                all
            }
            r if r.starts_with("retry schedule") => {
                vec![(api.next_send)(5, 1000, 1.5, 5, o), (api.next_send)(0, 1000, 1.5, 0, o)]
            }
            r if r.starts_with("`_all_gather` timeout") => {
                let mut wait = 0f64;
                let w = &mut wait as *mut f64;
                vec![
                    (api.all_gather)(f64::NAN, D, o, w),
                    (api.all_gather)(f64::INFINITY, D, o, w),
                    (api.all_gather)(f64::NEG_INFINITY, D, o, w),
                    (api.all_gather)(3e6, D, o, w),
                ]
            }
            r if r.starts_with("thread count") => {
                vec![(api.validate_threads)(0), (api.validate_threads)(-1), (api.validate_threads)(i32::MIN)]
            }
            r if r.starts_with("formatter: `NULL` buffer") => {
                vec![(api.format)(std::ptr::null_mut(), 1, 5, 0)]
            }
            r if r.starts_with("formatter: capacity 0") => {
                let full = (api.format)(std::ptr::null_mut(), 0, 60000, 1);
                assert_eq!((api.format)(buf.as_mut_ptr(), 0, 60000, 1), full);
                assert!(buf.iter().all(|&b| b == 0x23), "{row}: something was written");
                vec![]
            }
            r if r.starts_with("formatter: capacity smaller") => {
                let full = (api.format)(std::ptr::null_mut(), 0, 60000, 0);
                assert_eq!((api.format)(buf.as_mut_ptr(), 5, 60000, 0), full);
                assert_eq!(std::ffi::CStr::from_ptr(buf.as_ptr()).to_bytes(), b"RPC ");
                vec![]
            }
            r if r.starts_with("formatter: `INT64_MIN`") => {
                for ms in [i64::MIN, i64::MAX] {
                    (api.format)(buf.as_mut_ptr(), buf.len(), ms, 0);
                    let text = std::ffi::CStr::from_ptr(buf.as_ptr()).to_string_lossy().into_owned();
                    assert!(text.contains(&format!("({ms} ms)")), "{row}: {text}");
                }
                vec![]
            }
            r if r.starts_with("`rpc_constants_at(i)`") => {
                assert!((api.at)((api.count)()).is_null() && (api.at)(usize::MAX).is_null(), "{row}");
                vec![]
            }
            r if r.starts_with("`rpc_constants_find`") => {
                for name in [&b""[..], b"NO_SUCH\0", b"\xff\xfe\0"] {
                    let name = if name.is_empty() { b"\0".to_vec() } else { name.to_vec() };
                    assert!((api.find)(name.as_ptr().cast()).is_null(), "{row}");
                }
                assert!((api.find)(std::ptr::null()).is_null(), "{row}");
                vec![]
            }
            r if r.starts_with("`rpc_status_str`") => {
                for status in [1, -17, i32::MIN, i32::MAX] {
                    let text =
                        std::ffi::CStr::from_ptr((api.status_str)(status)).to_string_lossy().into_owned();
                    assert_eq!(text, "unknown rpc_constants status", "{row}");
                }
                vec![]
            }
            r if r.starts_with("`rpc_constants_check_version`") => {
                vec![(api.check_version)(std::ptr::null()), (api.check_version)(c"0.1.0 ".as_ptr())]
            }
            _ => panic!("the bad-input table has a row no test runs: {row}"),
        }
    };
    let mut names = Vec::new();
    for status in statuses {
        let name = name_of(status);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[test]
fn every_row_of_the_readme_bad_input_table_is_what_the_library_does() {
    let (_, readme) = document_with("| bad input | result |");
    let start = readme.find("| bad input | result |").unwrap();
    let mut rows = 0;
    for row in readme[start..].lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let named: Vec<&str> =
            cells[2].split('`').skip(1).step_by(2).filter(|t| t.starts_with("RPC_")).collect();
        assert_eq!(bad_input_row(cells[1]), named, "bad-input row: {row}");
        rows += 1;
    }
    assert_eq!(rows, 19, "the bad-input table changed size: update this test's rows");
}

/// docs/timeouts.md's shutdown table: each row's Python floats through rpc_all_gather_timeouts().
#[test]
fn every_row_of_the_shutdown_table_is_what_the_library_does() {
    let header = "| `timeout_sec` (Python float) |";
    let (_, doc) = document_with(header);
    let start = doc.find(header).unwrap();
    let api = api();
    let mut checked = 0;
    for row in doc[start..].lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let mut inputs: Vec<f64> = cells[1]
            .split('`')
            .skip(1)
            .step_by(2)
            .filter_map(|t| match t {
                "inf" => Some(f64::INFINITY),
                t => t.parse().ok(),
            })
            .collect();
        if cells[1].starts_with("NaN") {
            inputs.push(f64::NAN);
        }
        assert!(!inputs.is_empty(), "cannot read the input of: {row}");
        let (want_status, want_ms) = expected(cells[2]);
        for t in inputs {
            let (mut ms, mut wait) = (i64::MIN, f64::MIN);
            let status = unsafe { (api.all_gather)(t, D, &mut ms, &mut wait) };
            assert_eq!(status, want_status, "rpc_all_gather_timeouts({t:?}) in the docs' row: {row}");
            if let Some(want) = want_ms {
                assert_eq!(ms, want, "rpc_all_gather_timeouts({t:?}) in the docs' row: {row}");
            }
            match cells[3] {
                "none" => assert_eq!(wait, f64::INFINITY, "{row}"),
                "—" => assert_eq!(wait, f64::MIN, "{row}: written on an error"),
                limit => {
                    let seconds: f64 = limit.split(' ').next().unwrap().parse().unwrap();
                    assert_eq!(wait.to_bits(), seconds.to_bits(), "{row}");
                    assert_eq!(limit.contains("does not wait"), wait <= 0.0, "{row}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} shutdown-table inputs checked");
}
