//! The data model of a stack's state, exactly as it is stored (schema
//! version [`SCHEMA_VERSION`], documented in `docs/state.md`).
//!
//! Every map is ordered (`BTreeMap` for names, and the free-form JSON values
//! are written with their keys sorted by `codec`), so the same state always
//! serializes to the same bytes. A hidden parameter's value is never stored:
//! only a hash salted with the lineage, enough to tell that it changed.

use std::collections::BTreeMap;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::codec;

/// The schema version this hotc reads and writes. Any change to the stored
/// form (a field added, renamed or reinterpreted) bumps it, so an older hotc
/// refuses the file instead of silently dropping what it does not know.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything hotc recorded about one stack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackState {
    /// The schema version of the file (see [`SCHEMA_VERSION`]).
    pub version: u32,
    /// A random id (32 hex digits) fixed when the stack's state is first
    /// created: a write refuses a state of another lineage, so two unrelated
    /// histories of a stack of the same name never overwrite each other.
    pub lineage: String,
    /// Incremented by every write; a write refuses a state whose serial is
    /// not the one on disk (it was read before someone else wrote).
    pub serial: u64,
    /// The stack name (also the file name).
    pub stack: String,
    /// `sha256:<hex>` of the template text last applied ([`template_hash`]).
    pub template_hash: Option<String>,
    pub parameters: BTreeMap<String, ParamRecord>,
    pub outputs: BTreeMap<String, serde_json::Value>,
    pub resources: BTreeMap<String, ResourceState>,
}

impl StackState {
    /// An empty state for a stack that has never been written, with a fresh
    /// lineage and serial 0 (the first write makes it 1).
    pub fn new(stack: &str) -> Self {
        Self {
            version: SCHEMA_VERSION,
            lineage: new_lineage(),
            serial: 0,
            stack: stack.to_owned(),
            template_hash: None,
            parameters: BTreeMap::new(),
            outputs: BTreeMap::new(),
            resources: BTreeMap::new(),
        }
    }

    /// The state as the JSON text `LocalBackend` writes: pretty, struct
    /// fields in declaration order, every map's keys sorted, and a trailing
    /// newline. The same state always gives the same bytes.
    pub fn to_json(&self) -> String {
        codec::encode(self)
    }

    /// The record of a parameter as it should be stored: hidden values as a
    /// hash salted with this state's lineage, others in clear.
    pub fn param_record(&self, hidden: bool, value: &serde_json::Value) -> ParamRecord {
        if hidden {
            ParamRecord::hidden(&self.lineage, value)
        } else {
            ParamRecord::clear(value.clone())
        }
    }
}

/// A parameter value as it was last applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamRecord {
    /// Declared `hidden: true`: the value is never stored in clear text.
    pub hidden: bool,
    /// The value; `None` when hidden.
    pub value: Option<serde_json::Value>,
    /// `sha256:<hex>` of the lineage and the value, set when hidden so that a
    /// change of value is detectable without storing it. It only hides the
    /// value from a casual reader: a guessable value can be found by trying
    /// candidates, so the file must still be kept private.
    pub sha256: Option<String>,
}

impl ParamRecord {
    /// A parameter stored in clear text.
    pub fn clear(v: serde_json::Value) -> Self {
        Self {
            hidden: false,
            value: Some(v),
            sha256: None,
        }
    }

    /// A hidden parameter: only its salted hash is kept.
    pub fn hidden(lineage: &str, v: &serde_json::Value) -> Self {
        Self {
            hidden: true,
            value: None,
            sha256: Some(salted_hash(lineage, v)),
        }
    }

    /// Whether `v` is the value recorded (for a hidden one, whether it hashes
    /// to the recorded hash). Object key order does not matter.
    pub fn matches(&self, lineage: &str, v: &serde_json::Value) -> bool {
        if self.hidden {
            self.sha256
                .as_deref()
                .is_some_and(|h| h == salted_hash(lineage, v))
        } else {
            // serde_json's maps compare without regard to key order.
            self.value.as_ref() == Some(v)
        }
    }
}

/// One resource as it was last applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceState {
    /// The resource type, e.g. `OS::Nova::Server`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The provider that manages it: "local", "docker", "heat", "openstack".
    pub provider: String,
    /// The provider's id for it, once it exists.
    pub physical_id: Option<String>,
    /// The resolved properties last applied.
    pub properties: serde_json::Map<String, serde_json::Value>,
    /// The attributes read back after apply.
    pub attributes: serde_json::Map<String, serde_json::Value>,
    pub status: ResourceStatus,
    /// The resources it depended on when it was created: the destroy order
    /// for resources no longer in the template. Names may be of resources
    /// since forgotten (`hotc state rm`); those are ignored.
    pub depends_on: Vec<String>,
    /// The resolved `metadata` last applied, when the resource has any
    /// (Heat updates a resource in place when only its metadata changes).
    /// Absent in files written before it was recorded, and then read as
    /// none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
}

impl ResourceState {
    /// A resource just created by `provider` with id `physical_id`, with no
    /// properties or attributes recorded yet.
    pub fn created(
        type_name: &str,
        provider: &str,
        physical_id: &str,
        depends_on: Vec<String>,
    ) -> Self {
        ResourceState {
            type_name: type_name.to_owned(),
            provider: provider.to_owned(),
            physical_id: Some(physical_id.to_owned()),
            properties: serde_json::Map::new(),
            attributes: serde_json::Map::new(),
            status: ResourceStatus::CreateComplete,
            depends_on,
            metadata: None,
        }
    }
}

/// Where a resource stands, in Heat's `ACTION_STATUS` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResourceStatus {
    CreateComplete,
    CreateFailed,
    UpdateComplete,
    UpdateFailed,
    DeleteFailed,
}

impl ResourceStatus {
    /// The name as stored and as Heat spells it, e.g. `CREATE_COMPLETE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CreateComplete => "CREATE_COMPLETE",
            Self::CreateFailed => "CREATE_FAILED",
            Self::UpdateComplete => "UPDATE_COMPLETE",
            Self::UpdateFailed => "UPDATE_FAILED",
            Self::DeleteFailed => "DELETE_FAILED",
        }
    }
}

impl fmt::Display for ResourceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `sha256:<hex>` of a template's text, the form of
/// [`StackState::template_hash`].
pub fn template_hash(text: &str) -> String {
    format!("sha256:{}", hex(&Sha256::digest(text.as_bytes())))
}

/// The hash of a hidden value: the lineage, a NUL, then the value as compact
/// JSON with sorted keys (so that key order does not change it).
fn salted_hash(lineage: &str, v: &serde_json::Value) -> String {
    let mut hasher = Sha256::new();
    hasher.update(lineage.as_bytes());
    hasher.update([0]);
    hasher.update(codec::canonical_compact(v).as_bytes());
    format!("sha256:{}", hex(&hasher.finalize()))
}

/// A fresh lineage id: 32 hex digits.
///
/// It only has to be unique, not secret, so it is a hash of the time, the
/// process id, a per-process counter and std's randomly seeded hasher state
/// (which draws from the OS's random source), rather than another crate.
fn new_lineage() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let seed = RandomState::new().hash_one((nanos, count));
    let mut hasher = Sha256::new();
    hasher.update(nanos.to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(count.to_le_bytes());
    hasher.update(seed.to_le_bytes());
    let digest = hasher.finalize();
    hex(digest.get(..16).unwrap_or(&digest))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing into a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}
