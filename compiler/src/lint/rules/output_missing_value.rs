//! HOT018 output-missing-value.

use super::{mapping_definitions, misspelt_required};
use crate::diagnostics::finding::{FindingKind, KeyPlace};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports an output without a `value`.
///
/// ## Why is this bad?
/// Heat refuses the template: `Each output definition must contain a value
/// key.`
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// outputs:
///   secret:
///     description: The random string
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// outputs:
///   secret:
///     description: The random string
///     value: {get_attr: [random, value]}
/// ```
pub(crate) struct OutputMissingValue;

impl Rule for OutputMissingValue {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (name, body, fields) in mapping_definitions(root, "outputs") {
            if body.get_entry("value").is_some() {
                continue;
            }
            let output = cx.name(name);
            let (misspelt, span) = match misspelt_required(cx, KeyPlace::Output, fields) {
                Some(key) => (Some(cx.name(key)), key.span),
                None => (None, name.span),
            };
            cx.report(FindingKind::OutputMissingValue { output, misspelt }, span);
        }
    }
}
