//! Helpers shared by the crate's unit tests (compiled only under `cfg(test)`):
//! a seeded xorshift64 generator, so generated cases reproduce without a
//! dependency; `same`, the value-tree equality the round-trip properties
//! assert; and the generated comments the printers' properties attach, with
//! the checks that each is written once. One copy, so every property test
//! draws from the same generator and checks by the same rules.

use crate::comments::{Attached, entry_starts};
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

    /// An int of any size up to 64 bits, small ones as likely as large.
    pub(crate) fn int(&mut self) -> i128 {
        i128::from(self.next() as i64) >> self.below(64)
    }

    /// A float: any bit pattern (NaN included), an eighth, a power of ten
    /// from 1e-30 to 1e29, or one of `specials`, each kind as likely.
    pub(crate) fn float(&mut self, specials: &[f64]) -> f64 {
        match self.below(3 + specials.len()) {
            0 => f64::from_bits(self.next()),
            1 => (self.below(1000) as f64) / 8.0,
            2 => 10f64.powi(i32::try_from(self.below(60)).unwrap_or(0) - 30),
            n => specials.get(n - 3).copied().unwrap_or(f64::NAN),
        }
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

/// Comments on some of `value`'s entries: one draw of `rng.below(one_in)`
/// per entry, 0 for a line before it and 1 for a trailing comment. Each
/// text names its entry's offset, so no two are alike.
pub(crate) fn random_comments(rng: &mut Rng, value: &Value, one_in: usize) -> Attached {
    let mut comments = Attached::default();
    for start in entry_starts(value) {
        match rng.below(one_in) {
            0 => {
                comments
                    .before
                    .insert(start, vec![format!(" before {start}")]);
            }
            1 => {
                comments.trailing.insert(start, format!(" after {start}"));
            }
            _ => {}
        }
    }
    comments
}

/// How many comments `comments` holds.
pub(crate) fn comment_count(comments: &Attached) -> usize {
    comments.before.values().map(Vec::len).sum::<usize>()
        + comments.trailing.len()
        + comments.end.len()
}

/// Fails unless every comment of `comments` (each text unique) stands in
/// `text` exactly once, as a `#` and its text ending a line. `context`
/// starts the failure message.
#[track_caller]
pub(crate) fn assert_each_written_once(text: &str, comments: &Attached, context: &str) {
    for c in comments
        .before
        .values()
        .flatten()
        .chain(comments.trailing.values())
        .chain(&comments.end)
    {
        assert_eq!(
            text.matches(&format!("#{c}\n")).count(),
            1,
            "{context}{c:?} not written once in\n{text}"
        );
    }
}
