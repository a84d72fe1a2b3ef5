//! HOT041 unmapped-custom-type.

use super::definitions;
use super::unknown_resource_type::{TypeName, is_mapped, read_type};
use crate::diagnostics::finding::{FindingKind, SchemaFinding};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a namespaced resource type (`My::Thing`) that is neither a type
/// Heat ships nor close to one.
///
/// ## Why is this bad?
/// Such a type works only when an environment's `resource_registry` maps it
/// to a template or another type (`OS::TripleO::Controller:
/// controller.yaml`); without one, Heat refuses the template: `The Resource
/// Type (My::Thing) could not be found.` hotc does not read the
/// environment a stack is created with, so this is a warning: check that
/// every environment the template is used with maps the type.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   app:
///     type: My::App
/// ```
///
/// Use instead, with an environment that maps `My::App: app.yaml`, or the
/// template file itself:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   app:
///     type: app.yaml
/// ```
pub(crate) struct UnmappedCustomType;

impl Rule for UnmappedCustomType {
    fn check(&self, cx: &mut Context<'_>) {
        for (name, body) in definitions(cx.root, "resources") {
            let Some((_, value)) = body.get_entry("type") else {
                continue;
            };
            let Some(found) = value.as_str() else {
                continue;
            };
            // A type an environment maps is the registry's (HOT067).
            if is_mapped(cx, name, found) {
                continue;
            }
            match read_type(found) {
                TypeName::Custom => {}
                TypeName::Known | TypeName::Template | TypeName::Typo(_) | TypeName::Unknown => {
                    continue;
                }
            }
            let finding = SchemaFinding::UnmappedCustomType {
                resource: cx.name(name),
                found: found.to_owned(),
            };
            cx.report(FindingKind::Schema(finding), value.span);
        }
    }
}
