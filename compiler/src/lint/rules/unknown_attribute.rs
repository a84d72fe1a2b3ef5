//! HOT071 unknown-attribute.

use hotc_grammar::Value;

use super::calls::{self, Scope};
use super::definitions;
use super::nested_template::section_names;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// The attributes every nested stack has besides its template's outputs:
/// Heat's base `show`, and `OS::stack_id`, which Heat resolves for any
/// nested stack (accepted here so that it never gives a false error).
const NESTED_BASE_ATTRIBUTES: &[&str] = &["show", "OS::stack_id"];

/// ## What it does
/// Reports `get_attr` of an attribute a resource does not have. For now it
/// knows the attributes of nested stacks: a resource whose type is a
/// template file has that template's outputs as attributes (and `show`),
/// so it runs only when hotc has the files beside the template.
///
/// ## Why is this bad?
/// The attribute never has a value: the resource or output that uses it
/// fails when the stack is created. Heat's validation lets a nested
/// stack's attributes pass (it refuses the same mistake on other types:
/// `The Referenced Attribute (server nope) is incorrect.`, which HOT077
/// reports), so this is a warning.
///
/// An attribute computed by a function, a `get_attr` without an attribute
/// name, one in a resource's `metadata` (which Heat's validation lets
/// through), and a nested file that cannot be read are left alone.
pub(crate) struct UnknownAttribute;

impl Rule for UnknownAttribute {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        // The outputs of each nested stack, loaded once per resource.
        let mut nested: Vec<(&str, &str, Option<Vec<String>>)> = Vec::new();
        for (name, body) in definitions(root, "resources") {
            let (Some(name), Some(type_name)) =
                (name.as_str(), body.get("type").and_then(Value::as_str))
            else {
                continue;
            };
            if cx.nested_source(name, type_name).is_some() {
                let outputs = cx
                    .nested_template(name, type_name)
                    .and_then(|l| section_names(l.template.as_ref()?, "outputs"));
                nested.push((name, type_name, outputs));
            }
        }
        if nested.is_empty() {
            return;
        }
        for &call in cx.call_sites().iter() {
            if call.name != "get_attr" {
                continue;
            }
            let in_place = match call.place.scope {
                Scope::Output => true,
                Scope::Resource => call.place.field == Some("properties"),
                Scope::Condition => false,
            };
            if !in_place {
                continue;
            }
            let Some((resource, _)) = calls::target(&call) else {
                continue;
            };
            let Some(attribute) = call.args.as_seq().and_then(|args| args.get(1)) else {
                continue;
            };
            let Some(attr) = attribute.as_str() else {
                continue;
            };
            let Some((_, type_name, Some(outputs))) =
                nested.iter().find(|(name, _, _)| *name == resource)
            else {
                continue;
            };
            if outputs.iter().any(|o| o == attr) || NESTED_BASE_ATTRIBUTES.contains(&attr) {
                continue;
            }
            let suggestion = nearest(attr, outputs.iter().map(String::as_str)).map(str::to_owned);
            cx.report(
                FindingKind::UnknownAttribute {
                    resource: resource.to_owned(),
                    type_name: (*type_name).to_owned(),
                    attribute: attr.to_owned(),
                    outputs: outputs.clone(),
                    suggestion,
                },
                attribute.span,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check_with;
    use crate::source::MemoryLoader;

    const NESTED: &str = "heat_template_version: 2021-04-16
resources: {}
outputs:
  address:
    value: 10.0.0.1
";

    fn found(src: &str) -> Vec<(&'static str, String)> {
        let loader = MemoryLoader::new().with("server.yaml", NESTED);
        check_with(src, "stack.yaml", &loader)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    #[test]
    fn an_attribute_that_is_no_output_is_unknown() {
        let src = "heat_template_version: 2021-04-16
resources:
  s:
    type: server.yaml
  v:
    type: OS::Heat::Value
    properties:
      value: {get_attr: [s, adress]}
outputs:
  o:
    value: {get_attr: [s, nope]}
";
        let codes: Vec<_> = found(src).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, vec!["HOT071", "HOT071"]);
    }

    #[test]
    fn outputs_show_and_the_stack_id_are_attributes() {
        let src = "heat_template_version: 2021-04-16
resources:
  s:
    type: server.yaml
outputs:
  a:
    value: {get_attr: [s, address]}
  b:
    value: {get_attr: [s, show]}
  c:
    value: {get_attr: [s, OS::stack_id]}
  d:
    value: {get_attr: [s]}
";
        assert_eq!(found(src), vec![]);
    }

    #[test]
    fn an_unreadable_nested_template_is_left_alone() {
        let src = "heat_template_version: 2021-04-16
resources:
  s:
    type: absent.yaml
outputs:
  a:
    value: {get_attr: [s, anything]}
";
        // The missing file itself is HOT074's.
        let found: Vec<_> = found(src)
            .into_iter()
            .filter(|(c, _)| *c != "HOT074")
            .collect();
        assert_eq!(found, vec![]);
    }
}
