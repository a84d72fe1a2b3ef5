//! Environment files merged as Heat merges them for `openstack stack create
//! -e a.yaml -e b.yaml -P k=v` (heatclient sends the files in order as
//! `environment_files`; Heat's `environment_util.merge_environments` merges
//! them into the request's parameters).
//!
//! Guarantees, each as Heat does it: the merge starts from the `-P`
//! parameters and the empty sections of `default_for_missing`; each file in
//! order is checked as `environment_format.parse` checks it (a mapping, known
//! sections, none empty) and its non-empty sections merged; `parameters` and
//! `parameter_defaults` follow each parameter's strategy from the file's
//! `parameter_merge_strategies` (`overwrite` unless told; `merge` appends
//! strings and lists and merges JSON top-level keys, `deep_merge` merges
//! JSON all the way down; a parameter must keep one strategy across files),
//! while the other sections replace top-level keys. So a file's `parameters`
//! override `-P` values, as in Heat. The first failure stops the merge with
//! Heat's message, including the merges where Heat itself fails with a
//! Python error (which the API reports as a server error).

use hotc_grammar::Value;

use super::ParamSchema;
use super::convert::{self, ParamType};
use crate::eval::Val;
use crate::intrinsics::python;

/// The merged environment, as Heat hands it to `Environment(params)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Environment {
    pub parameters: Val,
    pub parameter_defaults: Val,
    pub resource_registry: Val,
    pub event_sinks: Val,
    pub encrypted_param_names: Val,
}

impl Environment {
    /// No values and no environment files: every parameter takes its
    /// default.
    pub fn empty() -> Self {
        Environment {
            parameters: Val::Map(Vec::new()),
            parameter_defaults: Val::Map(Vec::new()),
            resource_registry: Val::Map(Vec::new()),
            event_sinks: Val::List(Vec::new()),
            encrypted_param_names: Val::List(Vec::new()),
        }
    }
}

/// Why Heat refuses the environments; each names the file it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeProblem {
    /// `The environment is not a valid YAML mapping data type.`
    NotAMapping { file: String },
    /// `environment has wrong section "%s"`
    WrongSection { file: String, section: String },
    /// `environment has empty section "%s"`
    EmptySection { file: String, section: String },
    /// `Conflicting merge strategy '%s' for parameter '%s' in file '%s'.`
    ConflictingStrategy {
        file: String,
        param: String,
        strategy: String,
    },
    /// `Invalid merge strategy 'merge' for parameter '%s'.` (a boolean)
    InvalidStrategy { file: String, param: String },
    /// `Invalid parameter in environment %s.`: a value to merge that is not
    /// a string or list (nor, for `json`, JSON).
    InvalidParameter {
        file: String,
        param: String,
        reason: String,
    },
    /// Heat's merge raises a Python error here (a server error to the
    /// user): the reason is Python's message.
    HeatFails { file: String, reason: String },
}

const SECTIONS: &[&str] = &[
    "parameters",
    "resource_registry",
    "parameter_defaults",
    "encrypted_param_names",
    "event_sinks",
    "parameter_merge_strategies",
];

const STRATEGIES: &[&str] = &["overwrite", "merge", "deep_merge"];

fn key_eq(k: &Val, name: &str) -> bool {
    matches!(k, Val::Str(s) if s == name)
}

fn get<'a>(entries: &'a [(Val, Val)], name: &str) -> Option<&'a Val> {
    entries
        .iter()
        .find(|(k, _)| key_eq(k, name))
        .map(|(_, v)| v)
}

/// Python's `d[k] = v` on a list of entries.
fn set(entries: &mut Vec<(Val, Val)>, key: Val, value: Val) {
    match entries
        .iter_mut()
        .find(|(k, _)| python::eq(k, &key) == Some(true))
    {
        Some((_, slot)) => *slot = value,
        None => entries.push((key, value)),
    }
}

/// `merge_map(old, new, deep_merge)`.
fn merge_map(old: Val, new: &Val, deep: bool) -> Result<Val, String> {
    if !python::truthy(&old) {
        return Ok(new.clone());
    }
    let (Val::Map(mut entries), Val::Map(new_entries)) = (old.clone(), new) else {
        return Err(attribute_error(if matches!(old, Val::Map(_)) {
            new
        } else {
            &old
        }));
    };
    for (k, v) in new_entries {
        let merged = match v {
            Val::Null => continue,
            _ if !deep => v.clone(),
            Val::Map(_) => {
                let old_v = dict_get(&entries, k);
                match old_v {
                    Some(o) if python::truthy(&o) => merge_map(o, v, deep)?,
                    Some(_) | None => v.clone(),
                }
            }
            Val::List(_) => match dict_get(&entries, k) {
                Some(o) if python::truthy(&o) => merge_list(Some(o), v)?,
                Some(_) | None => v.clone(),
            },
            Val::Str(s) => match dict_get(&entries, k) {
                Some(Val::Str(o)) => Val::Str(o + s),
                Some(o) => return Err(join_error(&o)),
                None => v.clone(),
            },
            Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Unknown => v.clone(),
        };
        set(&mut entries, k.clone(), merged);
    }
    Ok(Val::Map(entries))
}

fn dict_get(entries: &[(Val, Val)], key: &Val) -> Option<Val> {
    python::dict_get(entries, key).cloned()
}

/// `merge_list(old, new)`: lists extended, strings joined with `,`.
fn merge_list(old: Option<Val>, new: &Val) -> Result<Val, String> {
    let Some(old) = old.filter(python::truthy) else {
        return Ok(new.clone());
    };
    match (old, new) {
        (Val::List(mut items), Val::List(more)) => {
            items.extend(more.iter().cloned());
            Ok(Val::List(items))
        }
        (Val::Str(a), Val::Str(b)) => Ok(Val::Str(format!("{a},{b}"))),
        (o, Val::List(_)) => Err(format!(
            "'{}' object has no attribute 'extend'",
            convert::python_type(&o)
        )),
        (Val::Str(_), n) => Err(join_error(n)),
        (o, _) => Err(join_error(&o)),
    }
}

fn attribute_error(v: &Val) -> String {
    format!(
        "'{}' object has no attribute 'items'",
        convert::python_type(v)
    )
}

fn join_error(v: &Val) -> String {
    format!(
        "sequence item 0: expected str instance, {} found",
        convert::python_type(v)
    )
}

/// `get_param_merge_strategy`: the file's entry for the parameter, else the
/// strategy it already has, else the file's `default`; an unknown name
/// falls back to the file's default.
fn strategy(in_file: &[(Val, Val)], param: &str, known: &[(String, String)]) -> String {
    let text = |v: &Val| python::str(v);
    let env_default = get(in_file, "default").map_or_else(|| "overwrite".to_owned(), text);
    let chosen = get(in_file, param).map(text).or_else(|| {
        known
            .iter()
            .find(|(p, _)| p == param)
            .map(|(_, s)| s.clone())
    });
    match chosen {
        Some(s) if STRATEGIES.contains(&s.as_str()) => s,
        Some(_) | None => env_default,
    }
}

struct Merge<'a> {
    file: &'a str,
    schemata: &'a [ParamSchema],
    /// Each parameter's strategy, fixed by the first file that sets it.
    known: Vec<(String, String)>,
}

impl Merge<'_> {
    fn schema(&self, name: &Val) -> Option<&ParamSchema> {
        let Val::Str(name) = name else { return None };
        self.schemata.iter().find(|s| s.name == *name)
    }

    fn fails(&self, reason: String) -> MergeProblem {
        MergeProblem::HeatFails {
            file: self.file.to_owned(),
            reason,
        }
    }

    /// `merge_parameters(old, new, ...)`.
    fn parameters(
        &mut self,
        old: Val,
        new: &Val,
        in_file: &[(Val, Val)],
    ) -> Result<Val, MergeProblem> {
        let Val::Map(new_entries) = new else {
            return Err(self.fails(attribute_error(new)));
        };
        for (key, value) in new_entries {
            if self.schema(key).is_none() || value == &Val::Null {
                continue;
            }
            let name = python::str(key);
            let s = strategy(in_file, &name, &self.known);
            match self.known.iter().find(|(p, _)| *p == name) {
                None => self.known.push((name, s)),
                Some((_, first)) if *first != s => {
                    return Err(MergeProblem::ConflictingStrategy {
                        file: self.file.to_owned(),
                        param: name,
                        strategy: s,
                    });
                }
                Some(_) => {}
            }
        }
        if !python::truthy(&old) {
            return Ok(new.clone());
        }
        let Val::Map(mut entries) = old else {
            return Err(self.fails(attribute_error(&old)));
        };
        for (key, value) in new_entries {
            let Some(schema) = self.schema(key) else {
                continue;
            };
            if value == &Val::Null {
                continue;
            }
            let name = python::str(key);
            let s = self
                .known
                .iter()
                .find(|(p, _)| *p == name)
                .map_or("overwrite", |(_, s)| s.as_str());
            let merged = match s {
                "deep_merge" => self.param_merge(&entries, key, value, schema, true)?,
                "merge" => self.param_merge(&entries, key, value, schema, false)?,
                _ => value.clone(),
            };
            set(&mut entries, key.clone(), merged);
        }
        Ok(Val::Map(entries))
    }

    /// `param_merge`: one parameter's value merged into the one before.
    fn param_merge(
        &self,
        old: &[(Val, Val)],
        key: &Val,
        value: &Val,
        schema: &ParamSchema,
        deep: bool,
    ) -> Result<Val, MergeProblem> {
        let invalid = |reason: String| MergeProblem::InvalidParameter {
            file: self.file.to_owned(),
            param: schema.name.clone(),
            reason,
        };
        let before = dict_get(old, key);
        match schema.ty {
            ParamType::Json => {
                let parsed = convert::to_json(value).map_err(invalid)?;
                merge_map(before.unwrap_or(Val::Map(Vec::new())), &parsed, deep)
                    .map_err(|e| self.fails(e))
            }
            ParamType::CommaDelimitedList
            | ParamType::String
            | ParamType::Number
            | ParamType::Boolean => {
                // parse_param: anything but a string or list is refused.
                if !matches!(value, Val::Str(_) | Val::List(_)) {
                    return Err(invalid(String::new()));
                }
                match schema.ty {
                    ParamType::CommaDelimitedList => {
                        merge_list(before, value).map_err(|e| self.fails(e))
                    }
                    ParamType::String => match (before, value) {
                        (None, v) => Ok(v.clone()),
                        (Some(Val::Str(a)), Val::Str(b)) => Ok(Val::Str(a + b)),
                        (Some(Val::Str(_)), v) => Err(self.fails(join_error(v))),
                        (Some(o), _) => Err(self.fails(join_error(&o))),
                    },
                    // `old.get(k, 0) + value`: strings concatenate, a
                    // number and a string do not add.
                    ParamType::Number => match (before, value) {
                        (Some(Val::Str(a)), Val::Str(b)) => Ok(Val::Str(a + b)),
                        (Some(Val::List(mut a)), Val::List(b)) => {
                            a.extend(b.iter().cloned());
                            Ok(Val::List(a))
                        }
                        (o, v) => Err(self.fails(format!(
                            "unsupported operand type(s) for +: '{}' and '{}'",
                            convert::python_type(&o.unwrap_or(Val::Int(0))),
                            convert::python_type(v)
                        ))),
                    },
                    ParamType::Boolean | ParamType::Json => Err(MergeProblem::InvalidStrategy {
                        file: self.file.to_owned(),
                        param: schema.name.clone(),
                    }),
                }
            }
        }
    }
}

/// Merges `-P` parameters and environment files (name and value tree, in
/// command-line order) against the template's parameters (`schemata`).
pub fn merge_environments(
    given: &[(String, Val)],
    envs: &[(String, Value)],
    schemata: &[ParamSchema],
) -> Result<Environment, MergeProblem> {
    let mut env = Environment {
        parameters: Val::Map(
            given
                .iter()
                .map(|(k, v)| (Val::Str(k.clone()), v.clone()))
                .collect(),
        ),
        ..Environment::empty()
    };
    let mut merge = Merge {
        file: "",
        schemata,
        known: Vec::new(),
    };
    for (file, tree) in envs {
        merge.file = file;
        let parsed = Val::from_literal(tree);
        let sections = match parsed {
            Val::Map(entries) => entries,
            Val::Null => Vec::new(),
            Val::Bool(_)
            | Val::Int(_)
            | Val::Float(_)
            | Val::Str(_)
            | Val::List(_)
            | Val::Unknown => {
                return Err(MergeProblem::NotAMapping { file: file.clone() });
            }
        };
        for (key, value) in &sections {
            let name = python::str(key);
            if !SECTIONS.contains(&name.as_str()) {
                return Err(MergeProblem::WrongSection {
                    file: file.clone(),
                    section: name,
                });
            }
            if value == &Val::Null {
                return Err(MergeProblem::EmptySection {
                    file: file.clone(),
                    section: name,
                });
            }
        }
        let in_file = match get(&sections, "parameter_merge_strategies") {
            Some(Val::Map(entries)) => entries.clone(),
            Some(other) => return Err(merge.fails(attribute_error(other))),
            None => Vec::new(),
        };
        for (key, value) in &sections {
            if !python::truthy(value) {
                continue;
            }
            let slot = match python::str(key).as_str() {
                "parameters" => &mut env.parameters,
                "parameter_defaults" => &mut env.parameter_defaults,
                "resource_registry" => &mut env.resource_registry,
                "event_sinks" => &mut env.event_sinks,
                "encrypted_param_names" => &mut env.encrypted_param_names,
                // Popped before the merge; unknown names were refused above.
                _ => continue,
            };
            let old = std::mem::replace(slot, Val::Null);
            let is_params = key_eq(key, "parameters") || key_eq(key, "parameter_defaults");
            *slot = if is_params {
                merge.parameters(old, value, &in_file)?
            } else {
                merge_map(old, value, false).map_err(|e| merge.fails(e))?
            };
        }
    }
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(yaml: &str) -> Value {
        let parsed = hotc_grammar::parse(yaml);
        hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor).0
    }

    fn schemata() -> Vec<ParamSchema> {
        super::super::read_schemas(&tree(
            "parameters:\n  name: {type: string}\n  zones: {type: comma_delimited_list}\n  \
             meta: {type: json}\n  flag: {type: boolean}\n  count: {type: number}\n",
        ))
        .0
    }

    fn s(v: &str) -> Val {
        Val::Str(v.to_owned())
    }

    fn envs(files: &[&str]) -> Vec<(String, Value)> {
        files
            .iter()
            .enumerate()
            .map(|(i, f)| (format!("env{i}.yaml"), tree(f)))
            .collect()
    }

    fn param(env: &Environment, name: &str) -> Option<Val> {
        get(env.parameters.as_map()?, name).cloned()
    }

    #[test]
    fn later_files_override_earlier_ones_and_the_command_line() {
        let given = vec![("name".to_owned(), s("cli"))];
        let env = merge_environments(
            &given,
            &envs(&["parameters: {name: one}\n", "parameters: {name: two}\n"]),
            &schemata(),
        )
        .expect("merges");
        assert_eq!(param(&env, "name"), Some(s("two")));
    }

    #[test]
    fn merge_strategies_append_and_deep_merge() {
        let env = merge_environments(
            &[],
            &envs(&[
                "parameters: {zones: a, name: x, meta: {a: {b: 1}}}\n",
                "parameters: {zones: b, name: y, meta: {a: {c: 2}}}\n\
                 parameter_merge_strategies: {default: merge, meta: deep_merge}\n",
            ]),
            &schemata(),
        );
        // The first file fixed `overwrite` for each parameter, which wins
        // over the second file's `default`, but not over its explicit
        // `meta: deep_merge` (Heat's verdict on the same files).
        assert_eq!(
            env,
            Err(MergeProblem::ConflictingStrategy {
                file: "env1.yaml".to_owned(),
                param: "meta".to_owned(),
                strategy: "deep_merge".to_owned(),
            })
        );
        let strategies = "parameter_merge_strategies: {default: merge, meta: deep_merge}\n";
        let env = merge_environments(
            &[],
            &envs(&[
                &format!("parameters: {{zones: a, name: x, meta: {{a: {{b: 1}}}}}}\n{strategies}"),
                &format!("parameters: {{zones: b, name: y, meta: {{a: {{c: 2}}}}}}\n{strategies}"),
            ]),
            &schemata(),
        )
        .expect("merges");
        assert_eq!(param(&env, "zones"), Some(s("a,b")));
        assert_eq!(param(&env, "name"), Some(s("xy")));
        assert_eq!(
            param(&env, "meta"),
            Some(Val::Map(vec![(
                s("a"),
                Val::Map(vec![(s("b"), Val::Int(1)), (s("c"), Val::Int(2))])
            )]))
        );
    }

    #[test]
    fn a_boolean_cannot_merge() {
        let strategies = "parameter_merge_strategies: {flag: merge}\n";
        let env = merge_environments(
            &[],
            &envs(&[
                &format!("parameters: {{flag: 'true'}}\n{strategies}"),
                &format!("parameters: {{flag: 'false'}}\n{strategies}"),
            ]),
            &schemata(),
        );
        assert_eq!(
            env,
            Err(MergeProblem::InvalidStrategy {
                file: "env1.yaml".to_owned(),
                param: "flag".to_owned(),
            })
        );
    }

    #[test]
    fn numbers_merge_as_python_adds() {
        let strategies = "parameter_merge_strategies: {count: merge}\n";
        let env = merge_environments(
            &[],
            &envs(&[
                &format!("parameters: {{count: '1'}}\n{strategies}"),
                &format!("parameters: {{count: '2'}}\n{strategies}"),
            ]),
            &schemata(),
        )
        .expect("merges");
        assert_eq!(param(&env, "count"), Some(s("12")));
        let refused = merge_environments(
            &[],
            &envs(&[
                &format!("parameters: {{count: 1}}\n{strategies}"),
                &format!("parameters: {{count: 2}}\n{strategies}"),
            ]),
            &schemata(),
        );
        assert_eq!(
            refused,
            Err(MergeProblem::InvalidParameter {
                file: "env1.yaml".to_owned(),
                param: "count".to_owned(),
                reason: String::new(),
            })
        );
    }

    #[test]
    fn files_are_checked_as_environment_format_parse_does() {
        assert_eq!(
            merge_environments(&[], &envs(&["parameter: {}\n"]), &schemata()),
            Err(MergeProblem::WrongSection {
                file: "env0.yaml".to_owned(),
                section: "parameter".to_owned(),
            })
        );
        assert_eq!(
            merge_environments(&[], &envs(&["resource_registry:\n"]), &schemata()),
            Err(MergeProblem::EmptySection {
                file: "env0.yaml".to_owned(),
                section: "resource_registry".to_owned(),
            })
        );
        assert_eq!(
            merge_environments(&[], &envs(&["- a\n"]), &schemata()),
            Err(MergeProblem::NotAMapping {
                file: "env0.yaml".to_owned()
            })
        );
    }

    #[test]
    fn other_sections_replace_top_level_keys() {
        let env = merge_environments(
            &[],
            &envs(&[
                "resource_registry: {OS::A: a.yaml, resources: {x: {OS::B: b.yaml}}}\n",
                "resource_registry: {resources: {y: {OS::C: c.yaml}}}\n",
            ]),
            &schemata(),
        )
        .expect("merges");
        assert_eq!(
            env.resource_registry,
            Val::Map(vec![
                (s("OS::A"), s("a.yaml")),
                (
                    s("resources"),
                    Val::Map(vec![(s("y"), Val::Map(vec![(s("OS::C"), s("c.yaml"))]))])
                ),
            ])
        );
    }
}
