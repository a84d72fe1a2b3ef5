//! HOT058 redundant-depends-on.

use hotc_grammar::{Span, Value};

use super::definitions;
use crate::diagnostics::finding::{FindingKind, Reference};
use crate::ir::{ReferenceKind, references};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a `depends_on` entry naming a resource that the resource
/// already refers to with `get_resource` or `get_attr` (or `Ref` and
/// `Fn::GetAtt`) in its `properties` or `metadata`. A reference inside a
/// branch of `if` does not count: Heat follows only the branch the
/// condition picks. When the entry can be cut out of the text simply (a
/// line of a block list, an item of a flow list, or the whole
/// `depends_on` line), the finding carries a fix that deletes it.
///
/// ## Why is this bad?
/// Heat adds that dependency itself (`ResourceDefinition.
/// required_resource_names` joins `depends_on` with the dependencies of
/// the functions in `properties` and `metadata`), so the entry changes
/// nothing. It is noise that stays behind when the reference goes, and
/// then orders the resources for no reason.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   first:
///     type: OS::Heat::Value
///     properties:
///       value: x
///   second:
///     type: OS::Heat::Value
///     depends_on: first
///     properties:
///       value: {get_attr: [first, value]}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   first:
///     type: OS::Heat::Value
///     properties:
///       value: x
///   second:
///     type: OS::Heat::Value
///     properties:
///       value: {get_attr: [first, value]}
/// ```
pub(crate) struct RedundantDependsOn;

impl Rule for RedundantDependsOn {
    fn check(&self, cx: &mut Context<'_>) {
        let template = cx.template();
        for resource in &template.resources {
            let refs = references(resource, &template);
            let implied = |target: &str| {
                refs.iter().find(|r| {
                    r.target == target && !r.conditional && r.kind != ReferenceKind::DependsOn
                })
            };
            let redundant: Vec<_> = refs
                .iter()
                .filter(|r| r.kind == ReferenceKind::DependsOn)
                // A resource naming itself is a cycle (HOT057), and an
                // unknown name is HOT050's.
                .filter(|r| r.target != resource.name && template.resource(&r.target).is_some())
                .filter_map(|dep| implied(&dep.target).map(|by| (dep, by)))
                .collect();
            if redundant.is_empty() {
                continue;
            }
            let field = depends_on_field(cx.root, resource.span);
            for (dep, by) in &redundant {
                let removal = field.and_then(|(key, value)| {
                    removal(cx.src, key, value, dep.span, redundant.len())
                });
                let via = match by.kind {
                    ReferenceKind::GetAttr { .. } => Reference::GetAttr,
                    ReferenceKind::GetResource | ReferenceKind::DependsOn => Reference::GetResource,
                };
                cx.report(
                    FindingKind::RedundantDependsOn {
                        resource: resource.name.clone(),
                        target: dep.target.clone(),
                        via,
                        reference: by.span,
                        removal,
                    },
                    dep.span,
                );
            }
        }
    }
}

/// The `depends_on` key and value of the resource whose name is at `name`.
fn depends_on_field(root: &Value, name: Span) -> Option<(&Value, &Value)> {
    let (_, body) = definitions(root, "resources")
        .iter()
        .find(|(k, _)| k.span == name)?;
    body.get_entry("depends_on")
}

/// The text to delete to drop the entry at `item` from `depends_on` (its
/// `key` and `value`), of which `redundant` entries are redundant; none
/// unless the cut is plainly safe. When every entry goes, the whole
/// `depends_on` line (or lines) goes; the findings then share that one
/// edit, and a fixer applies it once.
fn removal(src: &str, key: &Value, value: &Value, item: Span, redundant: usize) -> Option<Span> {
    match value.as_seq() {
        Some(items) if items.len() > redundant => {
            let index = items.iter().position(|v| v.span == item)?;
            list_item(src, items, index)
        }
        // Non-string entries are left out of the IR's `depends_on` (HOT017
        // reports them), so only a list of strings may go whole.
        Some(items) if items.iter().all(|v| v.as_str().is_some()) => whole(src, key, value),
        Some(_) => None,
        None => whole(src, key, value),
    }
}

/// The whole `depends_on: ...` entry, when it is a plain key alone on its
/// line in a block mapping and its value ends its line.
fn whole(src: &str, key: &Value, value: &Value) -> Option<Span> {
    let start = line_start(src, key.span.start());
    let before = src.get(start..key.span.start())?;
    let after_key = src.get(key.span.end()..)?;
    let plain_key = key.span.text(src) == "depends_on";
    if !plain_key || !before.trim().is_empty() || !after_key.trim_start().starts_with(':') {
        return None;
    }
    Some(Span::new(start, rest_of_line(src, value.span.end())?))
}

/// Item `index` of a `depends_on` list: its line in a block list, or the
/// item and one comma in a flow list.
fn list_item(src: &str, items: &[Value], index: usize) -> Option<Span> {
    let item = items.get(index)?.span;
    let start = line_start(src, item.start());
    let before = src.get(start..item.start())?;
    let dash = before.trim_start().strip_prefix('-');
    if dash.is_some_and(|rest| rest.trim().is_empty()) {
        return Some(Span::new(start, rest_of_line(src, item.end())?));
    }
    let between = |from: usize, to: usize| {
        src.get(from..to)
            .is_some_and(|t| t.trim().chars().all(|c| c == ','))
    };
    match (
        items.get(index + 1),
        index.checked_sub(1).and_then(|i| items.get(i)),
    ) {
        (Some(next), _) if between(item.end(), next.span.start()) => {
            Some(Span::new(item.start(), next.span.start()))
        }
        (None, Some(prev)) if between(prev.span.end(), item.start()) => {
            Some(Span::new(prev.span.end(), item.end()))
        }
        _ => None,
    }
}

/// The offset where the line holding `offset` starts.
fn line_start(src: &str, offset: usize) -> usize {
    src.get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The offset after the end of the line holding `offset` (past its line
/// break), when only blanks or a comment follow `offset` on it.
fn rest_of_line(src: &str, offset: usize) -> Option<usize> {
    let rest = src.get(offset..)?;
    let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let tail = rest.get(..end)?.trim();
    (tail.is_empty() || tail.starts_with('#')).then_some(offset + end)
}
