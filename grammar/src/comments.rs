//! Comments attached to the nodes they describe, so that conversion and
//! formatting can carry them over.
//!
//! A comment on a line of its own attaches to the entry (a map key or a list
//! item) that starts next; a comment after code on its line attaches to the
//! innermost entry that starts on that line; comments after the last entry
//! stay at the end. Entries are named by the start offset of their key or
//! item in the source, which the value tree keeps as spans.

use std::collections::{BTreeMap, BTreeSet};

use crate::span::Span;
use crate::value::{Value, ValueKind};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attached {
    /// Comment lines before an entry, by the entry's start offset. Each text
    /// is what follows the `#`.
    pub before: BTreeMap<u32, Vec<String>>,
    /// The comment after an entry on its first line, by the entry's start.
    pub trailing: BTreeMap<u32, String>,
    /// Comments after the last entry.
    pub end: Vec<String>,
}

impl Attached {
    pub fn is_empty(&self) -> bool {
        self.before.is_empty() && self.trailing.is_empty() && self.end.is_empty()
    }
}

/// The start offsets of every map key and list item in `value`, sorted.
pub fn entry_starts(value: &Value) -> Vec<u32> {
    let mut out = Vec::new();
    collect(value, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

fn collect(value: &Value, out: &mut Vec<u32>) {
    match &value.kind {
        ValueKind::Seq(items) => {
            for item in items {
                out.push(item.span.start);
                collect(item, out);
            }
        }
        ValueKind::Map(entries) => {
            for (k, v) in entries {
                out.push(k.span.start);
                collect(k, out);
                collect(v, out);
            }
        }
        ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Int(_)
        | ValueKind::Float(_)
        | ValueKind::Str(_) => {}
    }
}

/// Attaches each comment (a span from `#` to the line end) to an entry.
pub fn attach(src: &str, comments: &[Span], value: &Value) -> Attached {
    let starts = entry_starts(value);
    let mut attached = Attached::default();
    for &c in comments {
        let text = c.text(src).strip_prefix('#').unwrap_or("").to_owned();
        let line_start = src
            .get(..c.start())
            .and_then(|s| s.rfind(['\n', '\r']))
            .map_or(0, |i| i + 1);
        let before_on_line = src.get(line_start..c.start()).unwrap_or("");
        let own_line = before_on_line.trim().is_empty();
        if !own_line {
            // The innermost entry starting on this line is the last one
            // that starts between the line start and the comment.
            let start = u32::try_from(line_start).unwrap_or(u32::MAX);
            let on_line = starts.iter().rev().find(|&&s| s >= start && s < c.start);
            if let Some(&s) = on_line {
                attached.trailing.insert(s, text);
                continue;
            }
        }
        match starts.iter().find(|&&s| s > c.start) {
            Some(&s) => attached.before.entry(s).or_default().push(text),
            None => attached.end.push(text),
        }
    }
    attached
}

/// The comments of one line-starting entry, as the printers (`.heat` and
/// YAML) hand them out: lines before it, and one after.
#[derive(Debug, Default, Clone)]
pub(crate) struct Notes {
    pub(crate) before: Vec<String>,
    pub(crate) trailing: Option<String>,
}

impl Notes {
    pub(crate) fn is_empty(&self) -> bool {
        self.before.is_empty() && self.trailing.is_none()
    }

    /// Adds the comments of an entry written on this entry's line. Two
    /// comments cannot share a line end; the later one becomes a comment
    /// line before the entry.
    pub(crate) fn merge(&mut self, other: Notes) {
        self.before.extend(other.before);
        match (&self.trailing, other.trailing) {
            (_, None) => {}
            (None, Some(t)) => self.trailing = Some(t),
            (Some(_), Some(t)) => self.before.push(t),
        }
    }
}

/// Hands out the comments attached to each entry once, and writes those
/// never handed out (their entry is not in the tree printed, or they
/// follow the last entry) at the end, so that a printer loses no comment.
#[derive(Debug)]
pub(crate) struct Handout<'a> {
    attached: &'a Attached,
    /// Entry offsets whose comments have been taken.
    used: BTreeSet<u32>,
}

impl<'a> Handout<'a> {
    pub(crate) fn new(attached: &'a Attached) -> Self {
        Handout {
            attached,
            used: BTreeSet::new(),
        }
    }

    /// The comments being handed out.
    pub(crate) fn attached(&self) -> &'a Attached {
        self.attached
    }

    /// Whether the comments of the entry at `offset` have been taken.
    pub(crate) fn is_taken(&self, offset: u32) -> bool {
        self.used.contains(&offset)
    }

    /// Takes the comments of the entry at `offset`, once; empty after.
    pub(crate) fn take(&mut self, offset: u32) -> Notes {
        if !self.used.insert(offset) {
            return Notes::default();
        }
        Notes {
            before: self
                .attached
                .before
                .get(&offset)
                .cloned()
                .unwrap_or_default(),
            trailing: self.attached.trailing.get(&offset).cloned(),
        }
    }

    /// Writes `first`, then the end comments, then every comment not
    /// taken (lines before, then trailing, each by offset), one `#` line
    /// each.
    pub(crate) fn write_rest(&self, first: Vec<String>, out: &mut String) {
        let mut rest = first;
        rest.extend(self.attached.end.iter().cloned());
        for (offset, lines) in &self.attached.before {
            if !self.used.contains(offset) {
                rest.extend(lines.iter().cloned());
            }
        }
        for (offset, line) in &self.attached.trailing {
            if !self.used.contains(offset) {
                rest.push(line.clone());
            }
        }
        for c in rest {
            out.push('#');
            out.push_str(&c);
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::attach;
    use crate::value::build_stream;

    #[test]
    fn comments_attach_to_the_entry_they_describe() {
        let src = "# head\na: 1 # one\n# before b\nb:\n  - x # item\n  # before y\n  - y\n# end\n";
        let parsed = crate::parse(src);
        let (value, _) = build_stream(&parsed.stream, parsed.flavor);
        let attached = attach(src, &parsed.stream.comments, &value);
        let at = |needle: &str| u32::try_from(src.find(needle).unwrap_or(0)).unwrap_or(0);
        assert_eq!(
            attached.before.get(&at("a:")),
            Some(&vec![" head".to_owned()])
        );
        assert_eq!(attached.trailing.get(&at("a:")), Some(&" one".to_owned()));
        assert_eq!(
            attached.before.get(&at("b:")),
            Some(&vec![" before b".to_owned()])
        );
        assert_eq!(attached.trailing.get(&at("x #")), Some(&" item".to_owned()));
        assert_eq!(
            attached.before.get(&(at("- y") + 2)),
            Some(&vec![" before y".to_owned()])
        );
        assert_eq!(attached.end, vec![" end".to_owned()]);
    }
}
