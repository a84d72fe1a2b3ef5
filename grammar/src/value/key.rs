//! Python dict-key semantics for values: which keys are hashable, which are
//! equal, and an insertion-ordered map that collapses equal keys the way a
//! dict does (first key and position kept, last value wins). Both front ends
//! build their mappings with it: the YAML/JSON value builder and the `.heat`
//! lowering, so `{1 = a, 1.0 = b, true = c}` is one key in `.heat` exactly
//! as the same mapping is in Heat's loader.
//!
//! Equality follows Python: numbers compare by exact mathematical value
//! across types, so `1`, `1.0` and `true` are one key, and `0`, `0.0`,
//! `-0.0` and `false` another; `null` equals only `null`; strings equal only
//! strings. NaN keys are all treated as one key: PyYAML's `.nan` and
//! json's `NaN` are each a single shared float object, which a dict finds by
//! identity (only a `!!float nan` spelled without the dot would make a fresh,
//! unequal NaN in Python). Lists and mappings are unhashable.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::{Value, ValueKind};
use crate::span::Span;

/// The canonical form equal keys share, borrowed from the key.
#[derive(Hash)]
enum Canon<'a> {
    Null,
    /// Any number (bool, int, or float with an integral value in range).
    Int(i128),
    /// A float that equals no integer, by its bits (so -0.0 never lands
    /// here: it is integral).
    Float(u64),
    Nan,
    Str(&'a str),
}

/// `i128::MAX + 1` as a float: integral floats below it in magnitude
/// convert to i128 exactly.
const I128_LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;

fn canon(key: &Value) -> Option<Canon<'_>> {
    Some(match &key.kind {
        ValueKind::Null => Canon::Null,
        ValueKind::Bool(b) => Canon::Int(i128::from(*b)),
        ValueKind::Int(n) => Canon::Int(*n),
        ValueKind::Float(f) => {
            if f.is_nan() {
                Canon::Nan
            } else if f.fract() == 0.0 && f.abs() < I128_LIMIT {
                // Exact: the value is integral and within range.
                Canon::Int(*f as i128)
            } else {
                Canon::Float(f.to_bits())
            }
        }
        ValueKind::Str(s) => Canon::Str(s),
        ValueKind::Seq(_) | ValueKind::Map(_) => return None,
    })
}

impl PartialEq for Canon<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Canon::Null, Canon::Null) | (Canon::Nan, Canon::Nan) => true,
            (Canon::Int(a), Canon::Int(b)) => a == b,
            (Canon::Float(a), Canon::Float(b)) => a == b,
            (Canon::Str(a), Canon::Str(b)) => a == b,
            _ => false,
        }
    }
}

fn hash_of(canon: &Canon<'_>) -> u64 {
    let mut hasher = DefaultHasher::new();
    canon.hash(&mut hasher);
    hasher.finish()
}

/// What [`DictBuilder::insert`] did with a pair.
pub(crate) enum Inserted {
    /// A new key, appended.
    New,
    /// An existing key: its value was replaced and the new key, handed
    /// back, dropped (a dict keeps its first key object). `first` is the
    /// span of the key kept; `first_marked` the span of the earliest equal
    /// key inserted with `mark`, if any was.
    Replaced {
        key: Value,
        first: Span,
        first_marked: Option<Span>,
    },
    /// The key is a list or mapping; the pair was dropped.
    Unhashable,
}

/// Up to this many pairs, keys are found by a linear scan: most template
/// mappings are small, and hashing every key would cost more than it saves.
const LINEAR_LIMIT: usize = 8;

/// An insertion-ordered dict of values with Python key semantics.
#[derive(Debug, Default)]
pub(crate) struct DictBuilder {
    pairs: Vec<(Value, Value)>,
    /// For each pair, the span of the first equal key inserted with `mark`.
    marked: Vec<Option<Span>>,
    /// Once the dict outgrows `LINEAR_LIMIT`: the hash of a key to the
    /// first pair with that hash...
    by_hash: HashMap<u64, usize>,
    /// ...and from each pair to the next pair with the same hash (empty
    /// until the index exists).
    next_same_hash: Vec<Option<usize>>,
}

impl DictBuilder {
    /// `dict[key] = value`. `mark` flags keys the caller wants to tell apart
    /// later (a mapping's own keys, as opposed to merged ones).
    pub(crate) fn insert(&mut self, key: Value, value: Value, mark: bool) -> Inserted {
        let Some(canon_key) = canon(&key) else {
            return Inserted::Unhashable;
        };
        let (found, hash) = if self.by_hash.is_empty() && self.pairs.len() < LINEAR_LIMIT {
            (self.scan(&canon_key), None)
        } else {
            if self.by_hash.is_empty() {
                self.index_all();
            }
            let hash = hash_of(&canon_key);
            (self.lookup(hash, &canon_key), Some(hash))
        };
        if let Some(i) = found {
            let mut first = key.span;
            if let Some(pair) = self.pairs.get_mut(i) {
                pair.1 = value;
                first = pair.0.span;
            }
            let slot = self.marked.get_mut(i);
            let first_marked = slot.as_ref().and_then(|m| **m);
            if let Some(m) = slot
                && m.is_none()
                && mark
            {
                *m = Some(key.span);
            }
            return Inserted::Replaced {
                key,
                first,
                first_marked,
            };
        }
        let index = self.pairs.len();
        self.marked.push(mark.then_some(key.span));
        self.pairs.push((key, value));
        if let Some(hash) = hash {
            self.next_same_hash.push(None);
            self.link(hash, index);
        }
        Inserted::New
    }

    /// The pair whose key equals `canon_key`, by a linear scan.
    fn scan(&self, canon_key: &Canon<'_>) -> Option<usize> {
        self.pairs
            .iter()
            .position(|(k, _)| canon(k).is_some_and(|c| c == *canon_key))
    }

    /// The pair whose key equals `canon_key`: through the hash index once
    /// there is one, else by a scan.
    fn find(&self, canon_key: &Canon<'_>) -> Option<usize> {
        if self.by_hash.is_empty() {
            self.scan(canon_key)
        } else {
            self.lookup(hash_of(canon_key), canon_key)
        }
    }

    /// The value under the string key `key`.
    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let at = self.find(&Canon::Str(key))?;
        self.pairs.get_mut(at).map(|(_, v)| v)
    }

    /// The span of the string key `key`, when present.
    pub(crate) fn key_span(&self, key: &str) -> Option<Span> {
        let at = self.find(&Canon::Str(key))?;
        self.pairs.get(at).map(|(k, _)| k.span)
    }

    /// The pair whose key equals `canon_key`, through the hash index.
    fn lookup(&self, hash: u64, canon_key: &Canon<'_>) -> Option<usize> {
        let mut cursor = self.by_hash.get(&hash).copied();
        while let Some(i) = cursor {
            let (k, _) = self.pairs.get(i)?;
            if canon(k).is_some_and(|c| c == *canon_key) {
                return Some(i);
            }
            cursor = self.next_same_hash.get(i).copied().flatten();
        }
        None
    }

    /// Adds pair `index` at the end of its hash chain.
    fn link(&mut self, hash: u64, index: usize) {
        let Some(mut i) = self.by_hash.get(&hash).copied() else {
            self.by_hash.insert(hash, index);
            return;
        };
        while let Some(next) = self.next_same_hash.get(i).copied().flatten() {
            i = next;
        }
        if let Some(slot) = self.next_same_hash.get_mut(i) {
            *slot = Some(index);
        }
    }

    /// Builds the hash index over the pairs inserted so far.
    fn index_all(&mut self) {
        self.next_same_hash = vec![None; self.pairs.len()];
        for index in 0..self.pairs.len() {
            let hash = self
                .pairs
                .get(index)
                .and_then(|(k, _)| canon(k))
                .map(|c| hash_of(&c));
            if let Some(hash) = hash {
                self.link(hash, index);
            }
        }
    }

    pub(crate) fn into_pairs(self) -> Vec<(Value, Value)> {
        self.pairs
    }
}
