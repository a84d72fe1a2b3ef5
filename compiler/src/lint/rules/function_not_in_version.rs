//! HOT052 function-not-in-version.

use super::calls::{self, Scope};
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::versions;

/// ## What it does
/// Reports a function the template's `heat_template_version` does not
/// have. A CloudFormation function that HOT dropped (`Fn::Join`, `Ref`, ...
/// from 2014-10-16, `Fn::Select` from 2015-10-15) is an error; a HOT
/// function of a later version (`repeat` in a 2013-05-23 template) is a
/// warning, because Heat reads the mapping as plain data.
///
/// ## Why is this bad?
/// Heat refuses a dropped function: `The function Fn::Join is not supported
/// in this version of HOT.` A function from a later version is not
/// refused, but it is not called either: the resource gets the mapping
/// `{repeat: ...}` as its value.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2015-04-30
/// resources:
///   val:
///     type: OS::Heat::Value
///     properties:
///       value: {"Fn::Join": [",", [a, b]]}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2015-04-30
/// resources:
///   val:
///     type: OS::Heat::Value
///     properties:
///       value: {list_join: [",", [a, b]]}
/// ```
pub(crate) struct FunctionNotInVersion;

impl Rule for FunctionNotInVersion {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let version = cx.version;
        let mut found = Vec::new();
        calls::for_each_value(root, &mut |place, value| {
            let Some([(key, _)]) = value.as_map() else {
                return;
            };
            let Some(name) = key.as_str() else {
                return;
            };
            if let Some((removed, instead)) = versions::removed_function(name, version) {
                let kind = FindingKind::RemovedFunction {
                    name: name.to_owned(),
                    version,
                    removed,
                    instead,
                };
                found.push((kind, key.span));
            } else if place.scope != Scope::Condition
                && !calls::is_function(name, place.scope, version)
                && let Some(since) = versions::function_available_from(name, version)
            {
                let kind = FindingKind::FunctionNotYet {
                    name: name.to_owned(),
                    version,
                    since,
                };
                found.push((kind, key.span));
            }
        });
        for (kind, span) in found {
            cx.report(kind, span);
        }
    }
}
