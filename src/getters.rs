//! The exported getters, one per constant, generated from `spec/defs.rs`: for FFIs that cannot read
//! data symbols.

include!(concat!(env!("OUT_DIR"), "/getters.rs"));
