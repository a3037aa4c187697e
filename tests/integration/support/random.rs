//! Random inputs: the runner every property test uses (a quick sample, or 100,000 cases in the
//! full tier; PROPTEST_CASES overrides both) and the generic strategies, with the edges the
//! library's rules turn on made likely.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

pub fn cases_or(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Cases per function: the quick tier runs a sample, the full tier (ignored, run by CI) 100,000;
/// PROPTEST_CASES overrides both.
pub const QUICK_CASES: u32 = 2_000;

pub const FULL_CASES: u32 = 100_000;

/// Runs `property` on `cases` inputs; never writes regression files into the source tree.
pub fn check<S: Strategy>(
    cases: u32,
    name: &str,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, property) {
        panic!("{name}: {e}");
    }
    println!("{name}: {cases} cases passed");
}

/// Every float bit pattern is possible, with the edges PyTorch's rules turn on made likely.
pub fn floats() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => any::<u32>().prop_map(f32::from_bits),
        2 => -1e7f32..1e7f32,
        1 => prop::sample::select(vec![
            0.0, -0.0, -1.0, f32::from_bits((-1.0f32).to_bits() - 1), f32::from_bits((-1.0f32).to_bits() + 1),
            f32::NAN, -f32::NAN, f32::INFINITY, f32::NEG_INFINITY, f32::MIN_POSITIVE, f32::from_bits(1),
            -f32::from_bits(1), f32::MAX, f32::MIN, 0.0004, 0.001, 2147483.5, 2147483.5 + 0.25, -(2147483.5 + 0.25), -2147484.0, 9.2e15, 9.3e15,
            // 0x1.0624dep+53, whose product with 1000 rounds to 2^63 exactly, and the float below.
            9223372474941440.0, 9223371401199616.0,
            // 1024.04296875, whose product with 1000 is a tie between two floats (to even: up).
            1024.043,
        ]),
    ]
}

pub fn int64s() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => any::<i64>(),
        2 => -100_000i64..100_000,
        1 => prop::sample::select(vec![i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX, i64::from(i32::MAX), 10_000_000, 16_777_219]),
    ]
}
