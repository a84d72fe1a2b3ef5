//! The `get_attr` calls of a template that name, with literal strings, a
//! resource of a type the stdlib knows and one of its attributes: what the
//! attribute rules (HOT075 to HOT077) check against the type's attribute
//! schema.
//!
//! Heat validates `get_attr` wherever it parses functions for a resource:
//! in `properties`, in `metadata` (it refuses an unknown attribute there
//! too) and in outputs. A resource whose type a `resource_registry` maps
//! to a template, or that the stdlib does not know, is left out, and so is
//! a call whose resource or attribute is computed.

use std::collections::HashMap;

use hotc_grammar::Span;

use crate::ir::{Call, Expr, ExprKind, Template};
use crate::lint::Context;
use crate::lint::schema::{self, TypeSchema};
use crate::lint::stack::Resolved;

/// One `get_attr` of a typed resource's attribute.
pub(super) struct AttrCall<'t> {
    /// The resource it names, and that resource's type as written.
    pub(super) resource: &'t str,
    pub(super) type_name: &'t str,
    pub(super) schema: &'static TypeSchema,
    pub(super) attribute: &'t str,
    pub(super) attribute_span: Span,
    /// The path after the attribute (`get_attr: [r, attr, 0, key]`).
    pub(super) path: &'t [Expr],
}

/// The schema of each resource of `template` whose type the stdlib knows,
/// by resource name (through the environments' registry, if any).
pub(super) struct Schemas<'t>(HashMap<&'t str, (&'t str, &'static TypeSchema)>);

impl<'t> Schemas<'t> {
    pub(super) fn new(cx: &Context<'_>, template: &'t Template) -> Schemas<'t> {
        let mut map = HashMap::new();
        for resource in &template.resources {
            let resolved = match cx.resolve_type(&resource.name, &resource.type_name) {
                Resolved::Type(t) => t,
                Resolved::Template { .. } => continue,
            };
            if let Some(schema) = schema::lookup(&resolved) {
                map.insert(
                    resource.name.as_str(),
                    (resource.type_name.as_str(), schema),
                );
            }
        }
        Schemas(map)
    }

    /// `call` read as a `get_attr` of a typed resource's attribute.
    pub(super) fn read<'c>(&self, call: &'c Call) -> Option<AttrCall<'c>>
    where
        't: 'c,
    {
        if call.name != "get_attr" {
            return None;
        }
        let [resource, attribute, path @ ..] = call.arg.as_seq()? else {
            return None;
        };
        let (type_name, schema) = *self.0.get(resource.as_str()?)?;
        let ExprKind::Str(name) = &attribute.kind else {
            return None;
        };
        Some(AttrCall {
            resource: resource.as_str()?,
            type_name,
            schema,
            attribute: name,
            attribute_span: attribute.span,
            path,
        })
    }
}

/// Every `get_attr` of a typed resource's attribute in the places Heat
/// validates, in source order.
pub(super) fn attr_calls<'t>(cx: &Context<'_>, template: &'t Template) -> Vec<AttrCall<'t>> {
    let schemas = Schemas::new(cx, template);
    let mut out = Vec::new();
    let mut visit = |expr: &'t Expr| {
        expr.visit_calls(&mut |call| out.extend(schemas.read(call)));
    };
    for resource in &template.resources {
        resource.properties.iter().for_each(&mut visit);
        resource.metadata.iter().for_each(&mut visit);
    }
    for output in &template.outputs {
        output.value.iter().for_each(&mut visit);
    }
    out.sort_by_key(|c| c.attribute_span.start);
    out
}
