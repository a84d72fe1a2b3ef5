//! HOT064 parameter-value-missing.

use super::given::{Given, given};
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::params::GivenProblem;

/// ## What it does
/// When values are given (`-P`, `--parameter-file` or `-e`), reports each
/// template parameter without a default that none of them gives a value.
/// Without any values hotc checks the template alone and says nothing: the
/// values may come at create time.
///
/// ## Why is this bad?
/// Heat refuses to create or preview the stack: `The Parameter (key_name)
/// was not provided.` (`template validate` lists the parameters without
/// values and accepts it, which is why this is reported only when values
/// are given.)
///
/// ## Example
/// `hotc lint stack.yaml -P flavor=m1.small`, with:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor: {type: string}
///   key_name: {type: string}
/// ```
///
/// Use instead: `hotc lint stack.yaml -P flavor=m1.small -P key_name=mine`.
pub(crate) struct ParameterValueMissing;

impl Rule for ParameterValueMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(Given::Checked { schemata, problems }) = given(cx) else {
            return;
        };
        for problem in problems {
            let GivenProblem::Missing { name } = problem else {
                continue;
            };
            let Some(schema) = schemata.iter().find(|s| s.name == name) else {
                continue;
            };
            cx.report(
                FindingKind::ParameterValueMissing { parameter: name },
                schema.span,
            );
        }
    }
}
