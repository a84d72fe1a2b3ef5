//! HOT020 unknown-parameter-key.

use super::{check_keys, mapping_definitions};
use crate::diagnostics::finding::KeyPlace;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a key of a parameter definition that the template's HOT version
/// does not define (`tags` needs 2018-03-02).
///
/// ## Why is this bad?
/// Heat refuses the template: `Invalid key 'defualt' for parameter
/// (flavor)`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
///     defualt: m1.small
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
///     default: m1.small
/// ```
pub(crate) struct UnknownParameterKey;

impl Rule for UnknownParameterKey {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (name, _, fields) in mapping_definitions(root, "parameters") {
            check_keys(cx, KeyPlace::Parameter, name, fields);
        }
    }
}
