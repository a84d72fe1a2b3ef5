//! hotc's runtime: the executor, stack state and providers.
//!
//! Only the stack state exists so far (`state`): what hotc recorded about a
//! stack the last time it was applied, stored in a local directory with
//! atomic writes and a lock per stack. Planning, apply and providers arrive
//! with later issues. Unlike grammar/ and compiler/, this crate does I/O: it
//! owns the state files.
#![deny(clippy::unwrap_used, clippy::indexing_slicing)]

pub mod plan;
pub mod state;
