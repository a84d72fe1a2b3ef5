//! HOT077 unknown-resource-attribute.

use super::attr_calls::attr_calls;
use crate::diagnostics::finding::{FindingKind, SchemaFinding};
use crate::lint::schema::Attributes;
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// ## What it does
/// Reports `get_attr` of an attribute that the resource's type does not
/// have, in properties, metadata and outputs. The attributes are those of
/// the type's schema in the stdlib, which include Heat's base attribute
/// `show`.
///
/// Types that resolve attributes their own way are left alone: Heat lets
/// any name through for them while it validates (a group's
/// `resource.0.name`, a deployment's outputs, `OS::Heat::None`), and so
/// are nested stacks, whose attributes are their template's outputs
/// (HOT071).
///
/// ## Why is this bad?
/// Heat refuses the template when it validates it
/// (`GetAttThenSelect.validate`: `attr not in res.attributes_schema`):
/// `The Referenced Attribute (secret nosuch) is incorrect.`
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
/// outputs:
///   password:
///     value: {get_attr: [secret, valeu]}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
/// outputs:
///   password:
///     value: {get_attr: [secret, value]}
/// ```
pub(crate) struct UnknownResourceAttribute;

impl Rule for UnknownResourceAttribute {
    fn check(&self, cx: &mut Context<'_>) {
        let template = cx.template();
        let mut found = Vec::new();
        for call in attr_calls(cx, &template) {
            let Attributes::Declared(_) = &call.schema.attributes else {
                continue;
            };
            if call.schema.attributes.get(call.attribute).is_some() {
                continue;
            }
            let suggestion =
                nearest(call.attribute, call.schema.attributes.names()).map(str::to_owned);
            let finding = SchemaFinding::UnknownResourceAttribute {
                resource: call.resource.to_owned(),
                type_name: call.type_name.to_owned(),
                attribute: call.attribute.to_owned(),
                suggestion,
            };
            found.push((finding, call.attribute_span));
        }
        for (finding, span) in found {
            cx.report(FindingKind::Schema(finding), span);
        }
    }
}
