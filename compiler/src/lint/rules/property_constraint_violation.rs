//! HOT046 property-constraint-violation.

use hotc_grammar::{Value, ValueKind};

use crate::diagnostics::finding::{FindingKind, SchemaFinding, Violation};
use crate::lint::properties::{Event, for_each_event};
use crate::lint::schema::{Constraint, PropType, Property};
use crate::lint::{Context, Rule};
use crate::params::custom;
use crate::suggest::nearest;

/// ## What it does
/// Reports a literal property value that breaks a `range`, `length` or
/// `allowed_values` constraint of the property's schema, as Heat checks
/// them after converting the value to the property's type. Only values
/// whose conversion is certain are checked: numbers for numeric
/// properties, strings, lists and maps for lengths, strings and integers
/// for allowed values. Of the custom constraints, those Heat checks without
/// a cloud (`ip_addr`, `net_cidr`, `mac_addr`, ...) are checked on strings
/// and integers (Heat hands them the string); the others (`nova.flavor`,
/// ...) need a cloud and are left to Heat.
///
/// ## Why is this bad?
/// Heat refuses the template: `1000 is out of range (min: 1, max: 512)`,
/// `Property error: resources.sub.properties.cidr: Error validating value
/// '10.0.0.0/33': Invalid net cidr invalid IPNetwork 10.0.0.0/33 `.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       length: 1000
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       length: 512
/// ```
pub(crate) struct PropertyConstraintViolation;

impl Rule for PropertyConstraintViolation {
    fn check(&self, cx: &mut Context<'_>) {
        let mut found = Vec::new();
        for_each_event(cx.root, cx.stack, &mut |typed, event| {
            if let Event::Value {
                value,
                property,
                path,
                ..
            } = event
                && let Some(violation) = violation(property, value)
            {
                found.push((typed.name, typed.type_name, value, path, violation));
            }
        });
        for (name, type_name, value, path, violation) in found {
            let at = cx.property_at(name, type_name, path);
            let finding = SchemaFinding::PropertyConstraintViolation { at, violation };
            cx.report(FindingKind::Schema(finding), value.span);
        }
    }
}

/// The first constraint `value` breaks, as Heat stops at the first.
fn violation(property: &Property, value: &Value) -> Option<Violation> {
    property
        .constraints
        .iter()
        .find_map(|c| check(property.ty, c, value))
}

#[expect(
    clippy::cast_precision_loss,
    reason = "compared with schema bounds, which are small"
)]
fn check(ty: PropType, constraint: &Constraint, value: &Value) -> Option<Violation> {
    let outside = |n: f64, min: Option<f64>, max: Option<f64>| {
        min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m)
    };
    match constraint {
        Constraint::Range { min, max } => {
            // The value Heat compares: the converted number.
            let (n, shown) = match (&value.kind, ty) {
                (ValueKind::Int(i), PropType::Integer | PropType::Number) => {
                    (*i as f64, i.to_string())
                }
                (ValueKind::Float(f), PropType::Number) if f.is_finite() => {
                    (*f, python_float_repr(*f))
                }
                // `int()` truncates a float towards zero.
                (ValueKind::Float(f), PropType::Integer) if f.is_finite() => {
                    (f.trunc(), format!("{}", f.trunc()))
                }
                _ => return None,
            };
            outside(n, *min, *max).then_some(Violation::OutOfRange {
                value: shown,
                min: *min,
                max: *max,
            })
        }
        Constraint::Length { min, max } => {
            let length = match (&value.kind, ty) {
                (ValueKind::Str(s), PropType::String) => s.chars().count(),
                (ValueKind::Seq(items), PropType::List) => items.len(),
                (ValueKind::Map(entries), PropType::Map) => entries.len(),
                _ => return None,
            };
            outside(length as f64, *min, *max).then_some(Violation::BadLength {
                length,
                min: *min,
                max: *max,
            })
        }
        Constraint::AllowedValues(allowed) => {
            let shown = match (&value.kind, ty) {
                (ValueKind::Str(s), PropType::String) => {
                    let strings: Option<Vec<&str>> = allowed.iter().map(Value::as_str).collect();
                    let strings = strings?;
                    if strings.contains(&s.as_str()) {
                        return None;
                    }
                    let suggestion = nearest(s, strings.iter().copied()).map(str::to_owned);
                    return Some(Violation::NotAllowed {
                        value: format!("\"{s}\""),
                        allowed: strings.iter().map(|a| format!("\"{a}\"")).collect(),
                        suggestion,
                    });
                }
                (ValueKind::Int(i), PropType::Integer) => *i,
                _ => return None,
            };
            let ints: Option<Vec<i128>> = allowed.iter().map(Value::as_int).collect();
            let ints = ints?;
            (!ints.contains(&shown)).then(|| Violation::NotAllowed {
                value: shown.to_string(),
                allowed: ints.iter().map(i128::to_string).collect(),
                suggestion: None,
            })
        }
        Constraint::Custom(name) => {
            // A string property's value reaches the constraint as `str()`
            // of the literal; only strings and integers are certain here.
            let text = match (&value.kind, ty) {
                (ValueKind::Str(s), PropType::String) => s.clone(),
                (ValueKind::Int(i), PropType::String) => i.to_string(),
                _ => return None,
            };
            match custom::check(name, &text) {
                custom::Verdict::Invalid(message) => Some(Violation::Custom {
                    constraint: name.clone(),
                    message,
                }),
                custom::Verdict::Valid | custom::Verdict::Unchecked => None,
            }
        }
    }
}

/// A float as Python's `str()` writes the common cases (`1.5`, `1000.0`).
fn python_float_repr(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}
