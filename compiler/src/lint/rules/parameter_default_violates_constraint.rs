//! HOT060 parameter-default-violates-constraint.

use hotc_grammar::Value;

use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::eval::Val;
use crate::lint::{Context, Rule};
use crate::params::{self, ParamSchema, ParamType};

/// ## What it does
/// Reports a parameter's `default` that does not convert to the parameter's
/// type or breaks one of its constraints (`range`, `length`, `modulo`,
/// `allowed_values`, `allowed_pattern`, and the custom constraints Heat
/// checks without a cloud, such as `ip_addr`; the others need the cloud and
/// are left to Heat).
///
/// ## Why is this bad?
/// Heat checks the default when it validates the template and refuses it:
/// `Parameter 'env' is invalid: Invalid default qa ("qa" is not an allowed
/// value ["dev", "prod"])`. A `hidden` parameter's default is never printed.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   env:
///     type: string
///     default: qa
///     constraints:
///       - allowed_values: [dev, prod]
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   env:
///     type: string
///     default: dev
///     constraints:
///       - allowed_values: [dev, prod]
/// ```
pub(crate) struct ParameterDefaultViolatesConstraint;

impl Rule for ParameterDefaultViolatesConstraint {
    fn check(&self, cx: &mut Context<'_>) {
        for (key, definition) in definitions(cx.root, "parameters") {
            let Some(schema) = schema(key, definition) else {
                continue;
            };
            // A constraint Heat cannot build, or one that does not apply to
            // the type, is HOT022's: Heat refuses the schema before it looks
            // at the default.
            if !constraints_all_built(definition)
                || schema
                    .constraints
                    .iter()
                    .any(|c| !c.kind.applies_to(schema.ty))
            {
                continue;
            }
            if let (Err(problem), Some(span)) = (schema.check_default(), schema.default_span) {
                cx.report(
                    FindingKind::DefaultViolatesConstraint {
                        parameter: schema.name.clone(),
                        problem,
                    },
                    span,
                );
            }
        }
    }
}

/// The parameter's schema when it has a name, a HOT type and a default.
fn schema(key: &Value, definition: &Value) -> Option<ParamSchema> {
    let name = key.as_str()?;
    let ty = ParamType::from_name(definition.get("type")?.as_str()?)?;
    let default = definition.get("default").filter(|d| !d.is_null())?;
    let (constraints, _) = definition
        .get("constraints")
        .map(params::read_constraints)
        .unwrap_or_default();
    Some(ParamSchema {
        name: name.to_owned(),
        span: key.span,
        ty,
        default: Some(Val::from_literal(default)),
        default_span: Some(default.span),
        hidden: definition
            .get("hidden")
            .is_some_and(|h| params::to_bool(&Val::from_literal(h)) == Ok(true)),
        constraints,
    })
}

/// Whether every entry of `constraints` became a constraint: one that did
/// not (a misspelt key, bad bounds, a pattern that does not compile) is
/// reported by HOT022 or HOT061, and Heat stops there.
fn constraints_all_built(definition: &Value) -> bool {
    let Some(list) = definition.get("constraints") else {
        return true;
    };
    let Some(items) = list.as_seq() else {
        return false;
    };
    let (built, problems) = params::read_constraints(list);
    // Each entry is a mapping with one constraint key and maybe a
    // description.
    let wanted = items
        .iter()
        .map(|item| {
            item.as_map().map_or(usize::MAX, |entries| {
                entries
                    .iter()
                    .filter(|(k, _)| k.as_str() != Some("description"))
                    .count()
            })
        })
        .try_fold(0usize, |sum, n| (n == 1).then_some(sum + 1));
    problems.is_empty() && wanted == Some(built.len())
}
