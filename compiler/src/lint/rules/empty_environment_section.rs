//! HOT026 empty-environment-section.

use crate::diagnostics::finding::FindingKind;
use crate::diagnostics::finding::Shape;
use crate::lint::view::{shape, value_span};
use crate::lint::{Context, Rule};
use crate::versions;

/// ## What it does
/// Reports an environment file section that is present but has no value.
///
/// ## Why is this bad?
/// Unlike a template section, Heat refuses an empty environment section:
/// `environment has empty section "parameters"`. It often happens when every
/// entry of a section is commented out.
///
/// ## Example
/// ```yaml
/// parameters:
///   # flavor: m1.small
/// parameter_defaults:
///   image: cirros
/// ```
///
/// Use instead:
/// ```yaml
/// parameter_defaults:
///   image: cirros
/// ```
pub(crate) struct EmptyEnvironmentSection;

impl Rule for EmptyEnvironmentSection {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (key, value) in root.as_map().unwrap_or(&[]) {
            let Some(name) = key.as_str() else {
                continue;
            };
            // Heat checks the section name first, so only known sections
            // can be "empty"; others are `UnknownEnvironmentSection`'s.
            if versions::ENVIRONMENT_SECTIONS.contains(&name) && shape(value) == Shape::Null {
                let finding = FindingKind::EmptyEnvironmentSection {
                    name: name.to_owned(),
                };
                cx.report(finding, value_span(key, value));
            }
        }
    }
}
