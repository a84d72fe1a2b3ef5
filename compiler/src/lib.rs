//! hotc's compiler: from a syntax tree to checked templates and diagnostics.
//!
//! This crate does no I/O and has no async runtime: sources come in through
//! the `SourceLoader` trait, which the CLI implements over the disk and tests
//! implement in memory.
#![warn(clippy::disallowed_methods, reason = "compiler/ does no I/O")]
#![deny(clippy::unwrap_used, clippy::indexing_slicing)]

pub mod diagnostics;
