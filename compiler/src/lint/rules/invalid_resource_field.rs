//! HOT017 invalid-resource-field.

use hotc_grammar::{Span, Value, ValueKind};

use super::mapping_definitions;
use crate::diagnostics::finding::{Expected, FieldProblem, FindingKind, Shape};
use crate::lint::view::{is_call, is_falsy, shape, value_span};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;
use crate::versions::{self, HotVersion, Place};

/// ## What it does
/// Reports a field of a resource definition whose value Heat rejects: a
/// `type` or `description` that is not a string; `properties`, `metadata`
/// or `update_policy` that is not a mapping (an empty `properties:` is
/// null); a `depends_on` that is not a name or a list of names; an unknown
/// `deletion_policy`; an `external_id` that is not a string; a `condition`
/// that is neither a name nor a boolean.
///
/// ## Why is this bad?
/// Heat checks these fields before anything else and refuses the template,
/// e.g. `Resource random properties type must be object`, `Resource random
/// depends_on must be a list of strings` or `Invalid deletion policy
/// "Keep"`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
///     properties:
///     deletion_policy: Keep
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
///     properties: {}
///     deletion_policy: Retain
/// ```
pub(crate) struct InvalidResourceField;

impl Rule for InvalidResourceField {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let version = cx.version;
        for (name, _, fields) in mapping_definitions(root, "resources") {
            for (key, value) in fields {
                let Some(field) = key.as_str() else {
                    continue;
                };
                // Keys the version lacks are `UnknownResourceKey`'s.
                if !versions::is_valid(Place::Resource, field, version) {
                    continue;
                }
                for (field, problem, span) in field_problems(field, key, value, version) {
                    let resource = cx.name(name);
                    cx.report(
                        FindingKind::InvalidResourceField {
                            resource,
                            field,
                            problem,
                        },
                        span,
                    );
                }
            }
        }
    }
}

/// What is wrong with one field, following Heat's `_rsrc_defn_args`: each
/// present field is parsed and its type checked; functions (one-key
/// mappings naming a function) pass where Heat allows them.
fn field_problems(
    field: &str,
    key: &Value,
    value: &Value,
    version: HotVersion,
) -> Vec<(&'static str, FieldProblem, Span)> {
    let found = shape(value);
    let span = value_span(key, value);
    let wrong = |field: &'static str, expected: Expected| {
        vec![(field, FieldProblem::WrongType { expected, found }, span)]
    };
    let is_function = |v: &Value| is_call(v, |n| versions::is_function(n, version));
    match field {
        // An empty type is `ResourceMissingType`'s.
        "type" if !is_falsy(value) && found != Shape::Str => wrong("type", Expected::String),
        "description" if found != Shape::Str => wrong("description", Expected::String),
        "properties" if found != Shape::Map => wrong("properties", Expected::Mapping),
        "metadata" if found != Shape::Map => wrong("metadata", Expected::Mapping),
        "update_policy" if found != Shape::Map => wrong("update_policy", Expected::Mapping),
        "external_id" if found != Shape::Str && !is_function(value) => {
            wrong("external_id", Expected::String)
        }
        "condition"
            if !matches!(found, Shape::Str | Shape::Bool)
                && !is_call(value, |n| versions::is_condition_function(n, version)) =>
        {
            wrong("condition", Expected::StringOrBool)
        }
        "depends_on" => match &value.kind {
            ValueKind::Str(_) => Vec::new(),
            ValueKind::Seq(items) => items
                .iter()
                .filter(|item| shape(item) != Shape::Str)
                .map(|item| {
                    let found = shape(item);
                    let problem = FieldProblem::DependencyNotString { found };
                    ("depends_on", problem, item.span)
                })
                .collect(),
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Map(_) => wrong("depends_on", Expected::StringOrList),
        },
        "deletion_policy" => match value.as_str() {
            Some(policy) => deletion_policy(policy, version)
                .map(|problem| ("deletion_policy", problem, value.span))
                .into_iter()
                .collect(),
            None if is_function(value) => Vec::new(),
            None => wrong("deletion_policy", Expected::String),
        },
        _ => Vec::new(),
    }
}

fn deletion_policy(policy: &str, version: HotVersion) -> Option<FieldProblem> {
    if versions::is_valid(Place::DeletionPolicy, policy, version) {
        return None;
    }
    Some(FieldProblem::UnknownDeletionPolicy {
        found: policy.to_owned(),
        version,
        suggestion: nearest(policy, versions::names(Place::DeletionPolicy, version)),
        since: versions::available_from(Place::DeletionPolicy, policy, version),
    })
}
