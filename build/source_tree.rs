//! The one place the build writes into the source tree: the committed headers in include/ and
//! docs/api.md, kept current so that a contributor's commit carries what the build generates.

use std::path::Path;
use std::{env, fs};

/// Rewrites `path` (relative to the crate) when it differs from `text`, without ever failing the build because
/// of it: the source tree may be read-only (docs.rs, a packaged crate being verified, a distro
/// build root). The copy in OUT_DIR is the build's own either way.
pub fn update_committed(manifest_dir: &Path, path: &str, text: &[u8]) {
    let path = manifest_dir.join(path);
    if fs::read(&path).ok().as_deref() == Some(text) {
        return; // unchanged: touching it would trip cargo package's "source modified" check
    }
    if env::var_os("DOCS_RS").is_some() {
        return;
    }
    let result = fs::create_dir_all(path.parent().unwrap()).and_then(|()| fs::write(&path, text));
    if let Err(e) = result {
        println!(
            "cargo:warning={} is out of date and could not be rewritten ({e}); the current one \
             is in OUT_DIR",
            path.display()
        );
    }
}
