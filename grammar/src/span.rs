//! Byte spans into a source text.

/// A half-open byte range `start..end` into one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// An empty span at `offset`.
    pub fn empty(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        self.end().saturating_sub(self.start())
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this span covers, or "" when it does not fall on char boundaries.
    pub fn text(self, src: &str) -> &str {
        src.get(self.start()..self.end()).unwrap_or("")
    }
}
