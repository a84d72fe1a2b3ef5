//! HOT073 nested-parameter-not-given.

use hotc_grammar::Value;

use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::view::is_call;
use crate::lint::{Context, Rule};
use crate::versions;

/// ## What it does
/// For a resource whose type is a template file, reports each parameter of
/// that template that has no `default` and that the resource's
/// `properties` do not give. It runs when hotc has the files beside the
/// template.
///
/// ## Why is this bad?
/// Heat makes each such parameter a required property and refuses the
/// template: `Property flavor not assigned`, unless an environment's
/// `parameter_defaults` gives the parameter a value. hotc checks one
/// template without its environments, so this is a warning.
///
/// A `properties` value that is not a literal mapping, and a nested file
/// that cannot be read or is not a HOT template, are left alone.
pub(crate) struct NestedParameterNotGiven;

impl Rule for NestedParameterNotGiven {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        // An environment's parameter_defaults reach every nested stack and
        // stand in for a default there.
        let defaults: Vec<String> = cx
            .stack
            .map(|s| {
                s.environments
                    .iter()
                    .filter_map(|e| e.value.as_ref()?.get("parameter_defaults")?.as_map())
                    .flatten()
                    .filter_map(|(k, v)| (!v.is_null()).then(|| k.as_str().map(str::to_owned))?)
                    .collect()
            })
            .unwrap_or_default();
        for (name, body) in definitions(root, "resources") {
            let Some(type_name) = body.get("type").and_then(Value::as_str) else {
                continue;
            };
            let Some(resource) = name.as_str() else {
                continue;
            };
            let given: Vec<&str> = match body.get("properties") {
                None => Vec::new(),
                Some(p) if p.is_null() => Vec::new(),
                Some(p) => {
                    let Some(entries) = p.as_map() else {
                        continue;
                    };
                    if is_call(p, |k| versions::is_function(k, cx.version)) {
                        continue;
                    }
                    entries.iter().filter_map(|(k, _)| k.as_str()).collect()
                }
            };
            let Some(loaded) = cx.nested_template(resource, type_name) else {
                continue;
            };
            let Some(parameters) = loaded
                .template
                .as_ref()
                .and_then(|t| t.get("parameters"))
                .and_then(Value::as_map)
            else {
                continue;
            };
            for (key, definition) in parameters {
                let Some(parameter) = key.as_str() else {
                    continue;
                };
                // A definition that is not a mapping is the nested file's own
                // problem (HOT014 there); a default of any value counts.
                if definition.as_map().is_none()
                    || definition.get("default").is_some()
                    || given.contains(&parameter)
                    || defaults.iter().any(|d| d == parameter)
                {
                    continue;
                }
                cx.report(
                    FindingKind::NestedParameterNotGiven {
                        resource: cx.name(name),
                        type_name: type_name.to_owned(),
                        parameter: parameter.to_owned(),
                    },
                    name.span,
                );
            }
        }
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

    fn found(src: &str) -> Vec<(&'static str, String)> {
        let loader = MemoryLoader::new().with("server.yaml", NESTED);
        check_with(src, "stack.yaml", &loader)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    #[test]
    fn a_parameter_without_default_must_be_given() {
        let src = "heat_template_version: 2021-04-16
resources:
  s:
    type: server.yaml
    properties:
      image: fedora
";
        let found = found(src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(c, m)| *c == "HOT073" && m.contains("flavor")),
            "{found:?}"
        );
    }

    #[test]
    fn given_or_computed_properties_are_fine() {
        for properties in ["{flavor: m1.small}", "{get_param: props}"] {
            let src = format!(
                "heat_template_version: 2021-04-16
parameters:
  props: {{type: json}}
resources:
  s:
    type: server.yaml
    properties: {properties}
"
            );
            let codes: Vec<_> = found(&src)
                .into_iter()
                .filter(|(c, _)| *c == "HOT073")
                .collect();
            assert_eq!(codes, vec![], "{properties}");
        }
    }
}
