//! HOT047 deprecated-property.

use crate::diagnostics::finding::{FindingKind, SchemaFinding};
use crate::lint::properties::{Event, for_each_event};
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a property (or a key inside one) that Heat marks deprecated,
/// hidden or unsupported, with Heat's note on it, which usually names the
/// property to use instead.
///
/// ## Why is this bad?
/// Heat still accepts these properties, mostly by translating an old name
/// into its replacement (`OS::Neutron::Port`'s `network_id` becomes
/// `network`), but they are left out of the documentation, and some are
/// ignored or no longer work (`OS::Nova::Server`'s `personality` with
/// newer Nova APIs).
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       sequence: digits
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       character_classes:
///         - class: digits
/// ```
pub(crate) struct DeprecatedProperty;

impl Rule for DeprecatedProperty {
    fn check(&self, cx: &mut Context<'_>) {
        let mut found = Vec::new();
        for_each_event(cx.root, cx.stack, &mut |typed, event| {
            if let Event::Deprecated {
                key,
                path,
                property,
            } = event
                && let Some(status) = property.status
            {
                found.push((typed.name, typed.type_name, key, path, status, property));
            }
        });
        for (name, type_name, key, path, status, property) in found {
            let at = cx.property_at(name, type_name, path);
            let finding = SchemaFinding::DeprecatedProperty {
                at,
                status,
                note: property.note.clone(),
            };
            cx.report(FindingKind::Schema(finding), key.span);
        }
    }
}
