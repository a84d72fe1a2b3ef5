//! HOT075 attribute-path-mismatch.

use super::attr_calls::attr_calls;
use crate::diagnostics::finding::{FindingKind, PathProblem, SchemaFinding};
use crate::ir::ExprKind;
use crate::lint::schema::AttrType;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a `get_attr` path whose first step cannot read the attribute's
/// declared type: any step into an integer or a boolean, a key into a
/// string or a list, an index into a map, or an index into a string (which
/// gives one character). Only the first step is checked, since the types
/// inside an attribute are not declared; a computed step, an attribute
/// without a declared type, and types that resolve attributes their own
/// way (groups, deployments) are left alone.
///
/// ## Why is this bad?
/// Heat reads the path with `select_from_attribute`, `collection[step]`
/// at each step, and turns the `TypeError`, `KeyError` or `IndexError` into
/// `None`: Heat accepts the template, and the value is silently null when
/// the stack is created. It is almost surely a mistake in the path.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
/// outputs:
///   password:
///     value: {get_attr: [secret, value, text]}
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
pub(crate) struct AttributePathMismatch;

impl Rule for AttributePathMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let template = cx.template();
        let mut found = Vec::new();
        for call in attr_calls(cx, &template) {
            let (Some(Some(declared)), Some(step)) = (
                call.schema.attributes.get(call.attribute),
                call.path.first(),
            ) else {
                continue;
            };
            let Some(problem) = problem(declared, &step.kind) else {
                continue;
            };
            let finding = SchemaFinding::AttributePathMismatch {
                resource: call.resource.to_owned(),
                type_name: call.type_name.to_owned(),
                attribute: call.attribute.to_owned(),
                declared,
                problem,
            };
            found.push((finding, step.span));
        }
        for (finding, span) in found {
            cx.report(FindingKind::Schema(finding), span);
        }
    }
}

/// Why `step` cannot read a value of type `declared`, following
/// `select_from_attribute`: a non-collection raises `TypeError`; a Python
/// string is a sequence, so an integer picks a character and a string
/// raises `TypeError`; a list raises `TypeError` for a string; a map
/// (keys are strings in what Heat's clients return) raises `KeyError` for
/// an integer. Other literal steps (floats, booleans, null) and calls are
/// not judged.
fn problem(declared: AttrType, step: &ExprKind) -> Option<PathProblem> {
    match (declared, step) {
        (
            AttrType::Integer | AttrType::Number | AttrType::Boolean,
            ExprKind::Str(_) | ExprKind::Int(_),
        ) => Some(PathProblem::IntoScalar),
        (AttrType::String, ExprKind::Int(i)) => Some(PathProblem::StringIndex(*i)),
        (AttrType::String, ExprKind::Str(k)) => Some(PathProblem::StringKey(k.clone())),
        (AttrType::List, ExprKind::Str(k)) => Some(PathProblem::ListKey(k.clone())),
        (AttrType::Map, ExprKind::Int(i)) => Some(PathProblem::MapIndex(*i)),
        (AttrType::List, ExprKind::Int(_)) | (AttrType::Map, ExprKind::Str(_)) => None,
        (
            _,
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Float(_)
            | ExprKind::Seq(_)
            | ExprKind::Map(_)
            | ExprKind::Call(_),
        ) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{AttrType, ExprKind, PathProblem, problem};

    #[test]
    fn steps_as_select_from_attribute_reads_them() {
        let key = || ExprKind::Str("k".to_owned());
        let cases = [
            (AttrType::Integer, key(), Some(PathProblem::IntoScalar)),
            (
                AttrType::Boolean,
                ExprKind::Int(0),
                Some(PathProblem::IntoScalar),
            ),
            (
                AttrType::String,
                ExprKind::Int(2),
                Some(PathProblem::StringIndex(2)),
            ),
            (
                AttrType::String,
                key(),
                Some(PathProblem::StringKey("k".to_owned())),
            ),
            (
                AttrType::List,
                key(),
                Some(PathProblem::ListKey("k".to_owned())),
            ),
            (
                AttrType::Map,
                ExprKind::Int(0),
                Some(PathProblem::MapIndex(0)),
            ),
            (AttrType::List, ExprKind::Int(0), None),
            (AttrType::Map, key(), None),
            // Steps hotc does not judge.
            (AttrType::Integer, ExprKind::Bool(true), None),
            (AttrType::String, ExprKind::Null, None),
        ];
        for (declared, step, expected) in cases {
            assert_eq!(problem(declared, &step), expected, "{declared:?} {step:?}");
        }
    }
}
