//! A parameter's constraints read from the template and checked against a
//! value as Heat's `heat/engine/constraints.py` checks them.
//!
//! Guarantees: a failed check gives Heat's message, or the constraint's
//! `description` when it has one (Heat shows that instead). `range` and
//! `modulo` compare with Python's numbers (`%` takes the divisor's sign);
//! `length` counts characters, list items or mapping keys; `allowed_values`
//! compares each list item, or the value converted to the parameter's type;
//! `allowed_pattern` matches from the start as `re.match` does and passes
//! only when the match reaches the end of the value. A pattern the `regex`
//! crate cannot compile is reported (see `pattern`), never guessed at; a
//! `custom_constraint` is checked when it is one Heat checks without a cloud
//! (see `custom`) and the value is a string, and is never failed otherwise.
//! A constraint Heat cannot build (HOT022 reports those) is skipped.

use hotc_grammar::{Span, Value, ValueKind};

use super::convert::{self, ParamType};
use super::custom;
use super::pattern::{self, Pattern, PatternVerdict};
use crate::eval::{Val, python_json};
use crate::intrinsics::python;

/// One constraint of a parameter.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub kind: ConstraintKind,
    /// Shown by Heat instead of its own message when the check fails.
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub enum ConstraintKind {
    Length {
        min: Option<Val>,
        max: Option<Val>,
    },
    Range {
        min: Option<Val>,
        max: Option<Val>,
    },
    Modulo {
        step: Val,
        offset: Val,
    },
    AllowedValues(Vec<Val>),
    AllowedPattern {
        pattern: String,
        regex: Pattern,
    },
    /// A named custom constraint (`nova.flavor`, `ip_addr`, ...): checked
    /// here only for the names Heat checks without a cloud (`custom`).
    Custom(String),
}

impl ConstraintKind {
    /// Whether Heat lets the constraint apply to a parameter of this type
    /// (each constraint class's `valid_types`); Heat refuses the schema,
    /// before any value is looked at, when it does not.
    pub fn applies_to(&self, ty: ParamType) -> bool {
        match self {
            Self::Range { .. } | Self::Modulo { .. } => ty == ParamType::Number,
            Self::Length { .. } => matches!(
                ty,
                ParamType::String | ParamType::CommaDelimitedList | ParamType::Json
            ),
            Self::AllowedValues(_) | Self::Custom(_) => ty != ParamType::Json,
            Self::AllowedPattern { .. } => ty == ParamType::String,
        }
    }
}

/// An `allowed_pattern` that the `regex` crate cannot compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternProblem {
    pub pattern: String,
    pub span: Span,
    /// The regex crate's error.
    pub message: String,
    /// Whether Heat refuses it too, or it may be Python-only syntax.
    pub verdict: PatternVerdict,
}

/// Reads a parameter's `constraints` list; patterns that do not compile
/// come back as problems.
pub fn read_constraints(list: &Value) -> (Vec<Constraint>, Vec<PatternProblem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for item in list.as_seq().unwrap_or_default() {
        let Some(entries) = item.as_map() else {
            continue;
        };
        let description = item.get("description").and_then(|d| match &d.kind {
            ValueKind::Null => None,
            ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_)
            | ValueKind::Seq(_)
            | ValueKind::Map(_) => Some(python::str(&Val::from_literal(d))),
        });
        for (key, value) in entries {
            let Some(kind) = key.as_str() else { continue };
            let built = match kind {
                "length" => bounds(value).map(|(min, max)| ConstraintKind::Length { min, max }),
                "range" => bounds(value).map(|(min, max)| ConstraintKind::Range { min, max }),
                "modulo" => modulo(value),
                "allowed_values" => value.as_seq().map(|v| {
                    ConstraintKind::AllowedValues(v.iter().map(Val::from_literal).collect())
                }),
                "allowed_pattern" => value.as_str().and_then(|p| match pattern::compile(p) {
                    Ok(regex) => Some(ConstraintKind::AllowedPattern {
                        pattern: p.to_owned(),
                        regex,
                    }),
                    Err((message, verdict)) => {
                        problems.push(PatternProblem {
                            pattern: p.to_owned(),
                            span: value.span,
                            message,
                            verdict,
                        });
                        None
                    }
                }),
                "custom_constraint" => value.as_str().map(|n| ConstraintKind::Custom(n.to_owned())),
                // `description` is read above; anything else is HOT022's.
                _ => None,
            };
            if let Some(kind) = built {
                out.push(Constraint {
                    kind,
                    description: description.clone(),
                });
            }
        }
    }
    (out, problems)
}

fn number(v: &Value) -> Option<Val> {
    convert::to_num(&Val::from_literal(v)).ok()
}

fn bounds(v: &Value) -> Option<(Option<Val>, Option<Val>)> {
    v.as_map()?;
    let bound = |name| v.get(name).filter(|b| !b.is_null()).map(number);
    let min = bound("min");
    let max = bound("max");
    // A bound that is not a number is HOT022's error: no constraint.
    if matches!(min, Some(None)) || matches!(max, Some(None)) || (min.is_none() && max.is_none()) {
        return None;
    }
    Some((min.flatten(), max.flatten()))
}

fn modulo(v: &Value) -> Option<ConstraintKind> {
    let step = number(v.get("step")?)?;
    let offset = number(v.get("offset")?)?;
    (as_f64(&step) != Some(0.0)).then_some(ConstraintKind::Modulo { step, offset })
}

fn as_f64(v: &Val) -> Option<f64> {
    match v {
        #[expect(
            clippy::cast_precision_loss,
            reason = "Python compares int and float as floats too"
        )]
        Val::Int(i) => Some(*i as f64),
        Val::Float(f) => Some(*f),
        Val::Bool(b) => Some(f64::from(u8::from(*b))),
        Val::Null | Val::Str(_) | Val::List(_) | Val::Map(_) | Val::Unknown => None,
    }
}

/// Python's `str()` of an optional bound (`None` when absent).
fn bound_str(b: Option<&Val>) -> String {
    b.map_or_else(|| "None".to_owned(), python::str)
}

/// Python's `len(v)`.
fn python_len(v: &Val) -> Result<usize, String> {
    match v {
        Val::Str(s) => Ok(s.chars().count()),
        Val::List(items) => Ok(items.len()),
        Val::Map(entries) => Ok(entries.len()),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Unknown => Err(format!(
            "object of type '{}' has no len()",
            convert::python_type(v)
        )),
    }
}

/// Python's `a % b` on floats: the result takes the divisor's sign.
fn python_mod(a: f64, b: f64) -> f64 {
    let r = a % b;
    if r != 0.0 && (r < 0.0) != (b < 0.0) {
        r + b
    } else {
        r
    }
}

fn in_range(n: f64, min: Option<&Val>, max: Option<&Val>) -> bool {
    min.and_then(as_f64).is_none_or(|m| n >= m) && max.and_then(as_f64).is_none_or(|m| n <= m)
}

/// The constraint schema's `to_schema_type` for `allowed_values`.
fn to_schema_type(ty: ParamType, v: &Val) -> Result<Val, String> {
    let converted = match ty {
        ParamType::Number => convert::to_num(v),
        ParamType::String => Ok(Val::Str(python::str(v))),
        ParamType::Boolean => convert::to_bool(v).map(Val::Bool),
        ParamType::CommaDelimitedList | ParamType::Json => Ok(v.clone()),
    };
    let type_name = match ty {
        ParamType::Number => "Number",
        ParamType::String => "String",
        ParamType::Boolean => "Boolean",
        ParamType::CommaDelimitedList => "List",
        ParamType::Json => "Map",
    };
    converted.map_err(|_| {
        format!(
            "Value \"{}\" is invalid for data type \"{type_name}\".",
            python::str(v)
        )
    })
}

/// Checks one constraint against the value Heat hands it (see
/// [`convert::validated_value`]); the error is Heat's message.
pub fn check(c: &Constraint, ty: ParamType, value: &Val) -> Result<(), String> {
    let own = check_kind(&c.kind, ty, value);
    match (own, &c.description) {
        (Err(_), Some(d)) => Err(d.clone()),
        (result, _) => result,
    }
}

fn check_kind(kind: &ConstraintKind, ty: ParamType, value: &Val) -> Result<(), String> {
    match kind {
        ConstraintKind::Length { min, max } => {
            let len = python_len(value)?;
            #[expect(clippy::cast_precision_loss, reason = "lengths are far below 2^52")]
            let ok = in_range(len as f64, min.as_ref(), max.as_ref());
            ok.then_some(()).ok_or_else(|| {
                format!(
                    "length ({len}) is out of range (min: {}, max: {})",
                    bound_str(min.as_ref()),
                    bound_str(max.as_ref())
                )
            })
        }
        ConstraintKind::Range { min, max } => {
            // str_to_num's ValueError is the constraint's message.
            let n = as_f64(&convert::to_num(value)?);
            n.is_some_and(|n| in_range(n, min.as_ref(), max.as_ref()))
                .then_some(())
                .ok_or_else(|| {
                    format!(
                        "{} is out of range (min: {}, max: {})",
                        python::str(value),
                        bound_str(min.as_ref()),
                        bound_str(max.as_ref())
                    )
                })
        }
        ConstraintKind::Modulo { step, offset } => {
            let n = as_f64(&convert::to_num(value)?);
            let ok = match (n, as_f64(step), as_f64(offset)) {
                (Some(n), Some(s), Some(o)) => python_mod(n, s) == o,
                _ => false,
            };
            ok.then_some(()).ok_or_else(|| {
                format!(
                    "{} is not a multiple of {} with an offset of {}",
                    python::str(value),
                    python::str(step),
                    python::str(offset)
                )
            })
        }
        ConstraintKind::AllowedValues(allowed) => {
            let ok = if let Val::List(items) = value {
                items
                    .iter()
                    .all(|v| python::list_contains(allowed, v) == Some(true))
            } else {
                let wanted = to_schema_type(ty, value)?;
                let allowed: Vec<Val> = allowed
                    .iter()
                    .map(|a| to_schema_type(ty, a))
                    .collect::<Result<_, _>>()?;
                python::list_contains(&allowed, &wanted) == Some(true)
            };
            ok.then_some(()).ok_or_else(|| {
                let listed: Vec<String> = allowed.iter().map(|a| python_json(a, false)).collect();
                format!(
                    "{} is not an allowed value [{}]",
                    python_json(value, false),
                    listed.join(", ")
                )
            })
        }
        ConstraintKind::AllowedPattern { pattern, regex } => {
            let text = python::str(value);
            // A pattern fancy-regex gave up on is not checked: no guess.
            let ok = regex.full_match(&text).unwrap_or(true);
            ok.then_some(())
                .ok_or_else(|| format!("\"{text}\" does not match pattern \"{pattern}\""))
        }
        // Heat hands the value as it is; only strings are checked, since
        // most of these classes raise something other than a constraint
        // failure on anything else.
        ConstraintKind::Custom(name) => match value {
            Val::Str(text) => match custom::check(name, text) {
                custom::Verdict::Invalid(message) => Err(message),
                custom::Verdict::Valid | custom::Verdict::Unchecked => Ok(()),
            },
            Val::Null
            | Val::Bool(_)
            | Val::Int(_)
            | Val::Float(_)
            | Val::List(_)
            | Val::Map(_)
            | Val::Unknown => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraints(yaml: &str) -> (Vec<Constraint>, Vec<PatternProblem>) {
        let parsed = hotc_grammar::parse(yaml);
        let (value, _) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
        read_constraints(&value)
    }

    fn first(yaml: &str) -> Constraint {
        let (mut cs, problems) = constraints(yaml);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cs.len(), 1, "{yaml}");
        cs.remove(0)
    }

    fn s(v: &str) -> Val {
        Val::Str(v.to_owned())
    }

    #[test]
    fn allowed_values_message_is_heats() {
        let c = first("- allowed_values: [dev, prod]\n");
        assert_eq!(check(&c, ParamType::String, &s("dev")), Ok(()));
        assert_eq!(
            check(&c, ParamType::String, &s("qa")),
            Err(r#""qa" is not an allowed value ["dev", "prod"]"#.to_owned())
        );
        let n = first("- allowed_values: [1, 2]\n");
        assert_eq!(check(&n, ParamType::Number, &s("2")), Ok(()));
        assert!(check(&n, ParamType::Number, &s("x")).is_err());
        let l = first("- allowed_values: [a, b]\n");
        assert_eq!(
            check(
                &l,
                ParamType::CommaDelimitedList,
                &Val::List(vec![s("b"), s("a")])
            ),
            Ok(())
        );
        assert!(check(&l, ParamType::CommaDelimitedList, &Val::List(vec![s("c")])).is_err());
    }

    #[test]
    fn range_length_and_modulo() {
        let r = first("- range: {min: 1, max: 8}\n");
        assert_eq!(check(&r, ParamType::Number, &s("8")), Ok(()));
        assert_eq!(
            check(&r, ParamType::Number, &Val::Int(9)),
            Err("9 is out of range (min: 1, max: 8)".to_owned())
        );
        let l = first("- length: {min: 2}\n  description: too short\n");
        assert_eq!(check(&l, ParamType::String, &s("ab")), Ok(()));
        assert_eq!(
            check(&l, ParamType::String, &s("é")),
            Err("too short".to_owned())
        );
        let l = first("- length: {max: 1}\n");
        assert_eq!(
            check(&l, ParamType::String, &s("ab")),
            Err("length (2) is out of range (min: None, max: 1)".to_owned())
        );
        assert_eq!(
            check(&r, ParamType::Number, &s("abc")),
            Err("could not convert string to float: 'abc'".to_owned())
        );
        let m = first("- modulo: {step: 2, offset: 1}\n");
        assert_eq!(check(&m, ParamType::Number, &Val::Int(-3)), Ok(()));
        assert_eq!(
            check(&m, ParamType::Number, &Val::Int(4)),
            Err("4 is not a multiple of 2 with an offset of 1".to_owned())
        );
    }

    #[test]
    fn patterns_match_from_the_start_to_the_end() {
        let p = first("- allowed_pattern: '[a-z]+'\n");
        assert_eq!(check(&p, ParamType::String, &s("abc")), Ok(()));
        assert_eq!(
            check(&p, ParamType::String, &s("abc1")),
            Err(r#""abc1" does not match pattern "[a-z]+""#.to_owned())
        );
        assert!(check(&p, ParamType::String, &s("1abc")).is_err());
        // re.match takes the leftmost alternative: `a` ends before `ab`'s end.
        let alt = first("- allowed_pattern: 'a|ab'\n");
        assert!(check(&alt, ParamType::String, &s("ab")).is_err());
        let z = first("- allowed_pattern: 'x\\Z'\n");
        assert_eq!(check(&z, ParamType::String, &s("x")), Ok(()));
    }

    #[test]
    fn patterns_that_do_not_compile_are_reported() {
        // `a{,3}` is valid Python (`a{0,3}`) that neither crate reads as
        // Python does: unchecked. Look-around compiles (fancy-regex).
        let (cs, problems) = constraints(
            "- allowed_pattern: '[a-'\n- allowed_pattern: 'a{,3}'\n- allowed_pattern: '(?=a)a'\n",
        );
        assert_eq!(cs.len(), 1);
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems.first().map(|p| p.verdict),
            Some(PatternVerdict::PythonRejects)
        );
        assert_eq!(
            problems.get(1).map(|p| p.verdict),
            Some(PatternVerdict::Unchecked)
        );
    }

    #[test]
    fn only_local_custom_constraints_are_checked() {
        let c = first("- custom_constraint: nova.flavor\n");
        assert_eq!(check(&c, ParamType::String, &s("anything")), Ok(()));
        // Heat 27: `Error validating value '10.0.0.256': Invalid IP address`.
        let ip = first("- custom_constraint: ip_addr\n");
        assert_eq!(
            check(&ip, ParamType::String, &s("10.0.0.256")),
            Err("Error validating value '10.0.0.256': Invalid IP address".to_owned())
        );
        assert_eq!(check(&ip, ParamType::String, &s("10.0.0.1")), Ok(()));
        // A description replaces Heat's message, as for every constraint.
        let d = first("- custom_constraint: ip_addr\n  description: an address\n");
        assert_eq!(
            check(&d, ParamType::String, &s("x")),
            Err("an address".to_owned())
        );
    }
}
