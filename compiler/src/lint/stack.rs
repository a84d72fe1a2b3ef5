//! What a stack is created with besides its template: heatclient's `-P` and
//! `--parameter-file` values and its `-e` environment files, read once and
//! shared by every template a lint run checks with them.
//!
//! Guarantees: the environment files keep their value trees (with spans), so
//! findings about a value point at the key that gave it; the
//! `resource_registry` is read as Heat's `ResourceRegistry.load` reads it,
//! with later files replacing earlier files' top-level keys (Heat merges
//! the files' `resource_registry` sections with `merge_map`, which is not
//! deep: a later `resources` replaces an earlier one whole).

use hotc_grammar::{Span, Value};

use crate::diagnostics::{Severity, render};
use crate::eval::Val;

/// heatclient's `-P`/`--parameter-file` values and `-e` files, in order.
#[derive(Debug, Clone, Default)]
pub struct StackInputs {
    pub(crate) parameters: Vec<(String, Val)>,
    pub(crate) environments: Vec<EnvironmentFile>,
    pub(crate) registry: Registry,
    /// These are all the values the stack gets (`hotc plan`): a parameter
    /// without one is missing even when nothing at all was given.
    pub(crate) complete: bool,
}

/// One `-e` file: its name (paths in its registry are relative to it) and
/// its value tree, `None` when it has a syntax error (reported by
/// the file's own lint; Heat refuses it, and nothing else is checked).
#[derive(Debug, Clone)]
pub(crate) struct EnvironmentFile {
    pub(crate) name: String,
    pub(crate) value: Option<Value>,
}

/// A `resource_registry` after all the files: type mappings and the
/// per-resource entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Registry {
    pub(crate) types: Vec<Mapping>,
    pub(crate) resources: Vec<ResourceEntry>,
}

/// `from: to` in a registry, in the environment file `env`.
#[derive(Debug, Clone)]
pub(crate) struct Mapping {
    pub(crate) env: usize,
    pub(crate) from: String,
    pub(crate) to: Target,
    /// The value's span (the key's for a removal).
    pub(crate) span: Span,
}

/// What a registry entry maps a type to, by Heat's `ResourceInfo` rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Another type name (`MapResourceInfo`, or a glob).
    Type(String),
    /// A template file (a value ending in `.yaml` or `.template`), as
    /// written, relative to the environment file.
    Template(String),
    /// `null`: removes the mapping.
    Removed,
    /// Anything else (a number, a list): Heat keeps it as a class and fails
    /// when it is used; hotc neither resolves nor reports it.
    Other,
}

/// `resources: {name: {...}}`: type mappings for one resource (by exact
/// name) and its hooks and restricted actions (by `fnmatch` pattern).
#[derive(Debug, Clone)]
pub(crate) struct ResourceEntry {
    pub(crate) env: usize,
    pub(crate) name: String,
    pub(crate) types: Vec<Mapping>,
    /// `hooks` and `restricted_actions` values: the key, each name given and
    /// its span.
    pub(crate) actions: Vec<(&'static str, Vec<ActionName>)>,
}

/// One name in a `hooks` or `restricted_actions` value (`None` when it is
/// not a string) and its span.
pub(crate) type ActionName = (Option<String>, Span);

/// Heat's `HOOK_TYPES`.
pub(crate) const HOOK_TYPES: &[&str] = &[
    "pre-create",
    "pre-update",
    "pre-delete",
    "post-create",
    "post-update",
    "post-delete",
];

/// Heat's `RESTRICTED_ACTIONS`.
pub(crate) const RESTRICTED_ACTIONS: &[&str] = &["update", "replace"];

/// Where a type resolves to through a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A type name (the input itself when nothing maps it).
    Type(String),
    /// A template file, named from the file `from`.
    Template { from: String, path: String },
}

impl StackInputs {
    /// Reads the environment files (name and text, in `-e` order) for
    /// checking with `parameters` (heatclient's `-P` and `--parameter-file`
    /// values, already formatted).
    pub fn new(parameters: Vec<(String, Val)>, environments: Vec<(String, String)>) -> Self {
        let environments: Vec<EnvironmentFile> = environments
            .into_iter()
            .map(|(name, src)| {
                let parsed = hotc_grammar::parse(&src);
                let (value, build_errors) =
                    hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
                // A duplicate key is a warning, and Heat reads the file.
                let readable = parsed.errors.is_empty()
                    && build_errors
                        .iter()
                        .all(|e| render::syntax(e).severity != Severity::Error);
                EnvironmentFile {
                    name,
                    value: readable.then_some(value),
                }
            })
            .collect();
        let registry = read_registry(&environments);
        StackInputs {
            parameters,
            environments,
            registry,
            complete: false,
        }
    }

    /// The same inputs, taken as every value the stack gets, as when a
    /// stack is created from them (`hotc plan`): then a parameter without a
    /// value or default is missing (HOT064) even when none were given,
    /// where `hotc lint` of a template alone stays silent.
    #[must_use]
    pub fn complete(mut self) -> Self {
        self.complete = true;
        self
    }

    /// Whether any value or environment was given: without them a template
    /// is checked alone, and a parameter without a value is not missing.
    pub fn is_empty(&self) -> bool {
        self.parameters.is_empty() && self.environments.is_empty()
    }

    /// The environment files' value trees, for the merge; `None` when one
    /// cannot be read (then Heat refuses the files, which their own lint
    /// reports).
    pub(crate) fn trees(&self) -> Option<Vec<(String, Value)>> {
        self.environments
            .iter()
            .map(|e| Some((e.name.clone(), e.value.clone()?)))
            .collect()
    }

    /// The value of each parameter of `template` in a stack made with these
    /// inputs (`params::parameter_values` after Heat's merge of `-P` and the
    /// environments); `None` when the environments do not merge (which
    /// `check_stack` reports).
    pub fn parameter_values(
        &self,
        template: &crate::ir::Template,
    ) -> Option<Vec<(String, Option<Val>)>> {
        let env = crate::params::merge_environments(
            &self.parameters,
            &self.trees()?,
            &template.parameters,
        )
        .ok()?;
        Some(crate::params::parameter_values(&template.parameters, &env))
    }

    /// The name of environment file `env`.
    pub(crate) fn env_name(&self, env: usize) -> &str {
        self.environments.get(env).map_or("", |e| e.name.as_str())
    }
}

impl Registry {
    /// Resolves `type_name` for resource `resource` as Heat's registry
    /// does: a per-resource mapping first, then the type's own entry, then
    /// globs, following type-to-type mappings (a bounded number of times:
    /// Heat follows them until one is found, and a loop of mappings finds
    /// nothing). A type no entry maps resolves to itself.
    pub(crate) fn resolve(&self, stack: &StackInputs, resource: &str, type_name: &str) -> Resolved {
        let mut current = type_name.to_owned();
        for _ in 0..8 {
            let Some(mapping) = self.lookup(resource, &current) else {
                break;
            };
            match &mapping.to {
                Target::Type(to) => {
                    let next = match (mapping.from.strip_suffix('*'), to.strip_suffix('*')) {
                        (Some(prefix), Some(to_prefix)) => {
                            format!("{to_prefix}{}", current.get(prefix.len()..).unwrap_or(""))
                        }
                        _ => to.clone(),
                    };
                    if next == current {
                        break;
                    }
                    current = next;
                }
                Target::Template(path) => {
                    return Resolved::Template {
                        from: stack.env_name(mapping.env).to_owned(),
                        path: path.clone(),
                    };
                }
                Target::Removed | Target::Other => break,
            }
        }
        Resolved::Type(current)
    }

    /// The entry that maps `type_name` for `resource`, if any.
    pub(crate) fn lookup(&self, resource: &str, type_name: &str) -> Option<&Mapping> {
        let live = |m: &&Mapping| m.to != Target::Removed;
        let own = self
            .resources
            .iter()
            .rev()
            .find(|r| r.name == resource)
            .and_then(|r| r.types.iter().rev().find(|m| m.from == type_name))
            .filter(live);
        own.or_else(|| {
            self.types
                .iter()
                .rev()
                .find(|m| m.from == type_name)
                .filter(live)
        })
        .or_else(|| {
            self.types.iter().rev().filter(live).find(|m| {
                m.from.strip_suffix('*').is_some_and(|prefix| {
                    type_name.starts_with(prefix) && m.to != Target::Type(type_name.to_owned())
                })
            })
        })
    }
}

/// Builds the registry from the files in order: a later file's top-level
/// key replaces an earlier one's (Heat's `merge_map`), so a later
/// `resources` replaces the earlier `resources` whole.
fn read_registry(environments: &[EnvironmentFile]) -> Registry {
    let mut registry = Registry::default();
    for (env, file) in environments.iter().enumerate() {
        let Some(section) = file
            .value
            .as_ref()
            .and_then(|v| v.get("resource_registry"))
            .and_then(Value::as_map)
        else {
            continue;
        };
        for (key, value) in section {
            let Some(name) = key.as_str() else {
                continue;
            };
            if name == "resources" {
                let Some(entries) = value.as_map() else {
                    continue;
                };
                registry.resources.clear();
                for (resource, body) in entries {
                    if let (Some(resource), Some(body)) = (resource.as_str(), body.as_map()) {
                        registry.resources.push(resource_entry(env, resource, body));
                    }
                }
                continue;
            }
            registry.types.retain(|m| m.from != name);
            registry.types.push(mapping(env, key, name, value));
        }
    }
    registry
}

fn mapping(env: usize, key: &Value, from: &str, value: &Value) -> Mapping {
    let to = if value.is_null() {
        Target::Removed
    } else if let Some(text) = value.as_str() {
        if from.ends_with(".yaml")
            || from.ends_with(".template")
            || text.ends_with(".yaml")
            || text.ends_with(".template")
        {
            Target::Template(text.to_owned())
        } else {
            Target::Type(text.to_owned())
        }
    } else {
        Target::Other
    };
    Mapping {
        env,
        from: from.to_owned(),
        to,
        span: if value.is_null() {
            key.span
        } else {
            value.span
        },
    }
}

fn resource_entry(env: usize, name: &str, body: &[(Value, Value)]) -> ResourceEntry {
    let mut entry = ResourceEntry {
        env,
        name: name.to_owned(),
        types: Vec::new(),
        actions: Vec::new(),
    };
    for (key, value) in body {
        let Some(k) = key.as_str() else { continue };
        let action: Option<&'static str> = match k {
            "hooks" => Some("hooks"),
            "restricted_actions" => Some("restricted_actions"),
            _ => None,
        };
        match action {
            Some(action) if !value.is_null() => {
                // Heat accepts a string or a sequence of strings; anything
                // else is one invalid value.
                let names = match value.as_seq() {
                    Some(items) => items
                        .iter()
                        .map(|i| (i.as_str().map(str::to_owned), i.span))
                        .collect(),
                    None => vec![(value.as_str().map(str::to_owned), value.span)],
                };
                entry.actions.push((action, names));
            }
            Some(_) | None => entry.types.push(mapping(env, key, k, value)),
        }
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::StackInputs;
    use crate::eval::Val;
    use crate::source::MemoryLoader;
    use crate::{StackChecked, check_stack};

    const TEMPLATE: &str = "heat_template_version: 2021-04-16
parameters:
  n: {type: number}
  pw: {type: string, hidden: true, constraints: [{length: {min: 8}}]}
  s: {type: string, default: a}
resources:
  a: {type: OS::Heat::None, properties: {pw: {get_param: pw}}}
outputs:
  o: {value: [{get_param: n}, {get_param: s}]}
";

    fn run(cli: &[(&str, &str)], envs: &[&str], loader: &MemoryLoader) -> StackChecked {
        let parameters = cli
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Val::Str((*v).to_owned())))
            .collect();
        let envs = envs
            .iter()
            .enumerate()
            .map(|(i, e)| (format!("env{i}.yaml"), (*e).to_owned()))
            .collect();
        let inputs = StackInputs::new(parameters, envs);
        check_stack(TEMPLATE, "t.yaml", loader, &inputs)
    }

    fn codes(checked: &StackChecked) -> (Vec<&'static str>, Vec<Vec<&'static str>>) {
        (
            checked
                .template
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect(),
            checked
                .environments
                .iter()
                .map(|e| e.iter().map(|d| d.code).collect())
                .collect(),
        )
    }

    /// Heat: `The Parameter (pw) was not provided.` at create, and
    /// `Parameter 'n' is invalid: could not convert string to float: 'x'`;
    /// the hidden value never shows.
    #[test]
    fn command_line_values_are_checked_at_the_declaration() {
        let checked = run(&[("n", "x"), ("pw", "hunter2")], &[], &MemoryLoader::new());
        assert_eq!(codes(&checked).0, ["HOT062", "HOT062"]);
        assert!(
            checked
                .template
                .diagnostics
                .iter()
                .all(|d| !format!("{d:?}").contains("hunter2"))
        );
        let checked = run(&[("n", "1")], &[], &MemoryLoader::new());
        assert_eq!(codes(&checked).0, ["HOT064"]);
    }

    /// Heat: `The Parameter (zz) was not defined in template.` for the
    /// first file's `parameters`, nothing for `parameter_defaults`, and a
    /// later file's unknown name is dropped once `-P` gave `parameters`.
    #[test]
    fn unknown_names_are_refused_only_where_heat_refuses_them() {
        let loader = MemoryLoader::new();
        let env = "parameters: {zz: 1, n: 1, pw: longenough}\n";
        assert_eq!(codes(&run(&[], &[env], &loader)).1, [vec!["HOT063"]]);
        let defaults = "parameter_defaults: {zz: 1, n: 1, pw: longenough}\n";
        assert_eq!(
            codes(&run(&[], &[defaults], &loader)).1,
            [Vec::<&str>::new()]
        );
        assert_eq!(
            codes(&run(&[("n", "1")], &[env], &loader)).1,
            [Vec::<&str>::new()]
        );
    }

    /// Heat: `Invalid hook type "pre_create" for resource breakpoint`, and
    /// `The Resource Type (My::A) could not be found.` for a mapping to a
    /// type Heat lacks; a mapped custom type is no longer HOT041.
    #[test]
    fn the_registry_is_checked_and_used() {
        let template = "heat_template_version: 2021-04-16
resources:
  a: {type: My::A}
  b: {type: My::B}
  c:
    type: My::C
    properties: {flavor: x}
";
        let env = "resource_registry:
  My::A: OS::Heat::Nonee
  My::B: OS::Heat::None
  My::C: c.yaml
  resources:
    a: {hooks: pre_create}
";
        let nested = "heat_template_version: 2021-04-16\nparameters: {flavour: {type: string}}\n";
        let loader = MemoryLoader::new().with("c.yaml", nested);
        let inputs = StackInputs::new(Vec::new(), vec![("e.yaml".to_owned(), env.to_owned())]);
        let checked = check_stack(template, "t.yaml", &loader, &inputs);
        let (here, there) = codes(&checked);
        // The nested template through the registry: `flavor` is not one of
        // its parameters, and `flavour` is not given.
        assert_eq!(here, ["HOT073", "HOT043"]);
        assert_eq!(there, [vec!["HOT067", "HOT066"]]);
    }
}
