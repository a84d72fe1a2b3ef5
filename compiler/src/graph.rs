//! The dependency graph of a template's resources, as Heat builds it.
//!
//! Nodes are the template's resources; an edge goes from a resource to one
//! it depends on, for each reference `ir::references` finds (`depends_on`,
//! `get_resource`, `get_attr`, and their CFN forms). Edges to names that are
//! not resources of the template are left out (HOT050 reports them), and so
//! are self-references (HOT052). Several references between the same pair
//! stay separate edges (each has its kind and span); `dependencies` gives
//! each pair once.
//!
//! Heat creates a resource once everything it depends on is complete, so
//! resources at the same topological level can be created in parallel:
//! `levels` gives them, dependencies first. A cycle has no order; `levels`
//! then names the resources on one (HOT057 reports it with every edge).

use hotc_grammar::Span;

use crate::ir::{Expr, Reference, ReferenceKind, Template, references_deciding};

/// A resource of the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub name: String,
    pub type_name: String,
    /// The span of the resource's name.
    pub span: Span,
}

/// A reference from `from` to `to` (indices into `nodes`): `from` depends
/// on `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: ReferenceKind,
    pub span: Span,
}

/// A template's dependency graph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    /// In template order.
    pub nodes: Vec<Node>,
    /// Per resource in template order, its references in source order.
    pub edges: Vec<Edge>,
}

/// The resources on a dependency cycle, in order along it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle(pub Vec<usize>);

impl Graph {
    /// Builds the graph of a lowered template, counting both branches of
    /// every `if`.
    pub fn build(template: &Template) -> Graph {
        Graph::build_deciding(template, &|_| None)
    }

    /// Builds the graph with `if` decided by `decide` where it can tell
    /// (see `ir::references_deciding`).
    pub fn build_deciding(template: &Template, decide: &dyn Fn(&Expr) -> Option<bool>) -> Graph {
        let mut index = std::collections::HashMap::with_capacity(template.resources.len());
        let mut nodes = Vec::with_capacity(template.resources.len());
        for resource in &template.resources {
            // A duplicate name cannot happen in a mapping the loader built;
            // the first keeps its index all the same.
            index.entry(resource.name.as_str()).or_insert(nodes.len());
            nodes.push(Node {
                name: resource.name.clone(),
                type_name: resource.type_name.clone(),
                span: resource.span,
            });
        }
        let mut edges = Vec::new();
        for (from, resource) in template.resources.iter().enumerate() {
            for Reference {
                target, span, kind, ..
            } in references_deciding(resource, template, decide)
            {
                match index.get(target.as_str()) {
                    Some(&to) if to != from => edges.push(Edge {
                        from,
                        to,
                        kind,
                        span,
                    }),
                    Some(_) | None => {}
                }
            }
        }
        Graph { nodes, edges }
    }

    /// The index of the resource `name`.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == name)
    }

    /// For each resource, the resources it depends on, each once, in the
    /// order of first reference.
    pub fn dependencies(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.nodes.len()];
        for edge in &self.edges {
            if let Some(deps) = out.get_mut(edge.from)
                && !deps.contains(&edge.to)
            {
                deps.push(edge.to);
            }
        }
        out
    }

    /// Topological levels: level 0 holds the resources that depend on
    /// nothing, level n those whose deepest dependency is at level n - 1.
    /// Each level in template order. A cycle gives the resources on one.
    pub fn levels(&self) -> Result<Vec<Vec<usize>>, Cycle> {
        let deps = self.dependencies();
        let order = topological_order(&deps)?;
        let mut level = vec![0usize; self.nodes.len()];
        for &n in &order {
            let l = deps
                .get(n)
                .into_iter()
                .flatten()
                .filter_map(|&d| level.get(d))
                .map(|l| l + 1)
                .max()
                .unwrap_or(0);
            if let Some(slot) = level.get_mut(n) {
                *slot = l;
            }
        }
        let count = level.iter().max().map_or(0, |m| m + 1);
        let mut levels = vec![Vec::new(); count];
        for (n, &l) in level.iter().enumerate() {
            if let Some(slot) = levels.get_mut(l) {
                slot.push(n);
            }
        }
        Ok(levels)
    }

    /// The resources `roots` depend on, directly or not, and the roots
    /// themselves: what `--target` keeps.
    pub fn closure(&self, roots: &[usize]) -> Vec<bool> {
        let deps = self.dependencies();
        let mut keep = vec![false; self.nodes.len()];
        let mut stack: Vec<usize> = roots.to_vec();
        while let Some(n) = stack.pop() {
            match keep.get_mut(n) {
                Some(seen) if !*seen => *seen = true,
                Some(_) | None => continue,
            }
            stack.extend(deps.get(n).into_iter().flatten().copied());
        }
        keep
    }
}

/// An order in which every node comes after its dependencies (Kahn's
/// algorithm, ties in index order), or a cycle.
pub fn topological_order(deps: &[Vec<usize>]) -> Result<Vec<usize>, Cycle> {
    let n = deps.len();
    let mut dependents = vec![Vec::new(); n];
    let mut waiting = vec![0usize; n];
    for (node, ds) in deps.iter().enumerate() {
        for &d in ds {
            if let Some(list) = dependents.get_mut(d) {
                list.push(node);
            }
        }
        if let Some(w) = waiting.get_mut(node) {
            *w = ds.len();
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&i| waiting.get(i) == Some(&0)).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(node) = ready.pop_first() {
        order.push(node);
        for &dependent in dependents.get(node).into_iter().flatten() {
            if let Some(w) = waiting.get_mut(dependent) {
                *w -= 1;
                if *w == 0 {
                    ready.insert(dependent);
                }
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    Err(Cycle(find_cycle(deps, &waiting)))
}

/// One cycle among the nodes still waiting after Kahn's algorithm: follow
/// unfinished dependencies until a node repeats.
fn find_cycle(deps: &[Vec<usize>], waiting: &[usize]) -> Vec<usize> {
    let stuck = |i: usize| waiting.get(i).is_some_and(|&w| w > 0);
    let Some(start) = (0..deps.len()).find(|&i| stuck(i)) else {
        return Vec::new();
    };
    let mut path = vec![start];
    let mut current = start;
    loop {
        let Some(&next) = deps.get(current).into_iter().flatten().find(|&&d| stuck(d)) else {
            return path;
        };
        if let Some(at) = path.iter().position(|&p| p == next) {
            return path.split_off(at);
        }
        path.push(next);
        current = next;
    }
}

#[cfg(test)]
mod tests;
