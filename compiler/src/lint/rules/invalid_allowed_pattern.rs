//! HOT061 invalid-allowed-pattern.

use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::params::{self, PatternVerdict};

/// ## What it does
/// Reports an `allowed_pattern` that is not a valid Python regular
/// expression: an unbalanced group, nothing to repeat, a bad character
/// range, an unknown escape, `(?<name>...)` where Python writes
/// `(?P<name>...)`.
///
/// ## Why is this bad?
/// Heat compiles the pattern with Python's `re` when it loads the template
/// and refuses it: `unterminated character set at position 0`. (A pattern
/// only Python reads — look-around, back-references — is valid: hotc then
/// leaves values against it unchecked.)
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   name:
///     type: string
///     constraints:
///       - allowed_pattern: "[a-z"
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   name:
///     type: string
///     constraints:
///       - allowed_pattern: "[a-z]+"
/// ```
pub(crate) struct InvalidAllowedPattern;

impl Rule for InvalidAllowedPattern {
    fn check(&self, cx: &mut Context<'_>) {
        for (key, definition) in definitions(cx.root, "parameters") {
            let (Some(name), Some(list)) = (key.as_str(), definition.get("constraints")) else {
                continue;
            };
            let (_, problems) = params::read_constraints(list);
            for problem in problems {
                match problem.verdict {
                    PatternVerdict::PythonRejects => cx.report(
                        FindingKind::InvalidAllowedPattern {
                            parameter: name.to_owned(),
                            pattern: problem.pattern,
                            message: problem.message,
                        },
                        problem.span,
                    ),
                    // Python may read it: Heat accepts the template.
                    PatternVerdict::Unchecked => {}
                }
            }
        }
    }
}
