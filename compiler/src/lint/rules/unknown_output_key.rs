//! HOT019 unknown-output-key.

use super::{check_keys, mapping_definitions};
use crate::diagnostics::finding::KeyPlace;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a key of an output definition that the template's HOT version
/// does not define (`condition` needs 2016-10-14).
///
/// ## Why is this bad?
/// For a top-level stack Heat ignores the key, so a misspelt `descripton`
/// is silently lost and an early `condition` has no effect. Used as a
/// nested template, the same file is refused: `"descripton" is not a valid
/// keyword inside a output definition`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// outputs:
///   answer:
///     descripton: The answer
///     value: 42
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// outputs:
///   answer:
///     description: The answer
///     value: 42
/// ```
pub(crate) struct UnknownOutputKey;

impl Rule for UnknownOutputKey {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (name, _, fields) in mapping_definitions(root, "outputs") {
            check_keys(cx, KeyPlace::Output, name, fields);
        }
    }
}
