//! HOT056 unused-parameter.

use super::calls;
use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a declared parameter that no `get_param` refers to. A listing
/// in `parameter_groups` is not a use. When some `get_param` computes its
/// parameter's name (`get_param: {get_param: which}`), any parameter may be
/// the one it reads, so the rule says nothing for that template.
///
/// ## Why is this bad?
/// Heat accepts the template, and a value the user passes for the
/// parameter goes nowhere. Usually a property meant to use it names
/// another parameter, or it is left over from an older version.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   length:
///     type: number
///     default: 16
/// resources:
///   random:
///     type: OS::Heat::RandomString
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   length:
///     type: number
///     default: 16
/// resources:
///   random:
///     type: OS::Heat::RandomString
///     properties:
///       length: {get_param: length}
/// ```
pub(crate) struct UnusedParameter;

impl Rule for UnusedParameter {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let mut used = Vec::new();
        for &call in cx.call_sites().iter() {
            if call.name != "get_param" {
                continue;
            }
            match calls::target(&call) {
                Some((name, _)) => used.push(name),
                None => return,
            }
        }
        for (key, _) in definitions(root, "parameters") {
            let Some(name) = key.as_str() else {
                continue;
            };
            if !used.contains(&name) {
                cx.report(
                    FindingKind::UnusedParameter {
                        name: name.to_owned(),
                    },
                    key.span,
                );
            }
        }
    }
}
