//! HOT065 environment-merge-failed.

use hotc_grammar::Span;

use super::given::{Given, given};
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::params::MergeProblem;

/// ## What it does
/// Merges the `-e` environment files in order as Heat does, and reports
/// where that fails: a parameter whose `parameter_merge_strategies` differ
/// between files, a boolean to `merge`, a value that cannot be merged.
///
/// ## Why is this bad?
/// Heat refuses the stack, for instance `Conflicting merge strategy
/// 'merge' for parameter 'zones' in file 'b.yaml'.` (some merges fail with
/// a Python error inside Heat, which the API reports as a server error).
/// A file that is not a mapping, or has a wrong or empty section, is
/// reported by the file's own checks (HOT013, HOT025, HOT026).
///
/// ## Example
/// `a.yaml` then `b.yaml`:
/// ```yaml
/// parameters: {zones: a}
/// ---
/// parameters: {zones: b}
/// parameter_merge_strategies: {zones: merge}
/// ```
///
/// Use instead: the same strategy in both files.
pub(crate) struct EnvironmentMergeFailed;

impl Rule for EnvironmentMergeFailed {
    fn check(&self, cx: &mut Context<'_>) {
        let (Some(Given::MergeFailed(problem)), Some(stack)) = (given(cx), cx.stack) else {
            return;
        };
        let (file, param) = match &problem {
            MergeProblem::ConflictingStrategy { file, param, .. }
            | MergeProblem::InvalidStrategy { file, param }
            | MergeProblem::InvalidParameter { file, param, .. } => (file, Some(param)),
            MergeProblem::HeatFails { file, .. } => (file, None),
            // The file's own lint reports these.
            MergeProblem::NotAMapping { .. }
            | MergeProblem::WrongSection { .. }
            | MergeProblem::EmptySection { .. } => return,
        };
        let Some((env, tree)) = stack
            .environments
            .iter()
            .enumerate()
            .find(|(_, e)| e.name == *file)
            .and_then(|(i, e)| Some((i, e.value.as_ref()?)))
        else {
            return;
        };
        let in_section = |section: &str| {
            let name = param?;
            tree.get(section)?.get_entry(name).map(|(k, _)| k.span)
        };
        let span = in_section("parameter_merge_strategies")
            .or_else(|| in_section("parameters"))
            .or_else(|| in_section("parameter_defaults"))
            .or_else(|| tree.as_map()?.first().map(|(k, _)| k.span))
            .unwrap_or(Span::empty(0));
        cx.report_in(env, FindingKind::EnvironmentMergeFailed(problem), span);
    }
}
