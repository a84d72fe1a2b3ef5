//! HOT016 unknown-resource-key.

use super::{check_keys, mapping_definitions};
use crate::diagnostics::finding::KeyPlace;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a key of a resource definition that the template's HOT version
/// does not define, suggesting the nearest key, or naming the first version
/// that has it (`condition` and `external_id` need 2016-10-14).
///
/// ## Why is this bad?
/// Heat refuses the template: `"propertis" is not a valid keyword inside a
/// resource definition`, or `Invalid keyword(s) inside a resource
/// definition: condition`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
///     propertis:
///       length: 8
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
///     properties:
///       length: 8
/// ```
pub(crate) struct UnknownResourceKey;

impl Rule for UnknownResourceKey {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (name, _, fields) in mapping_definitions(root, "resources") {
            check_keys(cx, KeyPlace::Resource, name, fields);
        }
    }
}
