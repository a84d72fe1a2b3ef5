//! Stack state: what hotc knows about a stack it has applied.
//!
//! A stack's state records, per resource, its type, provider, physical id, the
//! resolved properties last applied, the attributes read back and its status;
//! and for the stack its parameters (hidden ones only as a salted hash), its
//! outputs, the hash of the template last applied, a serial number bumped by
//! every write and a lineage id fixed when the state is first created.
//!
//! The one backend is [`LocalBackend`], a directory of JSON files (one per
//! stack, schema in `docs/state.md`). It guarantees:
//! - a write is atomic (temporary file, fsync, rename, fsync of the
//!   directory) and keeps the previous version as `<stack>.json.backup`;
//! - a write happens only under the stack's lock ([`StackLock`], an OS file
//!   lock held for the whole of a plan-and-apply);
//! - a file that is corrupt or of a newer schema is refused, never
//!   overwritten.
//!
//! Errors are typed data ([`StateError`]); their messages are written in one
//! place, `error.rs`.

mod codec;
mod error;
mod local;
mod lock;
mod model;
mod time;

pub use error::StateError;
pub use local::LocalBackend;
pub use lock::{LockInfo, StackLock, Unlocked};
pub use model::{
    ParamRecord, ResourceState, ResourceStatus, SCHEMA_VERSION, StackState, template_hash,
};

#[cfg(test)]
mod tests;
