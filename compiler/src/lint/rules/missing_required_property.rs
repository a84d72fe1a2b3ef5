//! HOT044 missing-required-property.

use crate::diagnostics::finding::{FindingKind, SchemaFinding};
use crate::lint::properties::{Event, for_each_event};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a required property that has no default and is not given, at
/// the top level or inside a list or map whose keys the type's schema
/// names. A property given as a function call (`{get_param: flavor}`)
/// counts as given, and so does one whose value is null.
///
/// ## Why is this bad?
/// Heat refuses the template: `Property value not assigned`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   group:
///     type: OS::Heat::ResourceGroup
///     properties:
///       count: 2
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   group:
///     type: OS::Heat::ResourceGroup
///     properties:
///       count: 2
///       resource_def:
///         type: OS::Heat::None
/// ```
pub(crate) struct MissingRequiredProperty;

impl Rule for MissingRequiredProperty {
    fn check(&self, cx: &mut Context<'_>) {
        let mut found = Vec::new();
        for_each_event(cx.root, cx.stack, &mut |typed, event| {
            if let Event::Missing { owner, path } = event {
                found.push((typed.name, typed.type_name, owner, path));
            }
        });
        for (name, type_name, owner, path) in found {
            let at = cx.property_at(name, type_name, path);
            let finding = SchemaFinding::MissingRequiredProperty(at);
            cx.report(FindingKind::Schema(finding), owner);
        }
    }
}
