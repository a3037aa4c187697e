//! Windows DLL data imports (issue 17). A program that reads an exported static from a DLL must
//! declare it `__declspec(dllimport)` under MSVC (mingw-w64 can do without, through its
//! auto-import), and must not when it links the static archive. The header therefore marks every
//! data declaration with RPC_CONSTANTS_DATA: dllimport on Windows unless RPC_CONSTANTS_STATIC is
//! defined, nothing elsewhere. Functions need no mark (the import library's thunks serve both).

const DEFINITION: &str = "\
#if defined(_WIN32) && !defined(RPC_CONSTANTS_STATIC)
/**
 * Marks the exported statics: __declspec(dllimport) on Windows, which a program that reads them
 * from rpc_constants.dll needs (MSVC requires it). A program that links the static library
 * (librpc_constants.a) defines RPC_CONSTANTS_STATIC before including this header instead.
 */
#define RPC_CONSTANTS_DATA __declspec(dllimport)
#else
/**
 * Marks the exported statics: empty here (on Windows it imports them from the DLL).
 */
#define RPC_CONSTANTS_DATA
#endif

";

/// Defines RPC_CONSTANTS_DATA before the header's `extern "C"` block and puts it in front of
/// every `extern const` declaration.
pub fn mark_data(header: &str) -> String {
    let open = "#ifdef __cplusplus\nextern \"C\" {\n";
    let at = header.find(open).expect("the header has no extern \"C\" block");
    let marked = header[at..].replace("\nextern const ", "\nRPC_CONSTANTS_DATA extern const ");
    assert!(marked != header[at..], "the header declares no extern const data");
    format!("{}{DEFINITION}{marked}", &header[..at])
}
