//! HOT043 for nested stacks: a property of a resource whose type is a
//! template file, checked against that template's parameters.

use hotc_grammar::Value;

use super::definitions;
use crate::diagnostics::finding::{FindingKind, PropertyAt, SchemaFinding};
use crate::lint::view::is_call;
use crate::lint::{Context, Rule};
use crate::suggest::nearest;
use crate::versions;

/// ## What it does
/// Loads the template a resource's type names (`type: server.yaml`), when
/// hotc has the files beside the template, and reports each property that
/// is not one of that template's parameters.
///
/// ## Why is this bad?
/// Heat makes a nested stack of the file, whose properties are exactly its
/// parameters; any other property is refused: `Unknown Property nope`.
///
/// Only types ending in `.yaml` or `.template` are template files to Heat
/// (its registry's rule); a file that cannot be loaded, does not parse or
/// is not a HOT template is left alone, as is a `properties` value that is
/// not a literal mapping.
pub(crate) struct NestedTemplateProperty;

impl Rule for NestedTemplateProperty {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        for (name, body) in definitions(root, "resources") {
            let Some(type_name) = body.get("type").and_then(Value::as_str) else {
                continue;
            };
            let Some(resource) = name.as_str() else {
                continue;
            };
            let Some((_, properties)) = body.get_entry("properties") else {
                continue;
            };
            let Some(entries) = properties.as_map() else {
                continue;
            };
            if is_call(properties, |k| versions::is_function(k, cx.version)) {
                continue;
            }
            let Some(parameters) = cx
                .nested_template(resource, type_name)
                .and_then(|l| section_names(l.template.as_ref()?, "parameters"))
            else {
                continue;
            };
            for (key, _) in entries {
                let Some(key_text) = key.as_str() else {
                    continue;
                };
                if parameters.iter().any(|p| p == key_text) {
                    continue;
                }
                let suggestion =
                    nearest(key_text, parameters.iter().map(String::as_str)).map(str::to_owned);
                let at = PropertyAt {
                    suggestion,
                    ..cx.property_at(name, type_name, key_text.to_owned())
                };
                cx.report(
                    FindingKind::Schema(SchemaFinding::UnknownProperty(at)),
                    key.span,
                );
            }
        }
    }
}

/// Heat's registry reads a type as a template file when it ends in `.yaml`
/// or `.template` (case-sensitive); nothing else.
pub(crate) fn is_template_type(type_name: &str) -> bool {
    type_name.ends_with(".yaml") || type_name.ends_with(".template")
}

/// The names a section of `template` defines: none when it is absent or
/// null, and unknown (`None`) when it is not a mapping of string keys.
pub(super) fn section_names(template: &Value, section: &str) -> Option<Vec<String>> {
    match template.get(section) {
        None => Some(Vec::new()),
        Some(p) if p.is_null() => Some(Vec::new()),
        Some(p) => p
            .as_map()?
            .iter()
            .map(|(k, _)| k.as_str().map(str::to_owned))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::check_with;
    use crate::source::MemoryLoader;

    const NESTED: &str = "heat_template_version: 2021-04-16
parameters:
  flavor: {type: string}
  image: {type: string, default: cirros}
resources: {}
";

    fn found(src: &str, loader: &MemoryLoader) -> Vec<(&'static str, String)> {
        check_with(src, "t/stack.yaml", loader)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    #[test]
    fn a_property_that_is_no_parameter_is_unknown() {
        let loader = MemoryLoader::new().with("t/server.yaml", NESTED);
        let src = "heat_template_version: 2021-04-16
resources:
  s:
    type: server.yaml
    properties:
      flavor: m1.small
      imag: fedora
";
        let found = found(src, &loader);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(code, m)| *code == "HOT043" && m.contains("imag")),
            "{found:?}"
        );
    }

    #[test]
    fn parameters_are_properties() {
        let loader = MemoryLoader::new().with("t/server.yaml", NESTED);
        let src = "heat_template_version: 2021-04-16
resources:
  s:
    type: server.yaml
    properties:
      flavor: m1.small
      image: fedora
";
        assert_eq!(found(src, &loader), vec![]);
    }

    #[test]
    fn what_cannot_be_read_is_left_alone() {
        let loader = MemoryLoader::new()
            .with("t/broken.yaml", "heat_template_version: [\n")
            .with(
                "t/cfn.template",
                "HeatTemplateFormatVersion: '2012-12-12'\n",
            );
        for type_name in ["broken.yaml", "cfn.template", "absent.yaml", "x.yml"] {
            let src = format!(
                "heat_template_version: 2021-04-16
resources:
  s:
    type: {type_name}
    properties:
      anything: 1
"
            );
            let codes: Vec<_> = found(&src, &loader)
                .into_iter()
                .filter(|(c, _)| *c == "HOT043")
                .collect();
            assert_eq!(codes, vec![], "{type_name}");
        }
    }
}
