//! A self-describing table of every constant, for dynamic loaders (ctypes, plugin hosts, other
//! languages' FFIs) that would rather not hard-code symbol names. The entries themselves are
//! generated from `spec/defs.rs` by build.rs.

use core::ffi::c_char;

/// Type of an rpc_constant's value: says which member of rpc_value holds it.
#[repr(C)]
#[allow(non_camel_case_types, clippy::enum_variant_names)]
pub enum rpc_type {
    /// `float`, in rpc_value.as_float.
    RPC_TYPE_FLOAT = 1,
    /// `int32_t`, in rpc_value.as_int32.
    RPC_TYPE_INT32 = 2,
    /// `int64_t`, in rpc_value.as_int64.
    RPC_TYPE_INT64 = 3,
    /// NUL-terminated string, in rpc_value.as_string.
    RPC_TYPE_STRING = 4,
    /// `int16_t`, in rpc_value.as_int16.
    RPC_TYPE_INT16 = 5,
    /// `size_t`, in rpc_value.as_size.
    RPC_TYPE_SIZE = 6,
}

/// A constant's value; rpc_constant.value_type says which member is valid.
#[repr(C)]
#[allow(non_camel_case_types)]
pub union rpc_value {
    /// The value when the type is RPC_TYPE_FLOAT.
    pub as_float: f32,
    /// The value when the type is RPC_TYPE_INT32.
    pub as_int32: i32,
    /// The value when the type is RPC_TYPE_INT64.
    pub as_int64: i64,
    /// The value when the type is RPC_TYPE_INT16.
    pub as_int16: i16,
    /// The value when the type is RPC_TYPE_SIZE.
    pub as_size: usize,
    /// The value when the type is RPC_TYPE_STRING: the library's own exported array (a program that
    /// reads the static directly may hold a copy at another address: compare contents).
    pub as_string: *const c_char,
}

/// Immutable description of one constant, from rpc_constants_at() or rpc_constants_find().
///
/// All strings are NUL-terminated and have static storage; none is NULL.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct rpc_constant {
    /// PyTorch's name: the Python name in torch.distributed.rpc.constants (for example
    /// "DEFAULT_RPC_TIMEOUT_SEC"), or the C++ name for a C++-only constant ("kSecToMsConversion").
    pub name: *const c_char,
    /// PyTorch's C++ name in torch::distributed::rpc (for example "kDefaultRpcTimeoutSeconds"),
    /// or "" for a Python-only constant.
    pub cpp_name: *const c_char,
    /// Name of the exported static (for example "rpc_default_rpc_timeout_sec").
    pub symbol: *const c_char,
    /// Which member of `value` holds the value (an rpc_type).
    pub value_type: rpc_type,
    /// Unit of the value (for example "seconds").
    pub unit: *const c_char,
    /// The value (the same as the exported static's).
    pub value: rpc_value,
    /// One-line meaning.
    pub doc: *const c_char,
}

// SAFETY: every pointer in a descriptor points to immutable static data.
unsafe impl Sync for rpc_constant {}

/// Every constant, generated from `spec/defs.rs`.
static TABLE: [rpc_constant; crate::spec::defs::DEFS.len()] = include!(concat!(env!("OUT_DIR"), "/table.rs"));

/// Number of entries in the constants table (every constant of the library).
#[no_mangle]
pub extern "C" fn rpc_constants_count() -> usize {
    TABLE.len()
}

/// The table entry at `_index`, or NULL if `_index` >= rpc_constants_count().
///
/// The entry is immutable and has static storage.
#[no_mangle]
pub extern "C" fn rpc_constants_at(index: usize) -> *const rpc_constant {
    TABLE.get(index).map_or(core::ptr::null(), |c| c as *const rpc_constant)
}

/// The entry whose PyTorch name (Python or C++) or C symbol name is `_name`, or NULL.
///
/// For example "DEFAULT_RPC_TIMEOUT_SEC", "kDefaultRpcTimeoutSeconds" and
/// "rpc_default_rpc_timeout_sec" all find the same entry. NULL, an empty or unknown name (any
/// bytes, UTF-8 or not) gives NULL. Comparison is exact and case-sensitive.
///
/// Precondition: `_name` must be NULL or point to a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn rpc_constants_find(name: *const c_char) -> *const rpc_constant {
    if name.is_null() {
        return core::ptr::null();
    }
    for entry in TABLE.iter() {
        // SAFETY: `known` is one of the table's static C strings; `name` is not NULL and is
        // NUL-terminated (precondition).
        if [entry.name, entry.cpp_name, entry.symbol]
            .into_iter()
            .any(|known| unsafe { same_c_string(known, name) })
        {
            return entry;
        }
    }
    core::ptr::null()
}

/// Compares two NUL-terminated strings; an empty `known` matches nothing. Reads `name` no further
/// than its first difference from `known`, so it never reads past `name`'s NUL.
///
/// Precondition: both point to NUL-terminated strings.
unsafe fn same_c_string(known: *const c_char, name: *const c_char) -> bool {
    // SAFETY: a NUL-terminated string has at least one readable byte.
    if unsafe { *known } == 0 {
        return false;
    }
    let mut i = 0;
    loop {
        // SAFETY: every earlier byte was equal in both and not NUL, so byte `i` is within both
        // strings (at most their NUL).
        let (a, b) = unsafe { (*known.add(i), *name.add(i)) };
        if a != b {
            return false;
        }
        if a == 0 {
            return true;
        }
        i += 1;
    }
}
