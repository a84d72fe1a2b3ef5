//! HOT063 parameter-not-in-template.

use super::given::{Given, given, origin, template_anchor};
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::params::GivenProblem;
use crate::suggest::nearest;

/// ## What it does
/// With values given, reports a value in `parameters` (an environment
/// file's section, or `-P`) for a parameter the template does not declare.
///
/// ## Why is this bad?
/// Heat refuses the stack: `The Parameter (flavour) was not defined in
/// template.` Values in `parameter_defaults` may name parameters the
/// template lacks (they are meant for nested templates too), and Heat drops
/// an unknown name from a later file when an earlier one (or `-P`) already
/// gave `parameters`; neither is reported.
///
/// ## Example
/// `env.yaml`:
/// ```yaml
/// parameters:
///   flavour: m1.small
/// ```
///
/// Use instead:
/// ```yaml
/// parameters:
///   flavor: m1.small
/// ```
pub(crate) struct ParameterNotInTemplate;

impl Rule for ParameterNotInTemplate {
    fn check(&self, cx: &mut Context<'_>) {
        let (Some(Given::Checked { problems, .. }), Some(stack), Some(files)) =
            (given(cx), cx.stack, cx.files)
        else {
            return;
        };
        // Every declared name counts, typed or not: a parameter whose type
        // is wrong is HOT021's.
        let declared: Vec<String> = super::definitions(cx.root, "parameters")
            .iter()
            .filter_map(|(k, _)| k.as_str().map(str::to_owned))
            .collect();
        for problem in problems {
            let GivenProblem::Unknown { name } = problem else {
                continue;
            };
            if declared.contains(&name) {
                continue;
            }
            let Some((given_by, place)) = origin(stack, "parameters", &name) else {
                continue;
            };
            let suggestion = nearest(&name, declared.iter().map(String::as_str)).map(str::to_owned);
            let kind = FindingKind::ParameterNotInTemplate {
                parameter: name,
                template: files.name.to_owned(),
                given_by,
                suggestion,
            };
            match place {
                Some((env, span)) => cx.report_in(env, kind, span),
                None => {
                    let span = template_anchor(cx.root, None);
                    cx.report(kind, span);
                }
            }
        }
    }
}
