//! HOT023 invalid-parameter-field.

use super::mapping_definitions;
use crate::diagnostics::finding::{FindingKind, Shape};
use crate::lint::view::{shape, value_span};
use crate::lint::{Context, Rule};
use crate::versions::{self, Place};

/// ## What it does
/// Reports a field of a parameter definition, other than `type` and
/// `constraints`, whose value Heat rejects: `tags` must be a list.
///
/// ## Why is this bad?
/// Heat refuses the template: `Tags property should be a list for
/// parameter: flavor`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
///     tags: compute
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
///     tags: [compute]
/// ```
pub(crate) struct InvalidParameterField;

impl Rule for InvalidParameterField {
    fn check(&self, cx: &mut Context<'_>) {
        // Before 2018-03-02 `tags` is an unknown key, which
        // `UnknownParameterKey` reports.
        if !versions::is_valid(Place::Parameter, "tags", cx.version) {
            return;
        }
        let root = cx.root;
        for (name, body, _) in mapping_definitions(root, "parameters") {
            let Some((key, tags)) = body.get_entry("tags") else {
                continue;
            };
            let found = shape(tags);
            if found != Shape::Seq {
                let parameter = cx.name(name);
                let finding = FindingKind::ParameterTagsNotAList { parameter, found };
                cx.report(finding, value_span(key, tags));
            }
        }
    }
}
