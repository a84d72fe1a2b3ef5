//! HOT076 attribute-type-mismatch.

use super::attr_calls::Schemas;
use super::property_type_mismatch::refuses;
use crate::diagnostics::finding::{FindingKind, SchemaFinding};
use crate::ir::{Expr, Place};
use crate::lint::properties::{Event, for_each_event};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a property whose value is `get_attr` of an attribute (without
/// a path) whose declared type the property's type cannot take, by the
/// conversions HOT045 follows: a list or a map where a string, a number
/// or a boolean is wanted, a scalar or the other collection where a list
/// or a map is, a number where a boolean is. Attributes without a
/// declared type, those whose declared type Heat's own value does not
/// have (a structured config's `config` is a map), and types that resolve
/// attributes their own way (groups, deployments) are left alone.
///
/// ## Why is this bad?
/// While Heat validates, and in a preview, no resource exists and
/// `get_attr` gives `None`, which every property accepts; when the stack
/// is created, the attribute's value is converted and the resource fails:
/// `Property error: s.Properties.character_classes: "'9qGt…'" is not a
/// list`. It is a warning, not an error, because Heat does not hold an
/// attribute to its declared type (`Attributes._validate_type` only logs),
/// so a declared type can be wrong, and an attribute may be `None` (`show`
/// of a resource without an API entity).
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   first:
///     type: OS::Heat::RandomString
///   second:
///     type: OS::Heat::RandomString
///     properties:
///       character_classes: {get_attr: [first, value]}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   first:
///     type: OS::Heat::RandomString
///   second:
///     type: OS::Heat::RandomString
///     properties:
///       salt: {get_attr: [first, value]}
/// ```
pub(crate) struct AttributeTypeMismatch;

impl Rule for AttributeTypeMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let mut computed = Vec::new();
        for_each_event(cx.root, cx.stack, &mut |typed, event| match event {
            Event::Computed {
                value,
                property,
                path,
            } => computed.push((typed.name, typed.type_name, value, property.ty, path)),
            Event::Value { .. }
            | Event::Unknown { .. }
            | Event::Deprecated { .. }
            | Event::NotImplemented { .. }
            | Event::Missing { .. } => {}
        });
        if computed.is_empty() {
            return;
        }
        let template = cx.template();
        let schemas = Schemas::new(cx, &template);
        let mut found = Vec::new();
        for (name, type_name, value, expected, path) in computed {
            let expr = Expr::lower(value, cx.version, Place::Value);
            let Some(call) = expr.as_call().and_then(|c| schemas.read(c)) else {
                continue;
            };
            // A path gives a part of the attribute, whose type is unknown.
            if !call.path.is_empty() {
                continue;
            }
            let Some(Some(declared)) = call.schema.attributes.get(call.attribute) else {
                continue;
            };
            if !refuses(expected, declared.result()) {
                continue;
            }
            let finding = SchemaFinding::AttributeTypeMismatch {
                at: cx.property_at(name, type_name, path),
                expected,
                target: call.resource.to_owned(),
                attribute: call.attribute.to_owned(),
                declared,
            };
            found.push((finding, value.span));
        }
        for (finding, span) in found {
            cx.report(FindingKind::Schema(finding), span);
        }
    }
}
