//! HOT012 unknown-section.

use super::check_key;
use crate::diagnostics::finding::KeyPlace;
use crate::lint::{CFN_VERSION_KEYS, Context, Rule};

/// ## What it does
/// Reports a top-level key of a template that is not a section of the
/// template's HOT version, suggesting the nearest section, or naming the
/// first version that has it (`conditions` needs 2016-10-14).
///
/// ## Why is this bad?
/// Heat checks every top-level key and refuses the template at the first
/// unknown one: `The template section is invalid: resource`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resource:
///   random:
///     type: OS::Heat::RandomString
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
/// ```
pub(crate) struct UnknownSection;

impl Rule for UnknownSection {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (key, value) in root.as_map().unwrap_or(&[]) {
            // A CloudFormation version key with a string value makes the
            // version ambiguous; `UnknownTemplateVersion` reports that.
            let cfn_version = key.as_str().is_some_and(|k| CFN_VERSION_KEYS.contains(&k));
            if !(cfn_version && value.as_str().is_some()) {
                check_key(cx, KeyPlace::Section, None, key);
            }
        }
    }
}
