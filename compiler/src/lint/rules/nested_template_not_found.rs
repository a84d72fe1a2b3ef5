//! HOT074 nested-template-not-found.

use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::source::LoadErrorKind;

/// ## What it does
/// Reports a resource whose type is a template file (`type: server.yaml`,
/// or a type an `-e` environment's `resource_registry` maps to one) when
/// that file does not exist or cannot be read. Paths are relative to the
/// template, or for a registry entry to the environment file. It runs when
/// hotc has the files (`hotc lint` reads them from the disk); URLs are not
/// fetched.
///
/// ## Why is this bad?
/// heatclient reads every nested template before it sends the stack and
/// stops at a missing one; Heat itself, not given the file, refuses the
/// template: `Could not fetch remote template "server.yaml": Invalid URL
/// scheme`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   server:
///     type: sever.yaml
/// ```
///
/// Use instead (with `server.yaml` beside the template):
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   server:
///     type: server.yaml
/// ```
pub(crate) struct NestedTemplateNotFound;

impl Rule for NestedTemplateNotFound {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(files) = cx.files else {
            return;
        };
        for (name, body) in definitions(cx.root, "resources") {
            let (Some(resource), Some(type_value)) = (name.as_str(), body.get("type")) else {
                continue;
            };
            let Some(type_name) = type_value.as_str() else {
                continue;
            };
            let Some((from, path)) = cx.nested_source(resource, type_name) else {
                continue;
            };
            let Err(error) = cx.load(&from, &path) else {
                continue;
            };
            if error.kind == LoadErrorKind::Remote {
                continue;
            }
            let via = (from != files.name).then_some(from);
            cx.report(
                FindingKind::NestedTemplateNotFound {
                    resource: resource.to_owned(),
                    path,
                    resolved: error.resolved,
                    reason: error.kind,
                    via,
                },
                type_value.span,
            );
        }
    }
}
