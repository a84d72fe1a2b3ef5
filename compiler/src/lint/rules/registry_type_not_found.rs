//! HOT067 registry-type-not-found.

use hotc_grammar::Value;

use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::schema;
use crate::lint::stack::{Resolved, Target};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// ## What it does
/// For each resource whose type an `-e` environment's `resource_registry`
/// maps to another type (`My::Server: OS::Nova::Sever`, or a glob), follows
/// the mappings and reports the entry when they end at a type Heat does
/// not have. The finding is in the environment file, at the mapping.
///
/// ## Why is this bad?
/// Heat refuses the template: `The Resource Type (My::Server) could not be
/// found.` An entry no resource uses is not reported (Heat says nothing of
/// it either).
///
/// ## Example
/// ```yaml
/// resource_registry:
///   My::Server: OS::Nova::Sever
/// ```
///
/// Use instead:
/// ```yaml
/// resource_registry:
///   My::Server: OS::Nova::Server
/// ```
pub(crate) struct RegistryTypeNotFound;

impl Rule for RegistryTypeNotFound {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(stack) = cx.stack else {
            return;
        };
        for (name, body) in definitions(cx.root, "resources") {
            let (Some(resource), Some(type_name)) =
                (name.as_str(), body.get("type").and_then(Value::as_str))
            else {
                continue;
            };
            let Some(mapping) = stack.registry.lookup(resource, type_name) else {
                continue;
            };
            if !matches!(mapping.to, Target::Type(_)) {
                continue;
            }
            let Resolved::Type(target) = stack.registry.resolve(stack, resource, type_name) else {
                continue;
            };
            if schema::resolve(&target).is_some() {
                continue;
            }
            let suggestion = nearest(&target, schema::known_names());
            cx.report_in(
                mapping.env,
                FindingKind::RegistryTypeNotFound {
                    resource: resource.to_owned(),
                    type_name: type_name.to_owned(),
                    target,
                    suggestion,
                },
                mapping.span,
            );
        }
    }
}
