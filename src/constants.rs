//! The exported read-only statics, one per constant, generated from `spec/defs.rs`.
//!
//! They have a module (and so an object file in the static archive) of their own: a program that
//! links the archive and reads one constant pulls in these few bytes, not the whole library.

include!(concat!(env!("OUT_DIR"), "/statics.rs"));
