//! HOT022 invalid-parameter-constraint.

use hotc_grammar::{Span, Value, ValueKind};

use super::mapping_definitions;
use crate::diagnostics::finding::{ConstraintProblem, FindingKind, Shape};
use crate::lint::view::{name, shape, value_span};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;
use crate::versions::{self, HotVersion, Place};

/// The parameter types each constraint applies to: Heat's `valid_types` of
/// each constraint class, in HOT's type names.
const VALID_TYPES: &[(&str, &[&str])] = &[
    ("range", &["number"]),
    ("modulo", &["number"]),
    ("length", &["string", "comma_delimited_list", "json"]),
    (
        "allowed_values",
        &["string", "number", "boolean", "comma_delimited_list"],
    ),
    ("allowed_pattern", &["string"]),
    (
        "custom_constraint",
        &["string", "number", "boolean", "comma_delimited_list"],
    ),
];

const RANGE_BOUNDS: &[&str] = &["min", "max"];
const MODULO_BOUNDS: &[&str] = &["step", "offset"];

/// ## What it does
/// Reports a parameter's `constraints` that is not a list of constraint
/// mappings, a constraint Heat cannot build (unknown key, bad bounds,
/// `allowed_values` not a list, `modulo` before 2017-02-24, ...), and a
/// constraint that does not apply to the parameter's type.
///
/// ## Why is this bad?
/// Heat builds the constraints when it loads the template and refuses a bad
/// one, e.g. `Invalid key 'rnage' for parameter constraints`, `No
/// constraint expressed`, `min/max length must be integral` or `Range
/// constraint invalid for string`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   name:
///     type: string
///     constraints:
///       - range: {min: 1, max: 8}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   name:
///     type: string
///     constraints:
///       - length: {min: 1, max: 8}
/// ```
pub(crate) struct InvalidParameterConstraint;

impl Rule for InvalidParameterConstraint {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let version = cx.version;
        for (name, body, _) in mapping_definitions(root, "parameters") {
            let Some((key, constraints)) = body.get_entry("constraints") else {
                continue;
            };
            let mut problems = Vec::new();
            // Heat skips a null `constraints` and wants a list otherwise.
            match &constraints.kind {
                ValueKind::Null => {}
                ValueKind::Seq(list) => {
                    let param_type = body
                        .get_entry("type")
                        .and_then(|(_, t)| t.as_str())
                        .filter(|t| versions::PARAMETER_TYPES.contains(t));
                    for entry in list {
                        check_entry(cx.src, entry, param_type, version, &mut problems);
                    }
                }
                ValueKind::Bool(_)
                | ValueKind::Int(_)
                | ValueKind::Float(_)
                | ValueKind::Str(_)
                | ValueKind::Map(_) => {
                    let found = shape(constraints);
                    let span = value_span(key, constraints);
                    problems.push((ConstraintProblem::NotAList { found }, span));
                }
            }
            for (problem, span) in problems {
                let parameter = cx.name(name);
                cx.report(FindingKind::InvalidConstraint { parameter, problem }, span);
            }
        }
    }
}

type Problems = Vec<(ConstraintProblem, Span)>;

/// Checks one entry of a `constraints` list the way Heat's
/// `_constraint_from_def` builds it.
fn check_entry(
    src: &str,
    entry: &Value,
    param_type: Option<&str>,
    version: HotVersion,
    problems: &mut Problems,
) {
    let Some(fields) = entry.as_map() else {
        let found = shape(entry);
        problems.push((ConstraintProblem::EntryNotAMapping { found }, entry.span));
        return;
    };
    let mut unknown = false;
    for (key, _) in fields {
        let valid = key
            .as_str()
            .is_some_and(|k| versions::is_valid(Place::Constraint, k, version));
        if !valid {
            unknown = true;
            let key_text = name(key, src);
            let suggestion = nearest(&key_text, versions::names(Place::Constraint, version));
            let problem = ConstraintProblem::UnknownKey {
                key: key_text,
                suggestion,
            };
            problems.push((problem, key.span));
        }
    }
    // Heat stops at the unknown key; the rest would only be guesswork.
    if unknown {
        return;
    }
    let modulo_works = version >= versions::MODULO_SINCE;
    // Heat looks for the kinds in this order and builds the first it finds.
    let order: &[&str] = if modulo_works {
        &[
            "modulo",
            "range",
            "length",
            "allowed_values",
            "allowed_pattern",
            "custom_constraint",
        ]
    } else {
        &[
            "range",
            "length",
            "allowed_values",
            "allowed_pattern",
            "custom_constraint",
        ]
    };
    let Some((kind, key, definition)) = order.iter().find_map(|kind| {
        entry
            .get_entry(kind)
            .map(|(key, value)| (*kind, key, value))
    }) else {
        let (modulo_since, span) = match entry.get_entry("modulo") {
            Some((key, _)) => (Some(versions::MODULO_SINCE), key.span),
            None => (None, entry.span),
        };
        problems.push((ConstraintProblem::NoConstraint { modulo_since }, span));
        return;
    };
    let before = problems.len();
    match kind {
        "range" | "length" => check_bounds(src, kind, key, definition, problems),
        "modulo" => check_modulo(src, key, definition, problems),
        "allowed_values" if shape(definition) != Shape::Seq => {
            let found = shape(definition);
            let span = value_span(key, definition);
            problems.push((ConstraintProblem::AllowedValuesNotAList { found }, span));
        }
        "allowed_pattern" if shape(definition) != Shape::Str => {
            let found = shape(definition);
            let span = value_span(key, definition);
            problems.push((ConstraintProblem::PatternNotAString { found }, span));
        }
        _ => {}
    }
    // Heat checks the type only once the constraint is built.
    if problems.len() > before {
        return;
    }
    let Some(param_type) = param_type else {
        return;
    };
    let valid_types = VALID_TYPES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[][..], |(_, types)| *types);
    if !valid_types.contains(&param_type) {
        let problem = ConstraintProblem::WrongTypeForConstraint {
            kind,
            param_type: param_type.to_owned(),
            valid_types,
        };
        problems.push((problem, key.span));
    }
}

/// A number as Heat's `Schema.str_to_num` makes it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn value(self) -> f64 {
        match self {
            // Precision is irrelevant here: the value is only compared.
            #[expect(clippy::cast_precision_loss, reason = "only compared, never shown")]
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    /// Python's `int(x) == x`.
    fn is_whole(self) -> bool {
        match self {
            Num::Int(_) => true,
            Num::Float(f) => f.is_finite() && f.fract() == 0.0,
        }
    }
}

/// Reads a bound: `Ok(None)` when absent or null, `Err` when Heat's
/// `str_to_num` fails on it.
fn bound(map: &Value, name: &str) -> Result<Option<(Num, Span)>, Span> {
    let Some((key, value)) = map.get_entry(name) else {
        return Ok(None);
    };
    let num = match &value.kind {
        ValueKind::Null => return Ok(None),
        ValueKind::Bool(b) => Num::Int(i128::from(*b)),
        ValueKind::Int(i) => Num::Int(*i),
        ValueKind::Float(f) => Num::Float(*f),
        ValueKind::Str(s) => parse_number(s).ok_or(value.span)?,
        ValueKind::Seq(_) | ValueKind::Map(_) => return Err(value_span(key, value)),
    };
    Ok(Some((num, value.span)))
}

/// Python's `int(s)`, else `float(s)`: surrounding whitespace, a sign, and
/// `_` between digits are allowed.
fn parse_number(s: &str) -> Option<Num> {
    let trimmed = s.trim();
    let chars: Vec<char> = trimmed.chars().collect();
    let mut plain = String::with_capacity(trimmed.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == '_' {
            let digit_before = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit);
            let digit_after = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if !(digit_before && digit_after) {
                return None;
            }
        } else {
            plain.push(*c);
        }
    }
    if let Ok(i) = plain.parse::<i128>() {
        return Some(Num::Int(i));
    }
    plain.parse::<f64>().ok().map(Num::Float)
}

/// `range` and `length`: a mapping of `min` and/or `max`, numbers (whole
/// numbers for `length`).
fn check_bounds(
    src: &str,
    kind: &'static str,
    key: &Value,
    definition: &Value,
    problems: &mut Problems,
) {
    if !check_keys(src, kind, key, definition, RANGE_BOUNDS, problems) {
        return;
    }
    let mut present = false;
    let mut bad = false;
    for bound_name in RANGE_BOUNDS {
        match bound(definition, bound_name) {
            Ok(None) => {}
            Ok(Some((num, span))) => {
                present = true;
                if kind == "length" && !matches!(num, Num::Int(_)) {
                    bad = true;
                    let problem = ConstraintProblem::BoundNotWhole {
                        kind,
                        bound: (*bound_name).to_owned(),
                    };
                    problems.push((problem, span));
                }
            }
            Err(span) => {
                present = true;
                bad = true;
                let problem = ConstraintProblem::BoundNotANumber {
                    kind,
                    bound: (*bound_name).to_owned(),
                };
                problems.push((problem, span));
            }
        }
    }
    if !present && !bad {
        let span = value_span(key, definition);
        problems.push((ConstraintProblem::NoBounds { kind }, span));
    }
}

/// `modulo`: a mapping of both `step` and `offset`, whole numbers, a
/// non-zero step, an offset smaller than the step and of the same sign.
fn check_modulo(src: &str, key: &Value, definition: &Value, problems: &mut Problems) {
    let kind = "modulo";
    if !check_keys(src, kind, key, definition, MODULO_BOUNDS, problems) {
        return;
    }
    let mut values = Vec::new();
    for bound_name in MODULO_BOUNDS {
        match bound(definition, bound_name) {
            Ok(None) => {
                let span = value_span(key, definition);
                problems.push((
                    ConstraintProblem::ModuloIncomplete {
                        missing: bound_name,
                    },
                    span,
                ));
                return;
            }
            Ok(Some((num, span))) if !num.is_whole() => {
                let bound = (*bound_name).to_owned();
                problems.push((ConstraintProblem::BoundNotWhole { kind, bound }, span));
                return;
            }
            Ok(Some((num, span))) => values.push((num.value(), span)),
            Err(span) => {
                let bound = (*bound_name).to_owned();
                problems.push((ConstraintProblem::BoundNotANumber { kind, bound }, span));
                return;
            }
        }
    }
    let [(step, step_span), (offset, offset_span)] = values.as_slice() else {
        return;
    };
    if *step == 0.0 {
        problems.push((ConstraintProblem::ModuloZeroStep, *step_span));
    } else if offset.abs() >= step.abs() {
        problems.push((ConstraintProblem::ModuloOffsetTooLarge, *offset_span));
    } else if step * offset < 0.0 {
        problems.push((ConstraintProblem::ModuloSignsDiffer, *offset_span));
    }
}

/// Heat's `_check_dict`: the definition is a mapping of known keys. Returns
/// whether it is.
fn check_keys(
    src: &str,
    kind: &'static str,
    key: &Value,
    definition: &Value,
    allowed: &'static [&'static str],
    problems: &mut Problems,
) -> bool {
    let Some(fields) = definition.as_map() else {
        let found = shape(definition);
        let span = value_span(key, definition);
        problems.push((ConstraintProblem::BoundsNotAMapping { kind, found }, span));
        return false;
    };
    let mut ok = true;
    for (bound_key, _) in fields {
        if !bound_key.as_str().is_some_and(|k| allowed.contains(&k)) {
            ok = false;
            let key_text = name(bound_key, src);
            let problem = ConstraintProblem::UnknownBound {
                kind,
                suggestion: nearest(&key_text, allowed.iter().copied()),
                key: key_text,
                allowed,
            };
            problems.push((problem, bound_key.span));
        }
    }
    ok
}
