//! HOT025 unknown-environment-section.

use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::suggest::nearest;
use crate::versions::{self, HotVersion, Place};

/// ## What it does
/// Reports a top-level key of an environment file that is not one of
/// `parameters`, `parameter_defaults`, `resource_registry`, `event_sinks`,
/// `encrypted_param_names` and `parameter_merge_strategies`.
///
/// ## Why is this bad?
/// Heat refuses the environment: `environment has wrong section
/// "parameter_default"`.
///
/// ## Example
/// ```yaml
/// parameter_default:
///   flavor: m1.small
/// ```
///
/// Use instead:
/// ```yaml
/// parameter_defaults:
///   flavor: m1.small
/// ```
pub(crate) struct UnknownEnvironmentSection;

impl Rule for UnknownEnvironmentSection {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (key, _) in root.as_map().unwrap_or(&[]) {
            if key
                .as_str()
                .is_some_and(|k| versions::ENVIRONMENT_SECTIONS.contains(&k))
            {
                continue;
            }
            let name = cx.name(key);
            let suggestion = nearest(&name, versions::ENVIRONMENT_SECTIONS.iter().copied());
            let template_section = versions::is_valid(Place::Section, &name, HotVersion::LATEST);
            let finding = FindingKind::UnknownEnvironmentSection {
                name,
                suggestion,
                template_section,
            };
            cx.report(finding, key.span);
        }
    }
}
