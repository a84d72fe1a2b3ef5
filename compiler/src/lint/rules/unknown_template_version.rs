//! HOT011 unknown-template-version.

use crate::diagnostics::finding::FindingKind;
use crate::lint::view::{shape, value_span};
use crate::lint::{CFN_VERSION_KEYS, Context, Rule, VERSION_KEY};
use crate::suggest::nearest;
use crate::versions::HotVersion;

/// ## What it does
/// Reports a `heat_template_version` that Heat does not know, that is not a
/// string, or that sits next to a CloudFormation version key.
///
/// ## Why is this bad?
/// Heat chooses the template's class by its version and refuses anything
/// else: `"heat_template_version: 2021-04-17". "heat_template_version"
/// should be one of: 2013-05-23, ...`. A value that is not a string counts
/// as no version at all, and two version keys are `Ambiguous versions`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-17
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// ```
pub(crate) struct UnknownTemplateVersion;

impl Rule for UnknownTemplateVersion {
    fn check(&self, cx: &mut Context<'_>) {
        let Some((version_key, value)) = cx.root.get_entry(VERSION_KEY) else {
            return;
        };
        let Some(text) = value.as_str() else {
            cx.report(
                FindingKind::TemplateVersionNotString {
                    found: shape(value),
                },
                value_span(version_key, value),
            );
            return;
        };
        if HotVersion::parse(text).is_none() {
            let suggestion = nearest(text, HotVersion::all_names());
            cx.report(
                FindingKind::UnknownTemplateVersion {
                    found: text.to_owned(),
                    suggestion,
                },
                value.span,
            );
        }
        // Heat only counts version keys whose value is a string.
        for cfn_key in CFN_VERSION_KEYS {
            if let Some((other, other_value)) = cx.root.get_entry(cfn_key)
                && other_value.as_str().is_some()
            {
                let key = (*cfn_key).to_owned();
                let finding = FindingKind::AmbiguousTemplateVersion {
                    key,
                    hot_key: version_key.span,
                };
                cx.report(finding, other.span);
            }
        }
    }
}
