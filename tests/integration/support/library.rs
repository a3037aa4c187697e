//! The release library as a program sees it when it loads it (libloading): every function that
//! takes input, the constants table read through its descriptor, and the status codes by code and
//! by name as the header defines them.

use super::artifacts;
use libloading::Library;
use std::ffi::{c_char, CStr};
use std::sync::OnceLock;

#[repr(C)]
pub struct Constant {
    pub name: *const c_char,
    pub cpp_name: *const c_char,
    pub symbol: *const c_char,
    pub value_type: i32,
    pub unit: *const c_char,
    pub value: u64,
    pub doc: *const c_char,
}

pub struct Api {
    pub agent: unsafe extern "C" fn(f32, *mut i64) -> i32,
    pub resolve: unsafe extern "C" fn(f32, i64, *mut i64) -> i32,
    pub set: unsafe extern "C" fn(f32, *mut i64) -> i32,
    pub never_expires: unsafe extern "C" fn(i64) -> bool,
    pub ms_to_sec: unsafe extern "C" fn(i64) -> f32,
    pub validate_threads: unsafe extern "C" fn(i32) -> i32,
    pub format: unsafe extern "C" fn(*mut c_char, usize, i64, i32) -> i32,
    pub status_str: unsafe extern "C" fn(i32) -> *const c_char,
    pub count: unsafe extern "C" fn() -> usize,
    pub at: unsafe extern "C" fn(usize) -> *const Constant,
    pub find: unsafe extern "C" fn(*const c_char) -> *const Constant,
    pub check_version: unsafe extern "C" fn(*const c_char) -> i32,
    pub version: unsafe extern "C" fn() -> *const c_char,
    pub worker_name: unsafe extern "C" fn(*const c_char, usize) -> i32,
    pub worker_id: unsafe extern "C" fn(i64, *mut i16) -> i32,
    pub format_error: unsafe extern "C" fn(*mut c_char, usize, i32, *const c_char, usize) -> i32,
    pub classify_error: unsafe extern "C" fn(*const c_char, usize, *mut i32) -> i32,
    pub validate_retry: unsafe extern "C" fn(i32, i64, f32) -> i32,
    pub retry_delay: unsafe extern "C" fn(i64, f32, i32, *mut i64) -> i32,
    pub expires_at_once: unsafe extern "C" fn(i64) -> bool,
    pub next_send: unsafe extern "C" fn(i32, i64, f32, i32, *mut i64) -> i32,
    pub all_gather: unsafe extern "C" fn(f64, i64, *mut i64, *mut f64) -> i32,
    pub format_pytorch: unsafe extern "C" fn(*mut c_char, usize, i32, i64, *const c_char, usize) -> i32,
}

pub fn api() -> &'static Api {
    static API: OnceLock<(Library, Api)> = OnceLock::new();
    &API.get_or_init(|| unsafe {
        let lib = Library::new(&artifacts().so).expect("cannot load the release library");
        macro_rules! f {
            ($name:literal) => {
                *lib.get($name).expect($name)
            };
        }
        let api = Api {
            agent: f!("rpc_agent_timeout_ms"),
            resolve: f!("rpc_resolve_timeout_ms"),
            set: f!("rpc_set_rpc_timeout_ms"),
            never_expires: f!("rpc_timeout_never_expires"),
            ms_to_sec: f!("rpc_timeout_ms_to_sec"),
            validate_threads: f!("rpc_validate_num_worker_threads"),
            format: f!("rpc_format_timeout_error"),
            status_str: f!("rpc_status_str"),
            count: f!("rpc_constants_count"),
            at: f!("rpc_constants_at"),
            find: f!("rpc_constants_find"),
            check_version: f!("rpc_constants_check_version"),
            version: f!("rpc_constants_version"),
            worker_name: f!("rpc_validate_worker_name"),
            worker_id: f!("rpc_validate_worker_id"),
            format_error: f!("rpc_format_rpc_error"),
            classify_error: f!("rpc_classify_rpc_error"),
            validate_retry: f!("rpc_validate_retry_options"),
            retry_delay: f!("rpc_retry_delay_ms"),
            expires_at_once: f!("rpc_timeout_expires_at_once"),
            next_send: f!("rpc_retry_next_send_ms"),
            all_gather: f!("rpc_all_gather_timeouts"),
            format_pytorch: f!("rpc_format_pytorch_error"),
        };
        (lib, api)
    })
    .1
}

/// A table entry's value, as read through the descriptor.
pub enum TableValue {
    Float(f32),
    Int(i64),
    Str(String),
}

/// (name, value, unit) of every entry of the release library's table, in order.
pub fn table_entries() -> Vec<(String, TableValue, String)> {
    let api = api();
    let text = |p: *const c_char| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    (0..unsafe { (api.count)() })
        .map(|i| {
            let c = unsafe { &*(api.at)(i) };
            let bits = c.value;
            let value = match c.value_type {
                1 => TableValue::Float(f32::from_bits(bits as u32)),
                2 => TableValue::Int(i64::from(bits as u32 as i32)),
                3 => TableValue::Int(bits as i64),
                4 => TableValue::Str(text(bits as usize as *const c_char)),
                5 => TableValue::Int(i64::from(bits as u16 as i16)),
                6 => TableValue::Int(bits as usize as i64),
                t => panic!("unknown value type {t}"),
            };
            (text(c.name), value, text(c.unit))
        })
        .collect()
}

/// Every status, by code and by name, as the header defines them.
pub const STATUSES: [(i32, &str); 17] = [
    (0, "RPC_OK"),
    (-1, "RPC_ERR_NULL_POINTER"),
    (-2, "RPC_ERR_NEGATIVE_TIMEOUT"),
    (-3, "RPC_ERR_NOT_A_NUMBER"),
    (-4, "RPC_ERR_OUT_OF_RANGE"),
    (-5, "RPC_ERR_INVALID_THREAD_COUNT"),
    (-6, "RPC_ERR_VERSION_MISMATCH"),
    (-7, "RPC_ERR_INVALID_WORKER_NAME"),
    (-8, "RPC_ERR_WORKER_ID_OUT_OF_RANGE"),
    (-9, "RPC_ERR_UNPARSABLE_ERROR_TYPE"),
    (-10, "RPC_ERR_NEGATIVE_MAX_RETRIES"),
    (-11, "RPC_ERR_DECAYING_BACKOFF"),
    (-12, "RPC_ERR_NEGATIVE_RETRY_DURATION"),
    (-13, "RPC_ERR_NEGATIVE_RETRY_COUNT"),
    (-14, "RPC_ERR_MESSAGE_TOO_LONG"),
    (-15, "RPC_ERR_RETRIES_EXHAUSTED"),
    (-16, "RPC_ERR_NO_PYTORCH_MESSAGE"),
];

pub fn status_code(name: &str) -> i32 {
    let found = STATUSES.iter().find(|(_, n)| *n == name);
    found.unwrap_or_else(|| panic!("the README names an unknown status {name}")).0
}

pub fn name_of(status: i32) -> &'static str {
    STATUSES.iter().find(|(c, _)| *c == status).map_or("not a status", |(_, n)| n)
}
