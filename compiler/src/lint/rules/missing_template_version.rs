//! HOT010 missing-template-version.

use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule, VERSION_KEY};

/// ## What it does
/// Reports a template that defines resources but has no
/// `heat_template_version`.
///
/// ## Why is this bad?
/// Heat picks the sections, keys and functions a template may use by its
/// version, and refuses a template without one: `Template format version
/// not found.`
///
/// ## Example
/// ```yaml
/// resources:
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
pub(crate) struct MissingTemplateVersion;

impl Rule for MissingTemplateVersion {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.root.get_entry(VERSION_KEY).is_some() {
            return;
        }
        // Without a version a file is only a template because of its
        // `resources` (see `lint::classify`), so that is where to point.
        if let Some((key, _)) = cx.root.get_entry("resources") {
            cx.report(FindingKind::MissingTemplateVersion, key.span);
        }
    }
}
