//! HOT014 definition-not-a-mapping.

use super::definitions;
use crate::diagnostics::finding::{Definition, FindingKind, Shape};
use crate::lint::view::{is_falsy, shape, value_span};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a resource, output or parameter whose definition is a scalar or
/// a list instead of a mapping of its keys.
///
/// ## Why is this bad?
/// Heat refuses it: `"resources" must contain a map of resource maps`,
/// `Output definitions must be a map`, `Invalid parameter (flavor),
/// expected a mapping`. The usual cause is a shorthand such as
/// `flavor: string` or a lost level of indentation.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor: string
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
/// ```
pub(crate) struct DefinitionNotAMapping;

impl Rule for DefinitionNotAMapping {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let sections = [
            ("resources", Definition::Resource),
            ("outputs", Definition::Output),
            ("parameters", Definition::Parameter),
        ];
        for (section, definition) in sections {
            for (name, body) in definitions(root, section) {
                let found = shape(body);
                if found == Shape::Map {
                    continue;
                }
                // Heat takes an empty resource as one without a type, which
                // `ResourceMissingType` reports.
                if definition == Definition::Resource && is_falsy(body) {
                    continue;
                }
                let finding = FindingKind::DefinitionNotAMapping {
                    definition,
                    name: cx.name(name),
                    found,
                };
                cx.report(finding, value_span(name, body));
            }
        }
    }
}
