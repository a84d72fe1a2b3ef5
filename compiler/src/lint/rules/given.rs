//! What the stack's given values come to, shared by the rules about them
//! (HOT062-HOT065): the environments merged as Heat's
//! `environment_util.merge_environments` merges them, and the parameters
//! checked as `Parameters.validate` checks them, with where each value came
//! from.

use hotc_grammar::{Span, Value};

use crate::diagnostics::finding::GivenBy;
use crate::lint::Context;
use crate::lint::stack::StackInputs;
use crate::params::{self, GivenProblem, MergeProblem, ParamSchema};

/// The verdict on a stack's values.
pub(super) enum Given {
    /// The merge failed (Heat stops there).
    MergeFailed(MergeProblem),
    /// Heat's parameter problems, in its order, with the template's schemas.
    Checked {
        schemata: Vec<ParamSchema>,
        problems: Vec<GivenProblem>,
    },
}

/// Merges and checks the stack's values against the template, or `None`
/// when no values or environments were given (and the inputs are not
/// `complete`), or an environment file cannot be read (its own lint
/// reports that).
pub(super) fn given(cx: &Context<'_>) -> Option<Given> {
    let stack = cx.stack.filter(|s| s.complete || !s.is_empty())?;
    let trees = stack.trees()?;
    // Heat merges against every parameter schema of the template and its
    // files (`all_param_schemata`); the top-level ones decide what hotc
    // reports, so only those are read.
    let (schemata, _) = params::read_schemas(cx.root);
    match params::merge_environments(&stack.parameters, &trees, &schemata) {
        Err(problem) => Some(Given::MergeFailed(problem)),
        Ok(env) => {
            let problems = params::check_parameters(&schemata, &env);
            Some(Given::Checked { schemata, problems })
        }
    }
}

/// Where the value of `name` in `section` (`parameters` or
/// `parameter_defaults`) came from: the last environment file that gives it
/// (the index and the key's span), or the command line.
pub(super) fn origin(
    stack: &StackInputs,
    section: &'static str,
    name: &str,
) -> Option<(GivenBy, Option<(usize, Span)>)> {
    for (i, env) in stack.environments.iter().enumerate().rev() {
        let key = env
            .value
            .as_ref()
            .and_then(|v| v.get(section))
            .and_then(|s| s.get_entry(name))
            .filter(|(_, v)| !v.is_null());
        if let Some((key, _)) = key {
            let by = GivenBy::Environment {
                file: env.name.clone(),
                section,
            };
            return Some((by, Some((i, key.span))));
        }
    }
    (section == "parameters" && stack.parameters.iter().any(|(k, _)| k == name))
        .then_some((GivenBy::CommandLine, None))
}

/// The span of a name in the template's `parameters` section, else of the
/// section's key, else of the version key: where a finding about a
/// command-line value points.
pub(super) fn template_anchor(root: &Value, name: Option<&str>) -> Span {
    let section = root.get_entry("parameters");
    name.and_then(|n| section.and_then(|(_, s)| s.get_entry(n)))
        .or(section)
        .or_else(|| root.get_entry("heat_template_version"))
        .map_or(Span::empty(0), |(k, _)| k.span)
}
