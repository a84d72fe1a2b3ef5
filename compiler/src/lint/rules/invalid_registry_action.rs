//! HOT066 invalid-registry-action.

use crate::diagnostics::finding::FindingKind;
use crate::lint::stack::{HOOK_TYPES, RESTRICTED_ACTIONS};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// ## What it does
/// Checks the `hooks` and `restricted_actions` of the `resources` entries
/// in the `-e` environments' `resource_registry`: each must be one of
/// Heat's names (`pre-create`, `pre-update`, `pre-delete`, `post-create`,
/// `post-update`, `post-delete`; `update`, `replace`), or a list of them.
///
/// ## Why is this bad?
/// Heat refuses the environment when it loads the registry: `Invalid hook
/// type "pre_create" for resource breakpoint, acceptable hook types are:
/// ...` (and `Invalid restricted_action type ...`).
///
/// ## Example
/// ```yaml
/// resource_registry:
///   resources:
///     server:
///       hooks: pre_create
/// ```
///
/// Use instead:
/// ```yaml
/// resource_registry:
///   resources:
///     server:
///       hooks: pre-create
/// ```
pub(crate) struct InvalidRegistryAction;

impl Rule for InvalidRegistryAction {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(stack) = cx.stack else {
            return;
        };
        for entry in &stack.registry.resources {
            for (key, names) in &entry.actions {
                let valid = if *key == "hooks" {
                    HOOK_TYPES
                } else {
                    RESTRICTED_ACTIONS
                };
                for (name, span) in names {
                    if name.as_deref().is_some_and(|n| valid.contains(&n)) {
                        continue;
                    }
                    let suggestion = name
                        .as_deref()
                        .and_then(|n| nearest(n, valid.iter().copied()));
                    cx.report_in(
                        entry.env,
                        FindingKind::InvalidRegistryAction {
                            resource: entry.name.clone(),
                            key,
                            value: name.clone(),
                            suggestion,
                        },
                        *span,
                    );
                }
            }
        }
    }
}
