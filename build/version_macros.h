// The version macros that open rpc_constants.h. build/c_macros.rs copies this file without these
// leading // lines and puts the crate's version (from Cargo.toml) where @VERSION@, @MAJOR@,
// @MINOR@ and @PATCH@ stand.
/**
 * Version of this header, as "MAJOR.MINOR.PATCH" (from the crate's Cargo.toml).
 * Compare it with rpc_constants_version() to detect a header/library mismatch.
 */
#define RPC_CONSTANTS_VERSION "@VERSION@"

/**
 * Major version number of this header (@MAJOR@).
 */
#define RPC_CONSTANTS_VERSION_MAJOR @MAJOR@

/**
 * Minor version number of this header (@MINOR@).
 */
#define RPC_CONSTANTS_VERSION_MINOR @MINOR@

/**
 * Patch version number of this header (@PATCH@).
 */
#define RPC_CONSTANTS_VERSION_PATCH @PATCH@

/**
 * Checks the loaded library against this header; evaluates to an rpc_status.
 *
 * RPC_OK when the library can serve a program compiled with this header, else
 * RPC_ERR_VERSION_MISMATCH; see rpc_constants_check_version(). On a mismatch, report
 * RPC_CONSTANTS_VERSION (the header's) and rpc_constants_version() (the library's).
 */
#define RPC_CONSTANTS_CHECK_VERSION() rpc_constants_check_version(RPC_CONSTANTS_VERSION)
