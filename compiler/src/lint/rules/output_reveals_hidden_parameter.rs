//! HOT059 output-reveals-hidden-parameter.

use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a `get_param` of a parameter declared `hidden: true` anywhere
/// in an output's value, also inside other functions (`str_replace`,
/// `list_join`, ...). Each parameter is reported once per output.
///
/// ## Why is this bad?
/// Heat hides such a parameter's value in `openstack stack show` and its
/// events, but shows outputs as they resolve: `openstack stack output show`
/// prints the secret in clear text to anyone who can read the stack. Heat
/// accepts the template, so it is a warning.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   password:
///     type: string
///     hidden: true
/// resources:
///   config:
///     type: OS::Heat::Value
///     properties:
///       value: {get_param: password}
/// outputs:
///   login:
///     value:
///       str_replace:
///         template: admin:$pw
///         params: {$pw: {get_param: password}}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   password:
///     type: string
///     hidden: true
/// resources:
///   config:
///     type: OS::Heat::Value
///     properties:
///       value: {get_param: password}
/// outputs:
///   login:
///     value: admin
/// ```
pub(crate) struct OutputRevealsHiddenParameter;

impl Rule for OutputRevealsHiddenParameter {
    fn check(&self, cx: &mut Context<'_>) {
        let template = cx.template();
        if !template.parameters.iter().any(|p| p.hidden) {
            return;
        }
        for output in &template.outputs {
            let Some(value) = &output.value else {
                continue;
            };
            let mut seen: Vec<&str> = Vec::new();
            let mut found = Vec::new();
            value.visit_calls(&mut |call| {
                let Some(name) = call.parameter_name() else {
                    return;
                };
                let Some(param) = template.parameter(name).filter(|p| p.hidden) else {
                    return;
                };
                if !seen.contains(&name) {
                    seen.push(name);
                    found.push((call.name_span.cover(call.arg.span), param));
                }
            });
            for (span, param) in found {
                cx.report(
                    FindingKind::OutputRevealsHiddenParameter {
                        output: output.name.clone(),
                        output_span: output.span,
                        parameter: param.name.clone(),
                        declaration: param.span,
                    },
                    span,
                );
            }
        }
    }
}
