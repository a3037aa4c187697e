//! Every function that takes input, driven through the release `.so` (loaded with libloading)
//! with random and extreme inputs: a sample in the quick tier, 100,000 cases per function in the
//! full one (PROPTEST_CASES to change either). Each result must be the documented one.

use crate::support::library::{api, Constant};
use crate::support::random::{cases_or, check, floats, int64s, FULL_CASES, QUICK_CASES};
use proptest::prelude::*;
use std::ffi::{c_char, CStr};

const OK: i32 = 0;
const NULL_POINTER: i32 = -1;
const NEGATIVE: i32 = -2;
const NAN: i32 = -3;
const RANGE: i32 = -4;
const THREADS: i32 = -5;
const VERSION_MISMATCH: i32 = -6;
const INVALID_NAME: i32 = -7;
const ID_RANGE: i32 = -8;
const UNPARSABLE: i32 = -9;
const NEGATIVE_RETRIES: i32 = -10;
const DECAYING: i32 = -11;
const NEGATIVE_DURATION: i32 = -12;
const NEGATIVE_COUNT: i32 = -13;
const EXHAUSTED: i32 = -15;
/// The last status code.
const LAST_STATUS: i32 = -16;

/// Each property runs as a quick test and as a full, ignored one.
macro_rules! tiers {
    ($($property:ident => $quick:ident, $full:ident;)*) => {$(
        #[test]
        fn $quick() {
            $property(cases_or(QUICK_CASES));
        }
        #[test]
        #[ignore = "slow: 100,000 cases per function; CI runs it"]
        fn $full() {
            $property(cases_or(FULL_CASES));
        }
    )*};
}

tiers! {
    agent_timeout_conversion_matches_the_documented_rule => agent_timeout_conversion_matches_the_documented_rule_sample, agent_timeout_conversion_matches_the_documented_rule_full;
    per_call_timeout_resolution_matches_the_documented_rule => per_call_timeout_resolution_matches_the_documented_rule_sample, per_call_timeout_resolution_matches_the_documented_rule_full;
    small_total_functions_match_their_definitions => small_total_functions_match_their_definitions_sample, small_total_functions_match_their_definitions_full;
    timeout_message_formatting_has_snprintf_semantics => timeout_message_formatting_has_snprintf_semantics_sample, timeout_message_formatting_has_snprintf_semantics_full;
    constants_table_lookups_take_any_index_and_any_bytes => constants_table_lookups_take_any_index_and_any_bytes_sample, constants_table_lookups_take_any_index_and_any_bytes_full;
    version_check_takes_any_string => version_check_takes_any_string_sample, version_check_takes_any_string_full;
    worker_names_and_ids_follow_workerinfo => worker_names_and_ids_follow_workerinfo_sample, worker_names_and_ids_follow_workerinfo_full;
    rpc_errors_format_and_classify_as_pytorch => rpc_errors_format_and_classify_as_pytorch_sample, rpc_errors_format_and_classify_as_pytorch_full;
    retry_options_and_delays_follow_pytorch => retry_options_and_delays_follow_pytorch_sample, retry_options_and_delays_follow_pytorch_full;
}

/// The documented agent-default rule, stated from docs/timeouts.md's table.
fn agent_model(s: f32) -> Result<i64, i32> {
    if s.is_nan() {
        return Err(NAN);
    }
    if s < 0.0 {
        return Err(NEGATIVE);
    }
    let product = f64::from(s * 1000.0f32);
    if !product.is_finite() || product.trunc() >= 9_223_372_036_854_775_808.0 {
        return Err(RANGE);
    }
    Ok(product.trunc() as i64)
}

/// `_set_rpc_timeout`: static_cast<int>(seconds * kSecToMsConversion), no sign check.
fn set_model(s: f32) -> Result<i64, i32> {
    if s.is_nan() {
        return Err(NAN);
    }
    let product = f64::from(s * 1000.0f32);
    if !product.is_finite() || product.trunc() < -2_147_483_648.0 || product.trunc() > 2_147_483_647.0 {
        return Err(RANGE);
    }
    Ok(product.trunc() as i64)
}

/// `TensorPipeAgent::send`: the sentinel takes the agent default, whatever its sign; anything else
/// is the same cast as `_set_rpc_timeout`'s, negative results included.
fn resolve_model(s: f32, agent_ms: i64) -> Result<i64, i32> {
    if s == -1.0 {
        return Ok(agent_ms);
    }
    set_model(s)
}

const UNTOUCHED: i64 = 0x5A5A_5A5A_5A5A_5A5A;

/// Calls a conversion with a NULL or a real output and checks it against its model: NULL first,
/// then the value, or the error with the output left untouched.
fn conversion_follows(
    null_out: bool,
    model: Result<i64, i32>,
    call: impl FnOnce(*mut i64) -> i32,
) -> Result<(), TestCaseError> {
    let mut out = UNTOUCHED;
    let ptr = if null_out { std::ptr::null_mut() } else { &mut out as *mut i64 };
    let status = call(ptr);
    match (null_out, model) {
        (true, _) => prop_assert_eq!(status, NULL_POINTER),
        (false, Ok(ms)) => prop_assert_eq!((status, out), (OK, ms)),
        (false, Err(e)) => prop_assert_eq!((status, out), (e, UNTOUCHED)),
    }
    Ok(())
}

fn agent_timeout_conversion_matches_the_documented_rule(cases: u32) {
    let api = api();
    check(cases, "rpc_agent_timeout_ms", (floats(), any::<bool>()), |(s, null_out)| {
        conversion_follows(null_out, agent_model(s), |out| unsafe { (api.agent)(s, out) })
    });
}

fn per_call_timeout_resolution_matches_the_documented_rule(cases: u32) {
    let api = api();
    check(cases, "rpc_resolve_timeout_ms", (floats(), int64s(), any::<bool>()), |(s, agent_ms, null_out)| {
        conversion_follows(null_out, resolve_model(s, agent_ms), |out| unsafe {
            (api.resolve)(s, agent_ms, out)
        })
    });
    check(cases, "rpc_set_rpc_timeout_ms", (floats(), any::<bool>()), |(s, null_out)| {
        conversion_follows(null_out, set_model(s), |out| unsafe { (api.set)(s, out) })
    });
    // api.py's _all_gather: UNSET gives get_rpc_timeout() (a float) and no wait limit, 0 gives 0
    // and no limit, anything else both; the RPC takes the double as a float (Rust's `as` rounds to
    // nearest, as pybind11's conversion does in the default environment).
    let doubles = prop_oneof![
        2 => any::<u64>().prop_map(f64::from_bits),
        2 => -3e6f64..3e6,
        1 => -1.000_001f64..-0.999_999,
        1 => prop::sample::select(vec![-1.0, 0.0, -0.0, 5.0, -0.5, f64::NAN, f64::INFINITY, -f64::INFINITY, 1e300]),
    ];
    check(cases, "rpc_all_gather_timeouts", (doubles, int64s()), |(t, agent_ms)| {
        let (rpc, wait) = if t == -1.0 {
            (f64::from(agent_ms as f32 / 1000.0f32), f64::INFINITY)
        } else if t == 0.0 {
            (t, f64::INFINITY)
        } else {
            (t, t)
        };
        let expected = if rpc.is_nan() { Err(NAN) } else { resolve_model(rpc as f32, agent_ms) };
        let (mut ms, mut got_wait) = (UNTOUCHED, -7.0f64);
        let status = unsafe { (api.all_gather)(t, agent_ms, &mut ms, &mut got_wait) };
        match expected {
            Ok(want) => {
                prop_assert_eq!((status, ms, got_wait.to_bits()), (OK, want, wait.to_bits()), "{:e}", t)
            }
            Err(e) => prop_assert_eq!((status, ms, got_wait), (e, UNTOUCHED, -7.0), "{:e}", t),
        }
        Ok(())
    });
}

fn small_total_functions_match_their_definitions(cases: u32) {
    let api = api();
    check(cases, "rpc_timeout_never_expires", int64s(), |ms| {
        prop_assert_eq!(unsafe { (api.never_expires)(ms) }, ms == 0);
        Ok(())
    });
    check(cases, "rpc_timeout_expires_at_once", int64s(), |ms| {
        prop_assert_eq!(unsafe { (api.expires_at_once)(ms) }, ms < 0);
        Ok(())
    });
    check(cases, "rpc_timeout_ms_to_sec", int64s(), |ms| {
        prop_assert_eq!(unsafe { (api.ms_to_sec)(ms) }.to_bits(), (ms as f32 / 1000.0f32).to_bits());
        Ok(())
    });
    let int32s = || prop_oneof![any::<i32>(), -8i32..8, prop::sample::select(vec![i32::MIN, i32::MAX])];
    check(cases, "rpc_validate_num_worker_threads", int32s(), |n| {
        prop_assert_eq!(unsafe { (api.validate_threads)(n) }, if n > 0 { OK } else { THREADS });
        Ok(())
    });
    check(cases, "rpc_status_str", int32s(), |status| {
        let text = unsafe { CStr::from_ptr((api.status_str)(status)) }.to_str().unwrap();
        let plausible = !text.is_empty() && text.len() < 200;
        prop_assert!(plausible);
        prop_assert_eq!(text == "unknown rpc_constants status", !(LAST_STATUS..=0).contains(&status));
        Ok(())
    });
}

fn timeout_message_formatting_has_snprintf_semantics(cases: u32) {
    let api = api();
    let capacities = prop_oneof![3 => 0usize..130, 1 => Just(usize::MAX), 1 => Just(0usize)];
    check(
        cases,
        "rpc_format_timeout_error",
        (capacities, int64s(), prop_oneof![Just(0), Just(1), any::<i32>()], any::<bool>()),
        |(capacity, ms, prefix, null_buf)| {
            let text = format!(
                "{}RPC ran for more than set timeout ({ms} ms) and will now be marked with an error",
                if prefix != 0 { "RPCErr:1:" } else { "" }
            );
            // 256 bytes always hold the longest message; a larger claimed capacity must not matter.
            let mut buf = [0x23u8; 256];
            let ptr = if null_buf { std::ptr::null_mut() } else { buf.as_mut_ptr().cast() };
            let n = unsafe { (api.format)(ptr, capacity, ms, prefix) };
            snprintf_semantics(&buf, n, text.as_bytes(), capacity, null_buf)?;
            Ok(())
        },
    );
}

/// A formatter's result `n` and its buffer (filled with 0x23 before the call) hold snprintf's
/// semantics for the full `text`: NULL with a capacity is an error; otherwise the full length,
/// and, with a buffer and a capacity, the text cut to fit and NUL-terminated, nothing written
/// past it. Ok(whether text was written).
fn snprintf_semantics(
    buf: &[u8],
    n: i32,
    text: &[u8],
    capacity: usize,
    null_buf: bool,
) -> Result<bool, TestCaseError> {
    if null_buf && capacity > 0 {
        prop_assert_eq!(n, NULL_POINTER);
        return Ok(false);
    }
    prop_assert_eq!(n as usize, text.len());
    if null_buf || capacity == 0 {
        prop_assert!(buf.iter().all(|&b| b == 0x23));
        return Ok(false);
    }
    let written = text.len().min(capacity - 1);
    prop_assert_eq!(&buf[..written], &text[..written]);
    prop_assert_eq!(buf[written], 0);
    prop_assert!(buf[written + 1..].iter().all(|&b| b == 0x23));
    Ok(true)
}

fn c_str(p: *const c_char) -> Vec<u8> {
    unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
}

fn constants_table_lookups_take_any_index_and_any_bytes(cases: u32) {
    let api = api();
    let count = unsafe { (api.count)() };
    let entries: Vec<*const Constant> = (0..count).map(|i| unsafe { (api.at)(i) }).collect();
    let mut known: Vec<(Vec<u8>, *const Constant)> = Vec::new();
    for &e in &entries {
        let c = unsafe { &*e };
        for name in [c.name, c.cpp_name, c.symbol] {
            let bytes = c_str(name);
            if !bytes.is_empty() {
                known.push((bytes, e));
            }
        }
    }
    check(cases, "rpc_constants_at", prop_oneof![any::<usize>(), 0usize..16], |i| {
        let entry = unsafe { (api.at)(i) };
        prop_assert_eq!(entry.is_null(), i >= count);
        Ok(())
    });
    let names: Vec<Vec<u8>> = known.iter().map(|(n, _)| n.clone()).collect();
    let strategy = prop_oneof![
        3 => prop::collection::vec(1u8..=255, 0..40),
        2 => prop::sample::select(names.clone()),
        2 => (prop::sample::select(names), prop::collection::vec(1u8..=255, 0..3), any::<bool>()).prop_map(
            |(mut n, extra, front)| {
                if front { n.splice(0..0, extra); } else { n.extend(extra); }
                n
            }
        ),
    ];
    check(cases, "rpc_constants_find", (strategy, any::<bool>()), |(name, null)| {
        if null {
            let found = unsafe { (api.find)(std::ptr::null()) };
            prop_assert!(found.is_null());
            return Ok(());
        }
        let mut c = name.clone();
        c.push(0);
        let found = unsafe { (api.find)(c.as_ptr().cast()) };
        let expected = known.iter().find(|(n, _)| *n == name).map_or(std::ptr::null(), |(_, e)| *e);
        prop_assert_eq!(found, expected);
        Ok(())
    });
}

fn version_check_takes_any_string(cases: u32) {
    let api = api();
    let own = c_str(unsafe { (api.version)() });
    let own: Vec<u64> = String::from_utf8(own).unwrap().split('.').map(|p| p.parse().unwrap()).collect();
    let numbers = prop_oneof![0u64..4, Just(own[0]), Just(own[1]), Just(own[2]), any::<u64>()];
    let versions = (
        numbers.clone(),
        numbers.clone(),
        numbers,
        prop::sample::select(vec!["", "", "-rc.1", "x", ".1", " ", "\n", "+b"]),
    )
        .prop_map(|(a, b, c, rest)| format!("{a}.{b}.{c}{rest}").into_bytes());
    // Fixed cases a lenient parser gets wrong (u64's parse accepts "+0"), then random ones.
    let fixed = ["+0.1.0", "00.1.0", " 0.1.0", "0.1.0 ", "0.01.0", "0.1.0.0", "0.1.0+build"]
        .map(|v| v.as_bytes().to_vec());
    let strategy = prop_oneof![
        1 => prop::sample::select(fixed.to_vec()),
        3 => versions,
        1 => prop::collection::vec(1u8..=255, 0..24),
    ];
    check(cases, "rpc_constants_check_version", (strategy, any::<bool>()), |(text, null)| {
        if null {
            prop_assert_eq!(unsafe { (api.check_version)(std::ptr::null()) }, NULL_POINTER);
            return Ok(());
        }
        let mut c = text.clone();
        c.push(0);
        let status = unsafe { (api.check_version)(c.as_ptr().cast()) };
        // The documented rule: exactly three dot-separated decimal numbers without leading zeros
        // (no sign, nothing before or after), on the SONAME's ABI line, not newer than the library.
        let parsed: Option<Vec<u64>> = (|| {
            let s = std::str::from_utf8(&text).ok()?;
            let parts: Vec<&str> = s.split('.').collect();
            if parts.len() != 3 {
                return None;
            }
            parts
                .iter()
                .map(|p| {
                    let digits = (1..=19).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
                    let leading_zero = p.len() > 1 && p.starts_with('0');
                    if digits && !leading_zero {
                        p.parse().ok()
                    } else {
                        None
                    }
                })
                .collect()
        })();
        let line = match (own[0], own[1]) {
            (0, 0) => 3,
            (0, _) => 2,
            _ => 1,
        };
        let expected = match parsed {
            Some(h) if h[..line] == own[..line] && own >= h => OK,
            _ => VERSION_MISMATCH,
        };
        prop_assert_eq!(status, expected, "for {:?}", String::from_utf8_lossy(&text));
        Ok(())
    });
}

/// Bytes a worker name is made of: mostly valid ones, with every other byte possible.
fn name_bytes() -> impl Strategy<Value = Vec<u8>> {
    let valid: Vec<u8> = (b'a'..=b'z').chain(b'A'..=b'Z').chain(b'0'..=b'9').chain(*b"-_:").collect();
    let byte = prop_oneof![8 => prop::sample::select(valid), 1 => any::<u8>()];
    prop_oneof![
        2 => prop::collection::vec(byte.clone(), 0..8),
        2 => prop::collection::vec(byte.clone(), 120..136),
        1 => prop::collection::vec(byte, 0..300),
    ]
}

fn worker_names_and_ids_follow_workerinfo(cases: u32) {
    let api = api();
    check(cases, "rpc_validate_worker_name", (name_bytes(), any::<bool>()), |(name, null)| {
        let status = if null {
            unsafe { (api.worker_name)(std::ptr::null(), name.len()) }
        } else {
            unsafe { (api.worker_name)(name.as_ptr().cast(), name.len()) }
        };
        // rpc_agent.cpp: name_.length() < MAX_NAME_LEN && !name_.empty(), and every char
        // std::isalnum (the "C" locale) or '-', '_', ':'.
        let valid = !name.is_empty()
            && name.len() < 128
            && name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':');
        let expected = match (null, name.is_empty()) {
            (true, false) => NULL_POINTER,
            _ if valid => OK,
            _ => INVALID_NAME,
        };
        prop_assert_eq!(status, expected, "for {:?}", String::from_utf8_lossy(&name));
        Ok(())
    });
    let ids = prop_oneof![
        3 => any::<i64>(),
        3 => -70_000i64..70_000,
        1 => prop::sample::select(vec![i64::MIN, -65537, -65536, -32769, -32768, -1, 0, 32767, 32768, i64::MAX]),
    ];
    check(cases, "rpc_validate_worker_id", (ids, any::<bool>()), |(id, null)| {
        let mut out: i16 = 0x5a5a;
        let ptr = if null { std::ptr::null_mut() } else { &mut out as *mut i16 };
        let status = unsafe { (api.worker_id)(id, ptr) };
        if null {
            prop_assert_eq!(status, NULL_POINTER);
        } else if !(-32768..=32767).contains(&id) {
            // PyTorch's Python binding refuses what int16_t cannot hold, on either side.
            prop_assert_eq!((status, out), (ID_RANGE, 0x5a5a));
        } else {
            prop_assert_eq!((status, i64::from(out)), (OK, id));
        }
        Ok(())
    });
}

/// getRPCErrorType's parse, transcribed from utils.cpp (find, substr, std::stoi), of the text
/// tryRetrieveErrorMessage gives it: std::string(e.what()), which ends at the first NUL.
fn pytorch_error_type(given: &[u8]) -> Result<i32, ()> {
    let err: &[u8] = match given.iter().position(|&b| b == 0) {
        Some(nul) => &given[..nul],
        None => given,
    };
    let Some(pos) = (0..err.len()).find(|&i| err[i..].starts_with(b"RPCErr")) else { return Ok(0) };
    let start = pos + "RPCErr".len() + 1;
    if start >= err.len() {
        return Ok(0);
    }
    let Some(colon) = err[start..].iter().position(|&b| b == b':') else { return Ok(0) };
    // std::stoi(str) is strtol(str.c_str(), &end, 10) range-checked to int.
    let field: Vec<u8> = err[start..start + colon].to_vec();
    let text = String::from_utf8_lossy(&field).into_owned();
    let text = text.trim_start_matches([' ', '\t', '\n', '\u{b}', '\u{c}', '\r']);
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return Err(());
    }
    let digits = digits.trim_start_matches('0');
    if digits.len() > 12 {
        return Err(());
    }
    let value: i64 = format!("{sign}0{digits}").parse().unwrap();
    i32::try_from(value).map_err(|_| ())
}

/// Error messages built from the pieces the parse turns on.
fn error_messages() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => Just(b"RPCErr".to_vec()),
        3 => Just(b":".to_vec()),
        2 => (any::<i64>()).prop_map(|n| n.to_string().into_bytes()),
        2 => (-5i32..10).prop_map(|n| n.to_string().into_bytes()),
        1 => prop::sample::select(vec![b" ".to_vec(), b"+".to_vec(), b"-".to_vec(), b"\0".to_vec(),
            b"\t".to_vec(), b"x".to_vec(), b"RPCEr".to_vec(), b"rpcerr".to_vec(), b"00".to_vec()]),
        1 => prop::collection::vec(any::<u8>(), 0..4),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

fn rpc_errors_format_and_classify_as_pytorch(cases: u32) {
    let api = api();
    let types =
        prop_oneof![3 => 0i32..3, 1 => any::<i32>(), 1 => prop::sample::select(vec![i32::MIN, i32::MAX, -1])];
    let capacities = prop_oneof![3 => 0usize..64, 1 => Just(usize::MAX), 1 => Just(0usize)];
    let message = prop::collection::vec(any::<u8>(), 0..40);
    check(
        cases,
        "rpc_format_rpc_error",
        (capacities, types.clone(), message, any::<bool>()),
        |(capacity, error_type, message, null_buf)| {
            // makeRPCError: fmt::format("{}:{}:{}", kRPCErrorPrefix, static_cast<int>(errorType), rpcErrorStr)
            let mut text = format!("RPCErr:{error_type}:").into_bytes();
            text.extend(&message);
            let mut buf = [0x23u8; 128];
            let ptr = if null_buf { std::ptr::null_mut() } else { buf.as_mut_ptr().cast() };
            let n = unsafe {
                (api.format_error)(ptr, capacity, error_type, message.as_ptr().cast(), message.len())
            };
            if !snprintf_semantics(&buf, n, &text, capacity, null_buf)? {
                return Ok(());
            }
            // Classified back, it is the type it was made with.
            let mut t = 0;
            let s = unsafe { (api.classify_error)(text.as_ptr().cast(), text.len(), &mut t) };
            prop_assert_eq!((s, t), (OK, error_type));
            Ok(())
        },
    );
    check(cases, "rpc_classify_rpc_error", (error_messages(), any::<bool>()), |(err, null_out)| {
        let mut t: i32 = 0x5a5a;
        let ptr = if null_out { std::ptr::null_mut() } else { &mut t as *mut i32 };
        let s = unsafe { (api.classify_error)(err.as_ptr().cast(), err.len(), ptr) };
        match (null_out, pytorch_error_type(&err)) {
            (true, _) => prop_assert_eq!(s, NULL_POINTER),
            (false, Ok(expected)) => {
                prop_assert_eq!((s, t), (OK, expected), "for {:?}", String::from_utf8_lossy(&err))
            }
            (false, Err(())) => {
                prop_assert_eq!((s, t), (UNPARSABLE, 0x5a5a), "for {:?}", String::from_utf8_lossy(&err))
            }
        }
        Ok(())
    });
}

/// sendWithRetries' `retryOptions.retryBackoff >= 1`, which NaN fails.
fn backoff_passes(b: f32) -> bool {
    b >= 1.0
}

fn retry_options_and_delays_follow_pytorch(cases: u32) {
    let api = api();
    let backoffs = || {
        prop_oneof![
            3 => 1.0f32..4.0,
            2 => 1.0f32..1.001,
            1 => any::<u32>().prop_map(f32::from_bits),
            1 => prop::sample::select(vec![1.0, 1.5, 2.0, f32::INFINITY, f32::NAN, f32::MAX, 0.999_999_94, -0.0, 0.0, -1.0]),
        ]
    };
    let durations = || {
        prop_oneof![
            3 => 0i64..100_000,
            2 => 0i64..=i64::MAX,
            1 => prop::sample::select(vec![0, 1, 1000, 60000, (1 << 53) - 1, 1 << 53, (1 << 53) + 1, i64::MAX, -1, i64::MIN]),
        ]
    };
    let counts = prop_oneof![3 => 0i32..40, 2 => any::<i32>(), 1 => 0i32..3000];
    check(cases, "rpc_validate_retry_options", (any::<i32>(), durations(), backoffs()), |(m, d, b)| {
        // sendWithRetries: maxRetries >= 0, retryBackoff >= 1, rpcRetryDuration.count() >= 0.
        let expected = if m < 0 {
            NEGATIVE_RETRIES
        } else if !backoff_passes(b) {
            DECAYING
        } else if d < 0 {
            NEGATIVE_DURATION
        } else {
            OK
        };
        prop_assert_eq!(unsafe { (api.validate_retry)(m, d, b) }, expected);
        Ok(())
    });
    // Near the edges: a power that nearly overflows double, or a delay near 2^63 ms.
    let edges =
        (1i32..2048, 1i64..1_000_000, -3i32..4, any::<bool>()).prop_map(|(n, d, ulps, double_edge)| {
            let target = if double_edge { 1024.0 } else { 63.0 - (d as f64).log2() };
            let b = (target / f64::from(n)).exp2() as f32;
            let b = f32::from_bits((b.to_bits() as i32 + ulps) as u32).max(1.0);
            (if double_edge { 0 } else { d }, b, n, false)
        });
    let random = (durations(), backoffs(), counts, prop::bool::weighted(0.02));
    let schedule =
        (any::<i32>(), 0i32..40, durations(), backoffs(), prop_oneof![3 => 0i32..40, 1 => any::<i32>()]);
    check(cases, "rpc_retry_next_send_ms", schedule, |(m, small_m, d, b, r)| {
        // Mostly small maxRetries, so that both answers come up.
        let m = if m % 4 == 0 { m } else { small_m };
        let mut out = UNTOUCHED;
        let status = unsafe { (api.next_send)(m, d, b, r, &mut out) };
        // sendWithRetries' checks, then: resend while retryCount_ < maxRetries, due
        // computeNewRpcRetryTime's delay with count 0 for the first send, retryCount_ - 1 after.
        let expected = if m < 0 {
            Err(NEGATIVE_RETRIES)
        } else if !backoff_passes(b) {
            Err(DECAYING)
        } else if d < 0 {
            Err(NEGATIVE_DURATION)
        } else if r < 0 {
            Err(NEGATIVE_COUNT)
        } else if r >= m {
            Err(EXHAUSTED)
        } else {
            crate::exact_pow::delay_with_correct_pow(d, b, (r - 1).max(0)).ok_or(RANGE)
        };
        match expected {
            Ok(ms) => prop_assert_eq!((status, out), (OK, ms), "next_send({}, {}, {:e}, {})", m, d, b, r),
            Err(e) => {
                prop_assert_eq!((status, out), (e, UNTOUCHED), "next_send({}, {}, {:e}, {})", m, d, b, r)
            }
        }
        Ok(())
    });
    check(cases, "rpc_retry_delay_ms", prop_oneof![3 => random, 1 => edges], |(d, b, n, null)| {
        let mut out = UNTOUCHED;
        let ptr = if null { std::ptr::null_mut() } else { &mut out as *mut i64 };
        let status = unsafe { (api.retry_delay)(d, b, n, ptr) };
        let expected = if null {
            Err(NULL_POINTER)
        } else if !backoff_passes(b) {
            Err(DECAYING)
        } else if d < 0 {
            Err(NEGATIVE_DURATION)
        } else if n < 0 {
            Err(NEGATIVE_COUNT)
        } else {
            // computeNewRpcRetryTime with the correctly rounded pow (the tests' own oracle).
            crate::exact_pow::delay_with_correct_pow(d, b, n).ok_or(RANGE)
        };
        match expected {
            Ok(ms) => prop_assert_eq!((status, out), (OK, ms), "delay({}, {:e}, {})", d, b, n),
            Err(e) => prop_assert_eq!((status, out), (e, UNTOUCHED), "delay({}, {:e}, {})", d, b, n),
        }
        Ok(())
    });
}
