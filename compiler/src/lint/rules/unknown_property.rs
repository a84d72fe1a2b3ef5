//! HOT043 unknown-property.

use crate::diagnostics::finding::{FindingKind, PropertyAt, SchemaFinding};
use crate::lint::properties::{Event, for_each_event};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// ## What it does
/// Reports a property that the resource's type does not have, at the top
/// level or inside a list or map whose keys the type's schema names, with
/// the nearest name it does have.
///
/// ## Why is this bad?
/// Heat refuses the template: `Unknown Property lenght`. Only the types
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
        for_each_event(cx.root, &mut |typed, event| {
            if let Event::Unknown { key, path, known } = event {
                found.push((typed.name, typed.type_name, key, path, known));
            }
        });
        for (name, type_name, key, path, known) in found {
            let suggestion = nearest(&cx.name(key), known.names()).map(str::to_owned);
            let at = PropertyAt {
                resource: cx.name(name),
                type_name: type_name.to_owned(),
                path,
                suggestion,
            };
            cx.report(
                FindingKind::Schema(SchemaFinding::UnknownProperty(at)),
                key.span,
            );
        }
    }
}
