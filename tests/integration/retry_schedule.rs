//! RpcAgent's retry schedule against a transcription of PyTorch 2.15's `sendWithRetries`,
//! `retryExpiredRpcs` and `rpcRetryCallback` (rpc_agent.cpp), driven by a simulated clock and a
//! send that always fails some time after it starts. The transcription computes each send's retry
//! time before the send, as PyTorch does, keeps `retryCount_` as PyTorch does, and lets a retry
//! thread send at the earliest time in its map (at once when that time has passed). The library
//! answers one failure at a time (rpc_retry_next_send_ms); replaying its answers must give the same
//! send times and the same final message, for every options triple of a grid.

use crate::exact_pow::delay_with_correct_pow;
use crate::support::library::api;
use std::collections::BTreeMap;

const OK: i32 = 0;
const RANGE: i32 = -4;
const EXHAUSTED: i32 = -15;

#[derive(Clone, Copy, Debug)]
struct Options {
    max_retries: i32,
    duration_ms: i64,
    backoff: f32,
}

/// How a simulated RPC ended.
#[derive(Debug, PartialEq)]
enum End {
    /// A TORCH_CHECK of sendWithRetries failed: its message.
    Rejected(String),
    /// Every send failed: the start time of each, and the original future's error.
    Failed(Vec<i128>, String),
    /// A retry time PyTorch needs is undefined (duration_cast out of range): the sends until then.
    Undefined(Vec<i128>),
}

/// computeNewRpcRetryTime (rpc_agent.h): now + duration_cast<milliseconds>(rpcRetryDuration *
/// pow(retryBackoff, retryCount)), with the correctly rounded pow (the tests' own oracle); None
/// where the cast is undefined.
fn compute_new_rpc_retry_time(now: i128, options: Options, retry_count: i32) -> Option<i128> {
    delay_with_correct_pow(options.duration_ms, options.backoff, retry_count).map(|d| now + i128::from(d))
}

/// PyTorch's three functions with a clock: each send fails `latency(k)` ms after it starts.
#[allow(
    clippy::neg_cmp_op_on_partial_ord,
    reason = "PyTorch's TORCH_CHECK(retryBackoff >= 1), which NaN fails"
)]
fn pytorch(options: Options, latency: impl Fn(usize) -> i128) -> End {
    // sendWithRetries' checks.
    if options.max_retries < 0 {
        return End::Rejected("maxRetries cannot be negative.".into());
    }
    if !(options.backoff >= 1.0) {
        return End::Rejected("maxRetries cannot be exponentially decaying.".into());
    }
    if options.duration_ms < 0 {
        return End::Rejected("rpcRetryDuration cannot be negative.".into());
    }
    struct RpcRetryInfo {
        retry_count: i32,
    }
    let mut sends: Vec<i128> = Vec::new();
    let mut info = RpcRetryInfo { retry_count: 0 };
    // The first send: its retry time is computed before it is sent.
    let mut now: i128 = 0;
    let mut new_time = compute_new_rpc_retry_time(now, options, 0);
    sends.push(now);
    // The retry map: time -> the RPC (one RPC here).
    let mut rpc_retry_map: BTreeMap<i128, ()> = BTreeMap::new();
    loop {
        // The send fails: rpcRetryCallback runs when its error arrives.
        now += latency(sends.len() - 1);
        if info.retry_count < options.max_retries {
            // rpcRetryMap_[newTime].emplace(...): the time PyTorch computed must exist.
            let Some(time) = new_time else { return End::Undefined(sends) };
            rpc_retry_map.insert(time, ());
        } else {
            let message = format!(
                "The RPC has not succeeded after the specified number of max retries ({}).",
                options.max_retries
            );
            return End::Failed(sends, message);
        }
        // retryExpiredRpcs: wakes at the earliest time (at once if it has passed) and resends.
        let (&time, _) = rpc_retry_map.iter().next().unwrap();
        rpc_retry_map.remove(&time);
        now = now.max(time);
        sends.push(now);
        new_time = compute_new_rpc_retry_time(now, options, info.retry_count);
        info.retry_count += 1;
    }
}

/// The same RPC driven by the library's answers.
fn library(options: Options, latency: impl Fn(usize) -> i128) -> End {
    let api = api();
    let mut sends = vec![0i128];
    for retry_count in 0.. {
        let start = *sends.last().unwrap();
        let failed_at = start + latency(sends.len() - 1);
        let mut ms = i64::MIN;
        let status = unsafe {
            (api.next_send)(options.max_retries, options.duration_ms, options.backoff, retry_count, &mut ms)
        };
        let words = |status: i32, value: i64| {
            let mut buf = [0 as std::ffi::c_char; 256];
            let n = unsafe {
                (api.format_pytorch)(buf.as_mut_ptr(), buf.len(), status, value, std::ptr::null(), 0)
            };
            assert!(n > 0, "no PyTorch message for {status}");
            unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_string()
        };
        match status {
            OK => sends.push((start + i128::from(ms)).max(failed_at)),
            EXHAUSTED => return End::Failed(sends, words(EXHAUSTED, i64::from(options.max_retries))),
            RANGE => return End::Undefined(sends),
            other if retry_count == 0 => return End::Rejected(words(other, 0)),
            other => panic!("{options:?}: status {other} after {retry_count} retries"),
        }
    }
    unreachable!()
}

#[test]
fn the_retry_schedule_is_pytorchs_on_a_grid_of_options() {
    let max_retries = [0, 1, 2, 5, 30, 70, -1, i32::MIN];
    let durations = [0, 1, 999, 1000, 60_000, 1 << 40, i64::MAX, -1, i64::MIN];
    let backoffs = [1.0f32, 1.5, 2.0, 3.7, 1e10, f32::INFINITY, f32::MAX, 0.999_999_94, 0.0, -0.0, f32::NAN];
    // Fast failures (the retry time is still ahead: the send waits for it), slow ones (it has
    // passed: the resend goes at once), and both alternating.
    let latencies: [fn(usize) -> i128; 4] =
        [|_| 0, |_| 7, |_| 1 << 50, |k| if k % 2 == 0 { 3 } else { 5000 }];
    let mut compared = 0;
    let mut sends = 0;
    for &m in &max_retries {
        for &d in &durations {
            for &b in &backoffs {
                for latency in latencies {
                    let options = Options { max_retries: m, duration_ms: d, backoff: b };
                    let theirs = pytorch(options, latency);
                    let ours = library(options, latency);
                    // PyTorch also computes the last send's retry time, which it never uses; where
                    // that is undefined the library answers "exhausted" (docs/agent-contract.md).
                    assert_eq!(ours, theirs, "{options:?}");
                    if let End::Failed(s, _) | End::Undefined(s) = &theirs {
                        sends += s.len();
                    }
                    compared += 1;
                }
            }
        }
    }
    println!("retry schedule: {compared} RPCs, {sends} sends compared with PyTorch's transcription");
    assert_eq!(compared, 8 * 9 * 11 * 4);
}

/// The defaults' schedule, written out: 6 sends, each resend due 1000, 1000, 1500, 2250, 3375 ms
/// after the start of the send before it.
#[test]
fn the_default_schedule_is_the_documented_sequence() {
    let defaults = Options { max_retries: 5, duration_ms: 1000, backoff: 1.5 };
    let want = vec![0, 1000, 2000, 3500, 5750, 9125];
    let message = "The RPC has not succeeded after the specified number of max retries (5).".to_string();
    assert_eq!(library(defaults, |_| 10), End::Failed(want.clone(), message.clone()));
    assert_eq!(pytorch(defaults, |_| 10), End::Failed(want, message));
}
