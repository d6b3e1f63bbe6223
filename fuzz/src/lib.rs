//! The analyzer core (src/core of the main crate), compiled on its own for
//! fuzzing: it is pure Rust with no UI dependency, so the fuzz targets call
//! exactly the code the page and the CLI run.

#[path = "../../src/core/mod.rs"]
pub mod core;
