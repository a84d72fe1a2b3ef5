//! Helpers shared by the crate's unit tests (compiled only under `cfg(test)`):
//! a seeded xorshift64 generator, so generated cases reproduce without a
//! dependency, and `same`, the value-tree equality the round-trip properties
//! assert. One copy, so every property test draws from the same generator
//! and compares trees by the same rule.

use crate::span::Span;
use crate::value::{Value, ValueKind};

/// Marsaglia's xorshift64 (shifts 13, 7, 17). The state must not be zero.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`; `n` must not be zero.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// One of `items` (`""` when there are none).
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// A fresh span `next..next` (after counting `next` up), so that every
/// generated entry has its own start for comments to attach to.
pub(crate) fn numbered_span(next: &mut u32) -> Span {
    *next += 1;
    Span {
        start: *next,
        end: *next,
    }
}

/// Whether two values are the same tree, spans aside: key types and order
/// included, floats by bits (NaN equal to NaN).
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (ValueKind::Null, ValueKind::Null) => true,
        (ValueKind::Bool(x), ValueKind::Bool(y)) => x == y,
        (ValueKind::Int(x), ValueKind::Int(y)) => x == y,
        (ValueKind::Float(x), ValueKind::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (ValueKind::Str(x), ValueKind::Str(y)) => x == y,
        (ValueKind::Seq(x), ValueKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (ValueKind::Map(x), ValueKind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2))
        }
        _ => false,
    }
}
