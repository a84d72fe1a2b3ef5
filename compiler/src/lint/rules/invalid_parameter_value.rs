//! HOT062 invalid-parameter-value.

use super::given::{Given, given, origin, template_anchor};
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::params::{GivenProblem, ValueProblem};

/// ## What it does
/// With values given (`hotc lint -P key=value`, `--parameter-file`, `-e
/// env.yaml`), reports each value that does not convert to its parameter's
/// type or breaks one of its constraints (custom constraints only where
/// Heat checks them without a cloud, such as `ip_addr`). It points at the environment file's key
/// that gave the value, or for `-P` at the parameter's declaration.
///
/// ## Why is this bad?
/// Heat refuses the stack: `Parameter 'count' is invalid: could not convert
/// string to float: 'many'`. A hidden parameter's value is never shown.
///
/// A template default that Heat refuses is HOT060's.
///
/// ## Example
/// `hotc lint stack.yaml -P count=many`, with:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   count: {type: number}
/// ```
///
/// Use instead: `hotc lint stack.yaml -P count=3`.
pub(crate) struct InvalidParameterValue;

impl Rule for InvalidParameterValue {
    fn check(&self, cx: &mut Context<'_>) {
        let (Some(Given::Checked { schemata, problems }), Some(stack)) = (given(cx), cx.stack)
        else {
            return;
        };
        for problem in problems {
            let GivenProblem::Invalid {
                name,
                problem: ValueProblem::InvalidValue { reason },
            } = problem
            else {
                continue;
            };
            // The value Heat checked: the given one, else parameter_defaults';
            // a template default is HOT060's.
            let Some((given_by, place)) = origin(stack, "parameters", &name)
                .or_else(|| origin(stack, "parameter_defaults", &name))
            else {
                continue;
            };
            let kind = FindingKind::InvalidParameterValue {
                parameter: name.clone(),
                reason,
                given_by,
            };
            match place {
                Some((env, span)) => cx.report_in(env, kind, span),
                None => {
                    let span = schemata
                        .iter()
                        .find(|s| s.name == name)
                        .map_or_else(|| template_anchor(cx.root, Some(&name)), |s| s.span);
                    cx.report(kind, span);
                }
            }
        }
    }
}
