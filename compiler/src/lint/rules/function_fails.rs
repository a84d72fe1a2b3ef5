//! HOT048 function-fails.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::finding::FindingKind;
use crate::eval::condition::{ConditionCache, eval_condition};
use crate::eval::{self, Context as EvalContext, EvalErrorKind, Val};
use crate::ir::Template;
use crate::lint::{Context, Rule};
use crate::params;
use crate::versions::HotVersion;

/// ## What it does
/// Evaluates every resource property with the parameters' values (their
/// defaults, or the values `-P` and `-e` give) and reports a function that
/// fails on them: `list_join` of something that is not a list, `str_replace`
/// with params that are not a mapping, `repeat` over a value that is not a
/// list, `map_merge` of something that is not a mapping, and the like.
/// Values known only after apply (attributes, resource ids) are not
/// evaluated, so nothing that depends on them is reported; a parameter
/// without a value is unknown too.
///
/// ## Why is this bad?
/// Heat resolves every property when it validates a stack for preview and
/// create (strict validation) and refuses the stack: `Property error:
/// resources.hosts.properties.value: "list_join" must operate on a list`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   names: {type: string, default: web}
/// resources:
///   hosts:
///     type: OS::Heat::Value
///     properties:
///       value: {list_join: [',', {get_param: names}]}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   names: {type: comma_delimited_list, default: web}
/// resources:
///   hosts:
///     type: OS::Heat::Value
///     properties:
///       value: {list_join: [',', {get_param: names}]}
/// ```
pub(crate) struct FunctionFails;

impl Rule for FunctionFails {
    fn check(&self, cx: &mut Context<'_>) {
        let template = cx.template();
        let values = match cx.stack {
            Some(stack) if !stack.is_empty() => stack.parameter_values(&template),
            Some(_) | None => None,
        };
        let params: HashMap<String, Val> = values
            .unwrap_or_else(|| {
                params::parameter_values(&template.parameters, &params::Environment::empty())
            })
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)))
            .collect();
        let ctx = Validating {
            template: &template,
            params,
            resources: template.resources.iter().map(|r| r.name.as_str()).collect(),
            conditions: ConditionCache::default(),
        };
        let mut found = Vec::new();
        for resource in &template.resources {
            // Heat validates the resources its conditions enable.
            if let Some(condition) = &resource.condition
                && matches!(eval_condition(condition, &ctx), Ok(Val::Bool(false)))
            {
                continue;
            }
            for (key, value) in resource.property_entries() {
                let Err(error) = eval::eval_nullable(value, &ctx) else {
                    continue;
                };
                // Names, files and versions have rules of their own; what
                // hotc does not evaluate is no finding.
                let message = match &error.kind {
                    EvalErrorKind::Failed { message, .. } => message.clone(),
                    EvalErrorKind::NotAString { function, found } => {
                        format!("\"{function}\" needs strings here, and found {found}")
                    }
                    EvalErrorKind::BadArguments { function, expected } => {
                        format!("\"{function}\" takes {expected}")
                    }
                    EvalErrorKind::UnknownParameter { .. }
                    | EvalErrorKind::UnknownResource { .. }
                    | EvalErrorKind::UnknownAttribute { .. }
                    | EvalErrorKind::BadPath { .. }
                    | EvalErrorKind::FileNotFound { .. }
                    | EvalErrorKind::UnknownCondition { .. }
                    | EvalErrorKind::Removed { .. }
                    | EvalErrorKind::NotSupported { .. }
                    | EvalErrorKind::InvalidInCondition { .. } => continue,
                };
                found.push((
                    FindingKind::FunctionFails {
                        resource: resource.name.clone(),
                        property: key.as_str().unwrap_or_default().to_owned(),
                        message,
                    },
                    error.span,
                ));
            }
        }
        for (kind, span) in found {
            cx.report(kind, span);
        }
    }
}

/// What Heat's validation sees: parameters' values, and nothing of the
/// resources but that they exist.
struct Validating<'t> {
    template: &'t Template,
    params: HashMap<String, Val>,
    /// The resources' names: a set, as every reference asks.
    resources: HashSet<&'t str>,
    conditions: ConditionCache,
}

impl EvalContext for Validating<'_> {
    fn version(&self) -> HotVersion {
        self.template.version
    }

    fn param(&self, name: &str) -> Option<Val> {
        if params::PSEUDO_PARAMETERS.contains(&name) {
            return Some(Val::Unknown);
        }
        // A declared parameter without a value is given at create.
        self.template.parameter(name)?;
        Some(self.params.get(name).cloned().unwrap_or(Val::Unknown))
    }

    fn attribute(&self, resource: &str, _attribute: &str) -> Option<Val> {
        self.resources.contains(resource).then_some(Val::Unknown)
    }

    fn resource_ref(&self, resource: &str) -> Option<Val> {
        self.resources.contains(resource).then_some(Val::Unknown)
    }

    fn file(&self, _path: &str) -> Option<String> {
        // HOT070 reports missing files; a file's text never makes a
        // function fail here.
        None
    }

    fn condition(&self, name: &str) -> Option<bool> {
        self.conditions.get(self.template, name, self)
    }
}
