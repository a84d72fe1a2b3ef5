//! An insertion-ordered map with Python's key semantics, for the maps the
//! DSL builds (so `{1 = a, 1.0 = b, true = c}` is one key, as the same
//! mapping in YAML is in Heat's loader).
//!
//! Equal keys follow Python: numbers compare by value across types (`1`,
//! `1.0` and `true` are one key), `null` equals only `null`, strings only
//! strings, and every NaN is one key (PyYAML's `.nan` is a single shared
//! object). A repeated key keeps its first position and first key and
//! takes the last value, as a dict does. Lists and maps cannot be keys.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::span::Span;
use crate::value::{Value, ValueKind};

/// The form equal keys share, borrowed from the key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Canon<'a> {
    Null,
    /// A bool, an int, or a float with an integral value in range.
    Int(i128),
    /// A float that equals no integer, by its bits.
    Float(u64),
    Nan,
    Str(&'a str),
}

/// `2**127` as a float: integral floats smaller in magnitude fit an i128.
const I128_LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;

fn canon(key: &Value) -> Option<Canon<'_>> {
    Some(match &key.kind {
        ValueKind::Null => Canon::Null,
        ValueKind::Bool(b) => Canon::Int(i128::from(*b)),
        ValueKind::Int(n) => Canon::Int(*n),
        ValueKind::Float(f) if f.is_nan() => Canon::Nan,
        // The cast is exact: the value is integral and within range.
        ValueKind::Float(f) if f.fract() == 0.0 && f.abs() < I128_LIMIT => Canon::Int(*f as i128),
        ValueKind::Float(f) => Canon::Float(f.to_bits()),
        ValueKind::Str(s) => Canon::Str(s),
        ValueKind::Seq(_) | ValueKind::Map(_) => return None,
    })
}

/// The hash of a key's canonical form.
fn hash_of(c: &Canon<'_>) -> u64 {
    let mut hasher = DefaultHasher::new();
    c.hash(&mut hasher);
    hasher.finish()
}

/// Up to this many pairs, keys are found by a linear scan: most maps are
/// small, and hashing every key would cost more than it saves.
const LINEAR_LIMIT: usize = 8;

/// What [`Dict::insert`] did.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Inserted {
    New,
    /// The key was there: its value is replaced. `first` is the span of
    /// the key kept.
    Replaced {
        first: Span,
    },
    /// A list or map as a key: the pair is dropped.
    Unhashable,
}

/// The map being built.
#[derive(Debug, Default)]
pub(super) struct Dict {
    pairs: Vec<(Value, Value)>,
    /// Once the map outgrows `LINEAR_LIMIT`: the positions of the pairs
    /// by the hash of their key.
    index: HashMap<u64, Vec<usize>>,
}

impl Dict {
    pub(super) fn new() -> Self {
        Dict::default()
    }

    /// The position of the pair whose key equals `c`.
    fn find(&self, c: &Canon<'_>, hash: Option<u64>) -> Option<usize> {
        let equal = |at: &usize| {
            self.pairs
                .get(*at)
                .and_then(|(k, _)| canon(k))
                .is_some_and(|k| &k == c)
        };
        match hash {
            None => (0..self.pairs.len()).find(|at| equal(at)),
            Some(h) => self.index.get(&h)?.iter().copied().find(|at| equal(at)),
        }
    }

    /// The hash to look `c` up by, once the map is indexed.
    fn hash_for(&self, c: &Canon<'_>) -> Option<u64> {
        (self.pairs.len() > LINEAR_LIMIT).then(|| hash_of(c))
    }

    /// `dict[key] = value`.
    pub(super) fn insert(&mut self, key: Value, value: Value) -> Inserted {
        let Some(c) = canon(&key) else {
            return Inserted::Unhashable;
        };
        let hash = self.hash_for(&c);
        if let Some(at) = self.find(&c, hash)
            && let Some(pair) = self.pairs.get_mut(at)
        {
            pair.1 = value;
            return Inserted::Replaced { first: pair.0.span };
        }
        if self.pairs.len() == LINEAR_LIMIT {
            // Crossing the limit: index every pair so far.
            for (at, (k, _)) in self.pairs.iter().enumerate() {
                if let Some(kc) = canon(k) {
                    self.index.entry(hash_of(&kc)).or_default().push(at);
                }
            }
        }
        if self.pairs.len() >= LINEAR_LIMIT {
            let h = hash.unwrap_or_else(|| hash_of(&c));
            self.index.entry(h).or_default().push(self.pairs.len());
        }
        self.pairs.push((key, value));
        Inserted::New
    }

    /// The value under string key `key`.
    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let c = Canon::Str(key);
        let at = self.find(&c, self.hash_for(&c))?;
        self.pairs.get_mut(at).map(|(_, v)| v)
    }

    /// The span of string key `key`, when present.
    pub(super) fn key_span(&self, key: &str) -> Option<Span> {
        let c = Canon::Str(key);
        let at = self.find(&c, self.hash_for(&c))?;
        self.pairs.get(at).map(|(k, _)| k.span)
    }

    pub(super) fn into_pairs(self) -> Vec<(Value, Value)> {
        self.pairs
    }
}
