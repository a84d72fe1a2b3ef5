//! HOT043 unknown-property.

use crate::diagnostics::finding::{FindingKind, PropertyAt, SchemaFinding};
use crate::lint::properties::{Event, for_each_event};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// ## What it does
/// Reports a property that the resource's type does not have, at the top
/// level or inside a list or map whose keys the type's schema names, with
/// the nearest name it does have; and a property the type declares but
/// Heat has not implemented (some of the `AWS::*` types' properties).
///
/// ## Why is this bad?
/// Heat refuses the template: `Unknown Property lenght`, or `Property
/// HealthCheckType not implemented yet`. Only the types
/// hotc has a schema for are checked; a template resource (`type:
/// app.yaml`) takes its properties from the template's parameters.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       lenght: 16
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       length: 16
/// ```
pub(crate) struct UnknownProperty;

impl Rule for UnknownProperty {
    fn check(&self, cx: &mut Context<'_>) {
        let mut found = Vec::new();
        let mut refused = Vec::new();
        for_each_event(cx.root, cx.stack, &mut |typed, event| match event {
            Event::Unknown { key, path, known } => {
                found.push((typed.name, typed.type_name, key, path, known));
            }
            Event::NotImplemented { key, path } => {
                refused.push((typed.name, typed.type_name, key, path));
            }
            Event::Missing { .. }
            | Event::Value { .. }
            | Event::Computed { .. }
            | Event::Deprecated { .. } => {}
        });
        for (name, type_name, key, path) in refused {
            let at = cx.property_at(name, type_name, path);
            let finding = SchemaFinding::PropertyNotImplemented(at);
            cx.report(FindingKind::Schema(finding), key.span);
        }
        for (name, type_name, key, path, known) in found {
            let suggestion = nearest(&cx.name(key), known.names()).map(str::to_owned);
            let at = PropertyAt {
                suggestion,
                ..cx.property_at(name, type_name, path)
            };
            cx.report(
                FindingKind::Schema(SchemaFinding::UnknownProperty(at)),
                key.span,
            );
        }
    }
}
