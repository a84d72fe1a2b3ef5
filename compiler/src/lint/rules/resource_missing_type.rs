//! HOT015 resource-missing-type.

use super::{definitions, misspelt_required};
use crate::diagnostics::finding::{FindingKind, KeyPlace};
use crate::lint::view::{is_falsy, value_span};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a resource without a `type`, with an empty one, or with no body
/// at all.
///
/// ## Why is this bad?
/// Without a type Heat cannot know what to create, and refuses the
/// template: `Each resource must contain a type key.`
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     properties:
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
pub(crate) struct ResourceMissingType;

impl Rule for ResourceMissingType {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (name, body) in definitions(root, "resources") {
            // Heat's check is `not res.get('Type')`: an absent type and an
            // empty one (null, "", [], ...) fail alike; so does an empty body.
            let (present, misspelt, span) = match body.as_map() {
                _ if is_falsy(body) => (false, None, name.span),
                // A body that is not a mapping is `DefinitionNotAMapping`'s.
                None => continue,
                Some(fields) => match body.get_entry("type") {
                    None => match misspelt_required(cx, KeyPlace::Resource, fields) {
                        Some(key) => (false, Some(cx.name(key)), key.span),
                        None => (false, None, name.span),
                    },
                    Some((key, value)) if is_falsy(value) => (true, None, value_span(key, value)),
                    // A type of the wrong kind is `InvalidResourceField`'s.
                    Some(_) => continue,
                },
            };
            let resource = cx.name(name);
            let finding = FindingKind::ResourceMissingType {
                resource,
                present,
                misspelt,
            };
            cx.report(finding, span);
        }
    }
}
