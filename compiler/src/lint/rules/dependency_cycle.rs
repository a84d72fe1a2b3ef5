//! HOT057 dependency-cycle.

use std::collections::VecDeque;

use hotc_grammar::Span;

use super::calls::{self, Scope};
use super::mapping_definitions;
use crate::diagnostics::finding::{FindingKind, Reference};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports resources that depend on each other in a circle, through
/// `depends_on`, or `get_resource` and `get_attr` in their `properties` or
/// `metadata` (the references Heat orders resources by). Each step of the
/// circle is labelled.
///
/// ## Why is this bad?
/// No resource of the circle can be created first, so Heat refuses the
/// template: `Circular Dependency Found: {Value "b": {Value "a"}, Value
/// "a": {Value "b"}}`. A resource that `depends_on` itself is such a
/// circle too.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   first:
///     type: OS::Heat::Value
///     properties:
///       value: {get_attr: [second, value]}
///   second:
///     type: OS::Heat::Value
///     depends_on: first
///     properties:
///       value: x
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   first:
///     type: OS::Heat::Value
///     properties:
///       value: {get_attr: [second, value]}
///   second:
///     type: OS::Heat::Value
///     properties:
///       value: x
/// ```
pub(crate) struct DependencyCycle;

/// One dependency: resource `from` needs resource `to`, because of the
/// reference at `span`.
#[derive(Debug, Clone, Copy)]
struct Edge {
    from: usize,
    to: usize,
    span: Span,
    via: Reference,
}

impl Rule for DependencyCycle {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let names = calls::resource_names(root);
        let index = |name: &str| names.iter().position(|n| *n == name);
        let mut edges = Vec::new();
        for call in calls::calls(root, cx.version) {
            let via = match call.name {
                "get_resource" => Reference::GetResource,
                "get_attr" => Reference::GetAttr,
                _ => continue,
            };
            if call.place.scope != Scope::Resource
                || !matches!(call.place.field, Some("properties" | "metadata"))
            {
                continue;
            }
            let (Some(from), Some((target, node))) = (
                call.place.owner.as_str().and_then(index),
                calls::target(&call),
            ) else {
                continue;
            };
            if let Some(to) = index(target) {
                edges.push(Edge {
                    from,
                    to,
                    span: node.span,
                    via,
                });
            }
        }
        for (name, _, fields) in mapping_definitions(root, "resources") {
            let Some(from) = name.as_str().and_then(index) else {
                continue;
            };
            for (target, node) in calls::depends_on(fields) {
                if let Some(to) = index(target) {
                    let via = Reference::DependsOn;
                    edges.push(Edge {
                        from,
                        to,
                        span: node.span,
                        via,
                    });
                }
            }
        }
        edges.sort_by_key(|e| e.span.start);
        for cycle in cycles(names.len(), &edges) {
            let mut path: Vec<String> = cycle
                .iter()
                .map(|e| names.get(e.from).copied().unwrap_or_default().to_owned())
                .collect();
            if let Some(first) = path.first().cloned() {
                path.push(first);
            }
            let Some(span) = cycle.first().map(|e| e.span) else {
                continue;
            };
            let edges = cycle.iter().map(|e| (e.span, e.via)).collect();
            cx.report(FindingKind::DependencyCycle { path, edges }, span);
        }
    }
}

/// One circle per group of resources that all reach each other (a
/// strongly connected component with a circle in it), as its edges in
/// order: the shortest circle through the group's first resource, each step
/// by its first reference in the source.
fn cycles(count: usize, edges: &[Edge]) -> Vec<Vec<Edge>> {
    let reach: Vec<Vec<bool>> = (0..count)
        .map(|start| reachable(count, edges, start))
        .collect();
    let reaches = |a: usize, b: usize| {
        reach
            .get(a)
            .and_then(|r| r.get(b))
            .copied()
            .unwrap_or(false)
    };
    let mut done = vec![false; count];
    let mut out = Vec::new();
    for start in 0..count {
        if done.get(start).copied().unwrap_or(true) || !reaches(start, start) {
            continue;
        }
        let group: Vec<usize> = (0..count)
            .filter(|&n| reaches(start, n) && reaches(n, start))
            .collect();
        for &n in &group {
            if let Some(d) = done.get_mut(n) {
                *d = true;
            }
        }
        let inside: Vec<Edge> = edges
            .iter()
            .filter(|e| group.contains(&e.from) && group.contains(&e.to))
            .copied()
            .collect();
        if let Some(cycle) = shortest_cycle(count, &inside, start) {
            out.push(cycle);
        }
    }
    out
}

/// Which resources `start` reaches by one or more steps.
fn reachable(count: usize, edges: &[Edge], start: usize) -> Vec<bool> {
    let mut seen = vec![false; count];
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for e in edges.iter().filter(|e| e.from == node) {
            if let Some(s) = seen.get_mut(e.to)
                && !*s
            {
                *s = true;
                queue.push_back(e.to);
            }
        }
    }
    seen
}

/// The shortest circle from `start` back to it, by breadth-first search.
fn shortest_cycle(count: usize, edges: &[Edge], start: usize) -> Option<Vec<Edge>> {
    // `via[n]` is the edge by which the search first reached `n`.
    let mut via: Vec<Option<Edge>> = vec![None; count];
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for e in edges.iter().filter(|e| e.from == node) {
            if e.to == start {
                let mut cycle = vec![*e];
                let mut at = node;
                while at != start {
                    let step = via.get(at).copied().flatten()?;
                    cycle.push(step);
                    at = step.from;
                }
                cycle.reverse();
                return Some(cycle);
            }
            if let Some(slot) = via.get_mut(e.to)
                && slot.is_none()
            {
                *slot = Some(*e);
                queue.push_back(e.to);
            }
        }
    }
    None
}
