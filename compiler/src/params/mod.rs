//! Template parameters as Heat takes them: each parameter's schema read from
//! the template, values converted to the parameter's type and checked
//! against its constraints, and heatclient's `-P` parsing.
//!
//! Guarantees: no I/O (files come in as text); every check gives Heat's own
//! message text for the failure, in the same order Heat checks (type
//! conversion first, then each constraint in template order, stopping at the
//! first failure); a `hidden` parameter's value is never put into a message
//! (Heat's own messages print the value, so hotc prints `******` there).

mod cli;
mod constraints;
mod convert;
pub mod custom;
mod environment;
mod pattern;

pub use cli::{MalformedParameter, parse_cli_params, parse_parameter_files};
pub use constraints::{Constraint, ConstraintKind, PatternProblem, check, read_constraints};
pub use convert::{ParamType, to_bool, to_json, to_list, to_num, typed_value, validated_value};
pub use environment::{Environment, MergeProblem, merge_environments};
pub use pattern::PatternVerdict;

use hotc_grammar::{Span, Value};

use crate::eval::Val;
use crate::intrinsics::python;

/// What hotc prints in place of a hidden parameter's value (Heat's mask).
pub const HIDDEN_MASK: &str = "******";

/// One parameter's schema, as far as value checking needs it.
#[derive(Debug, Clone)]
pub struct ParamSchema {
    pub name: String,
    pub span: Span,
    pub ty: ParamType,
    pub default: Option<Val>,
    /// The default's span, for diagnostics.
    pub default_span: Option<Span>,
    pub hidden: bool,
    pub constraints: Vec<Constraint>,
}

/// The pseudo-parameters Heat adds to every stack.
pub const PSEUDO_PARAMETERS: &[&str] = &["OS::stack_name", "OS::stack_id", "OS::project_id"];

/// Reads the `parameters` section of a template. A parameter whose type
/// is missing or unknown is left out (HOT020/HOT021 report those); patterns
/// that do not compile come back alongside.
pub fn read_schemas(template: &Value) -> (Vec<ParamSchema>, Vec<PatternProblem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let entries = template
        .get("parameters")
        .and_then(Value::as_map)
        .unwrap_or_default();
    for (key, definition) in entries {
        let (Some(name), Some(ty)) = (
            key.as_str(),
            definition
                .get("type")
                .and_then(Value::as_str)
                .and_then(ParamType::from_name),
        ) else {
            continue;
        };
        let default = definition.get("default").filter(|d| !d.is_null());
        // HOT's `hidden` goes through strutils.bool_from_string (lenient).
        let hidden = definition
            .get("hidden")
            .is_some_and(|h| to_bool(&Val::from_literal(h)) == Ok(true));
        let (constraints, mut found) = definition
            .get("constraints")
            .map(read_constraints)
            .unwrap_or_default();
        problems.append(&mut found);
        out.push(ParamSchema {
            name: name.to_owned(),
            span: key.span,
            ty,
            default: default.map(Val::from_literal),
            default_span: default.map(|d| d.span),
            hidden,
            constraints,
        });
    }
    (out, problems)
}

/// Why a value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// The template's default breaks a constraint: Heat's
    /// `Invalid default %s (%s)`.
    InvalidDefault { value: String, reason: String },
    /// A value (given, or the default when none is) does not convert to
    /// the type or breaks a constraint: Heat's message for that.
    InvalidValue { reason: String },
}

impl ParamSchema {
    /// The value text for a message: masked when hidden.
    fn shown(&self, v: &Val) -> String {
        if self.hidden {
            HIDDEN_MASK.to_owned()
        } else {
            python::str(v)
        }
    }

    /// Checks the template's default as `Parameter.validate` does without a
    /// given value: first `Schema._validate_default` (a list type's string
    /// default split on `,`, custom constraints skipped: `InvalidDefault`),
    /// then the default as the value (converted to the type: `InvalidValue`).
    pub fn check_default(&self) -> Result<(), ValueProblem> {
        self.check_default_constraints()?;
        self.default
            .as_ref()
            .map_or(Ok(()), |d| self.check_value(d))
    }

    /// `Schema._validate_default` alone.
    fn check_default_constraints(&self) -> Result<(), ValueProblem> {
        let Some(default) = &self.default else {
            return Ok(());
        };
        let value = match self.ty {
            ParamType::CommaDelimitedList => match default {
                Val::List(items) => {
                    Val::List(items.iter().map(|x| Val::Str(python::str(x))).collect())
                }
                Val::Str(s) => Val::List(s.split(',').map(|p| Val::Str(p.to_owned())).collect()),
                Val::Null
                | Val::Bool(_)
                | Val::Int(_)
                | Val::Float(_)
                | Val::Map(_)
                | Val::Unknown => {
                    return Err(ValueProblem::InvalidValue {
                        reason: format!(
                            "Default must be a comma-delimited list string: '{}' object has no attribute 'split'",
                            convert::python_type(default)
                        ),
                    });
                }
            },
            ParamType::String | ParamType::Number | ParamType::Json | ParamType::Boolean => {
                default.clone()
            }
        };
        for c in &self.constraints {
            if matches!(c.kind, ConstraintKind::Custom(_)) {
                continue;
            }
            check(c, self.ty, &value).map_err(|reason| ValueProblem::InvalidDefault {
                value: self.shown(default),
                reason: self.mask(reason, default),
            })?;
        }
        Ok(())
    }

    /// Checks a given value (`-P`, an environment's `parameters`) as
    /// `Parameter._validate` does: converted to the type, then every
    /// constraint, custom ones included where Heat checks them without a
    /// cloud (`custom`).
    pub fn check_value(&self, given: &Val) -> Result<(), ValueProblem> {
        let value =
            validated_value(self.ty, given).map_err(|reason| ValueProblem::InvalidValue {
                reason: self.mask(reason, given),
            })?;
        for c in &self.constraints {
            check(c, self.ty, &value).map_err(|reason| ValueProblem::InvalidValue {
                reason: self.mask(reason, given),
            })?;
        }
        Ok(())
    }

    /// Heat's messages quote the value; a hidden one is masked wherever it
    /// appears in the message text.
    fn mask(&self, reason: String, v: &Val) -> String {
        let text = python::str(v);
        if self.hidden && !text.is_empty() {
            reason.replace(&text, HIDDEN_MASK)
        } else {
            reason
        }
    }
}

/// Why Heat refuses the parameters of a stack (`Parameters.validate`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GivenProblem {
    /// `The Parameter (%s) was not defined in template.`
    Unknown { name: String },
    /// `The Parameter (%s) was not provided.`: no value and no default.
    Missing { name: String },
    /// `Parameter '%s' is invalid: ...`
    Invalid { name: String, problem: ValueProblem },
}

/// Checks a merged environment's values against the template's parameters
/// as `Parameters.validate` does: every given name must be a template
/// parameter (pseudo-parameters included: they cannot be given), then each
/// parameter in template order has its template default checked, then its
/// value — the given one, else `parameter_defaults`' (which replaces the
/// template's default), else the template default. Heat stops at the first
/// problem; all are returned, in Heat's order.
pub fn check_parameters(schemata: &[ParamSchema], env: &Environment) -> Vec<GivenProblem> {
    let given = map_entries(&env.parameters);
    let mut problems = Vec::new();
    for (key, _) in given {
        let name = python::str(key);
        if !schemata.iter().any(|s| s.name == name) {
            problems.push(GivenProblem::Unknown { name });
        }
    }
    for schema in schemata {
        let invalid = |problem| GivenProblem::Invalid {
            name: schema.name.clone(),
            problem,
        };
        // `Schema._validate_default` looks at the template's default only,
        // whatever is given.
        if let Err(p) = schema.check_default_constraints() {
            problems.push(invalid(p));
            continue;
        }
        match raw_value(schema, env) {
            Some(v) => {
                if let Err(p) = schema.check_value(&v) {
                    problems.push(invalid(p));
                }
            }
            None => problems.push(GivenProblem::Missing {
                name: schema.name.clone(),
            }),
        }
    }
    problems
}

/// The value a parameter takes in a stack: the given one, else
/// `parameter_defaults`' (which replaces the template's default), else the
/// template default; `None` when there is none. Not converted.
fn raw_value(schema: &ParamSchema, env: &Environment) -> Option<Val> {
    let lookup = |list: &[(Val, Val)]| {
        list.iter()
            .find(|(k, _)| matches!(k, Val::Str(s) if *s == schema.name))
            .map(|(_, v)| v.clone())
            .filter(|v| *v != Val::Null)
    };
    lookup(map_entries(&env.parameters))
        .or_else(|| lookup(map_entries(&env.parameter_defaults)))
        .or_else(|| schema.default.clone())
}

/// The values `get_param` gives in a stack made with `env`, per template
/// parameter in template order (`typed_value` of the value `raw_value`
/// picks); `None` for a parameter with no value, or one whose value does
/// not convert (`check_parameters` reports both).
pub fn parameter_values(schemata: &[ParamSchema], env: &Environment) -> Vec<(String, Option<Val>)> {
    schemata
        .iter()
        .map(|schema| {
            let value = raw_value(schema, env).and_then(|v| typed_value(schema.ty, &v).ok());
            (schema.name.clone(), value)
        })
        .collect()
}

/// [`parameter_values`] with `given` as the only values (as `-P` without
/// environment files would give them, already split).
pub fn parameter_values_given(
    schemata: &[ParamSchema],
    given: &[(&str, Val)],
) -> Vec<(String, Option<Val>)> {
    let env = Environment {
        parameters: Val::Map(
            given
                .iter()
                .map(|(k, v)| (Val::Str((*k).to_owned()), v.clone()))
                .collect(),
        ),
        ..Environment::empty()
    };
    parameter_values(schemata, &env)
}

/// A section's entries when it is a mapping.
fn map_entries(v: &Val) -> &[(Val, Val)] {
    v.as_map().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schemas(yaml: &str) -> Vec<ParamSchema> {
        let parsed = hotc_grammar::parse(yaml);
        let (value, _) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
        read_schemas(&value).0
    }

    fn s(v: &str) -> Val {
        Val::Str(v.to_owned())
    }

    const TEMPLATE: &str = "\
heat_template_version: 2018-08-31
parameters:
  env:
    type: string
    default: qa
    constraints:
      - allowed_values: [dev, prod]
  secret:
    type: string
    hidden: true
    constraints:
      - length: {min: 8}
  zones:
    type: comma_delimited_list
    default: a,b
    constraints:
      - allowed_values: [a, b]
  count:
    type: number
    default: 2
  odd: {type: unknown}
";

    #[test]
    fn reads_typed_parameters_only() {
        let names: Vec<String> = schemas(TEMPLATE).into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["env", "secret", "zones", "count"]);
    }

    #[test]
    fn defaults_are_checked_as_heat_does() {
        let ps = schemas(TEMPLATE);
        let env = ps.first().expect("env");
        assert_eq!(
            env.check_default(),
            Err(ValueProblem::InvalidDefault {
                value: "qa".to_owned(),
                reason: r#""qa" is not an allowed value ["dev", "prod"]"#.to_owned(),
            })
        );
        for p in ps.iter().skip(1) {
            assert_eq!(p.check_default(), Ok(()), "{}", p.name);
        }
        let bad = schemas(
            "parameters:\n  n: {type: number, default: abc}\n  \
             l: {type: comma_delimited_list, default: 5}\n",
        );
        let problems: Vec<_> = bad.iter().map(ParamSchema::check_default).collect();
        assert_eq!(
            problems,
            [
                Err(ValueProblem::InvalidValue {
                    reason: "could not convert string to float: 'abc'".to_owned()
                }),
                Err(ValueProblem::InvalidValue {
                    reason: "Default must be a comma-delimited list string: 'int' object has no attribute 'split'".to_owned()
                }),
            ]
        );
    }

    #[test]
    fn given_parameters_are_checked_as_heat_does() {
        let ps = schemas(
            "parameters:\n  env: {type: string, constraints: [{allowed_values: [dev, prod]}]}\n  \
             size: {type: number, default: 2}\n  name: {type: string}\n",
        );
        let env = merge_environments(
            &parse_cli_params(&["env=qa;nope=1".to_owned()]).expect("parses"),
            &[],
            &ps,
        )
        .expect("merges");
        assert_eq!(
            check_parameters(&ps, &env),
            [
                GivenProblem::Unknown {
                    name: "nope".to_owned()
                },
                GivenProblem::Invalid {
                    name: "env".to_owned(),
                    problem: ValueProblem::InvalidValue {
                        reason: r#""qa" is not an allowed value ["dev", "prod"]"#.to_owned()
                    }
                },
                GivenProblem::Missing {
                    name: "name".to_owned()
                },
            ]
        );
        // parameter_defaults stand in for the template's default.
        let parsed = hotc_grammar::parse("parameter_defaults: {size: many, name: x, env: dev}\n");
        let (tree, _) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
        let env = merge_environments(&[], &[("e.yaml".to_owned(), tree)], &ps).expect("merges");
        assert_eq!(
            check_parameters(&ps, &env),
            [GivenProblem::Invalid {
                name: "size".to_owned(),
                problem: ValueProblem::InvalidValue {
                    reason: "could not convert string to float: 'many'".to_owned()
                }
            }]
        );
    }

    #[test]
    fn given_values_meet_local_custom_constraints() {
        // Heat 27 `Parameter._validate` runs every constraint on a given
        // value: `Parameter 'gw' is invalid: Error validating value
        // '10.0.0.256': Invalid IP address`; `_validate_default` skips
        // custom constraints, so a bad default is no error once a good
        // value is given.
        let ps = schemas(
            "parameters:\n  gw: {type: string, default: x, constraints: [{custom_constraint: ip_addr}]}\n  \
             flavor: {type: string, constraints: [{custom_constraint: nova.flavor}]}\n",
        );
        let given = |text: &str| {
            let env = merge_environments(
                &parse_cli_params(&[text.to_owned()]).expect("parses"),
                &[],
                &ps,
            )
            .expect("merges");
            check_parameters(&ps, &env)
        };
        assert_eq!(
            given("gw=10.0.0.256;flavor=any"),
            [GivenProblem::Invalid {
                name: "gw".to_owned(),
                problem: ValueProblem::InvalidValue {
                    reason: "Error validating value '10.0.0.256': Invalid IP address".to_owned()
                }
            }]
        );
        assert_eq!(given("gw=10.0.0.1;flavor=any"), []);
    }

    #[test]
    fn given_values_are_converted_then_constrained() {
        let ps = schemas(TEMPLATE);
        let [env, secret, zones, count] = ps.as_slice() else {
            panic!("four parameters");
        };
        assert_eq!(env.check_value(&s("prod")), Ok(()));
        assert_eq!(zones.check_value(&s("b,a")), Ok(()));
        assert!(zones.check_value(&s("a,c")).is_err());
        assert_eq!(count.check_value(&s("3.5")), Ok(()));
        assert_eq!(
            count.check_value(&s("many")),
            Err(ValueProblem::InvalidValue {
                reason: "could not convert string to float: 'many'".to_owned()
            })
        );
        // A hidden value never appears in a message.
        let Err(ValueProblem::InvalidValue { reason }) = secret.check_value(&s("hunter2")) else {
            panic!("too short");
        };
        assert!(!reason.contains("hunter2"), "{reason}");
    }
}
