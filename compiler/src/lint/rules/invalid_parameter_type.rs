//! HOT021 invalid-parameter-type.

use super::{mapping_definitions, misspelt_required};
use crate::diagnostics::finding::{FindingKind, KeyPlace};
use crate::lint::view::{shape, value_span};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;
use crate::versions;

/// ## What it does
/// Reports a parameter without a `type`, or whose type is not one of
/// `string`, `number`, `comma_delimited_list`, `json` and `boolean`.
///
/// ## Why is this bad?
/// Heat refuses the template: `Missing parameter type for parameter:
/// flavor` or `Invalid type (strin)`. Type names are case-sensitive, so the
/// CloudFormation spelling `String` fails too.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: String
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
/// ```
pub(crate) struct InvalidParameterType;

impl Rule for InvalidParameterType {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (name, body, fields) in mapping_definitions(root, "parameters") {
            let parameter = cx.name(name);
            let Some((key, value)) = body.get_entry("type") else {
                let (misspelt, span) = match misspelt_required(cx, KeyPlace::Parameter, fields) {
                    Some(key) => (Some(cx.name(key)), key.span),
                    None => (None, name.span),
                };
                let finding = FindingKind::MissingParameterType {
                    parameter,
                    misspelt,
                };
                cx.report(finding, span);
                continue;
            };
            match value.as_str() {
                Some(found) if versions::PARAMETER_TYPES.contains(&found) => {}
                Some(found) => {
                    let suggestion = nearest(found, versions::PARAMETER_TYPES.iter().copied());
                    let finding = FindingKind::UnknownParameterType {
                        parameter,
                        found: found.to_owned(),
                        suggestion,
                    };
                    cx.report(finding, value.span);
                }
                None => {
                    let found = shape(value);
                    let finding = FindingKind::ParameterTypeNotString { parameter, found };
                    cx.report(finding, value_span(key, value));
                }
            }
        }
    }
}
