//! HOT042 deprecated-resource-type.

use crate::diagnostics::finding::{FindingKind, SchemaFinding};
use crate::lint::properties::typed_resources;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a resource whose type Heat marks deprecated, hidden or
/// unsupported, with Heat's note on it, which usually names the
/// replacement.
///
/// ## Why is this bad?
/// Heat still creates these types (a hidden type is one that was removed
/// from the documentation and the type list, kept so old stacks go on
/// working), but they are on their way out: a later Heat may refuse them,
/// and some do nothing at all (`OS::Heat::HARestarter` is a placeholder).
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   deployments:
///     type: OS::Heat::SoftwareDeployments
///     properties:
///       config: {get_resource: config}
///       servers: {}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   deployments:
///     type: OS::Heat::SoftwareDeploymentGroup
///     properties:
///       config: {get_resource: config}
///       servers: {}
/// ```
pub(crate) struct DeprecatedResourceType;

impl Rule for DeprecatedResourceType {
    fn check(&self, cx: &mut Context<'_>) {
        for typed in typed_resources(cx.root, cx.stack) {
            let Some(status) = typed.schema.status else {
                continue;
            };
            let finding = SchemaFinding::DeprecatedResourceType {
                resource: cx.name(typed.name),
                found: typed.type_name.to_owned(),
                status,
                message: typed.schema.message.clone(),
            };
            cx.report(FindingKind::Schema(finding), typed.type_value.span);
        }
    }
}
