//! The words for the schema rules' findings (HOT040 to HOT047, HOT075 to
//! HOT077): part of
//! the one place findings become messages, kept in its own file because
//! these findings have their own data types (`finding::schema`).

use hotc_grammar::Span;

use super::{one_of, shape};
use crate::diagnostics::codes::{self, CodeInfo};
use crate::diagnostics::finding::{Computed, PathProblem, PropertyAt, SchemaFinding, Violation};
use crate::diagnostics::{Diagnostic, Label};
use crate::lint::schema::{self, AttrType, PropType, Status};

/// How many property names a help text lists before it gives up.
const MAX_LISTED: usize = 12;

pub(super) fn finding(span: Span, finding: &SchemaFinding) -> Diagnostic {
    let d = |info: &CodeInfo, message: String, label: String| {
        Diagnostic::new(info, message, Label::new(span, label))
    };
    match finding {
        SchemaFinding::UnknownResourceType {
            resource,
            found,
            suggestion,
        } => {
            let message = format!("unknown resource type `{found}` for resource `{resource}`");
            match suggestion {
                Some(known) => d(
                    &codes::UNKNOWN_RESOURCE_TYPE,
                    message,
                    format!("did you mean `{known}`?"),
                )
                .with_help(format!("rename the type to `{known}`")),
                None => d(
                    &codes::UNKNOWN_RESOURCE_TYPE,
                    message,
                    format!("Heat {} has no type of this name", hotc_stdlib::HEAT_VERSION),
                )
                .with_help(
                    "use a type Heat has, such as `OS::Nova::Server` (`openstack orchestration resource type list` lists a cloud's), \
                     or the file name of a nested template ending in `.yaml`",
                ),
            }
        }
        SchemaFinding::UnmappedCustomType { resource, found } => d(
            &codes::UNMAPPED_CUSTOM_TYPE,
            format!("resource type `{found}` of resource `{resource}` is not a type Heat has"),
            "valid only if an environment maps it".to_owned(),
        )
        .with_help(format!(
            "map it in the `resource_registry` of every environment this template is created with \
             (`{found}: {}.yaml`), or write the nested template's file name as the type",
            found.rsplit("::").next().unwrap_or(found).to_lowercase()
        )),
        SchemaFinding::DeprecatedResourceType {
            resource,
            found,
            status,
            message,
        } => {
            let what = match status {
                Status::Deprecated => "deprecated",
                Status::Hidden => "hidden (no longer documented or listed)",
                Status::Unsupported => "unsupported",
            };
            let label = match status {
                Status::Deprecated => "deprecated",
                Status::Hidden => "hidden",
                Status::Unsupported => "unsupported",
            };
            let replacement = message.as_deref().and_then(|m| replacement(m, found));
            // The replacement first when Heat's note names one, then the
            // note unless it says no more than that.
            let help = match (replacement, message) {
                (Some(r), Some(m)) if m.trim() == format!("Please use {r} instead.") => {
                    format!("use `{r}` instead")
                }
                (Some(r), Some(m)) => format!("use `{r}` instead; Heat says: {m}"),
                (Some(r), None) => format!("use `{r}` instead"),
                (None, Some(m)) => format!("Heat says: {m}"),
                (None, None) => {
                    "a later Heat may refuse it; look for the type that replaces it".to_owned()
                }
            };
            d(
                &codes::DEPRECATED_RESOURCE_TYPE,
                format!("resource `{resource}` has type `{found}`, which Heat marks {what}"),
                format!("{label} type"),
            )
            .with_help(help)
        }
        SchemaFinding::UnknownProperty(at) => {
            let (parent, key) = split(&at.path);
            let message = match parent {
                None => format!(
                    "unknown property `{key}` for resource `{}` of type `{}`",
                    at.resource, at.type_name
                ),
                Some(parent) => format!(
                    "unknown key `{key}` in property `{parent}` of resource `{}`",
                    at.resource
                ),
            };
            let (label, help) = match &at.suggestion {
                Some(s) => (
                    format!("did you mean `{s}`?"),
                    format!("rename it to `{s}`"),
                ),
                None => (
                    format!("not a property of {}", at.type_name),
                    known_help(&at.type_name, parent),
                ),
            };
            d(&codes::UNKNOWN_PROPERTY, message, label).with_help(help)
        }
        SchemaFinding::PropertyNotImplemented(at) => d(
            &codes::UNKNOWN_PROPERTY,
            format!(
                "property `{}` of resource `{}` is not implemented by Heat",
                at.path, at.resource
            ),
            format!("{} declares it but refuses it", at.type_name),
        )
        .with_help(format!(
            "remove it; Heat refuses it: `Property {} not implemented yet`",
            split(&at.path).1
        )),
        SchemaFinding::DeprecatedProperty { at, status, note } => {
            let what = match status {
                Status::Deprecated => "deprecated",
                Status::Hidden => "hidden (no longer documented)",
                Status::Unsupported => "unsupported",
            };
            let instead = note.as_deref().and_then(property_replacement);
            let help = match (instead, note) {
                (Some(p), Some(n)) if n.trim() == format!("Use property {p}.") => {
                    format!("use `{p}` instead")
                }
                (Some(p), Some(n)) => format!("use `{p}` instead; Heat says: {n}"),
                (None, Some(n)) => format!("Heat says: {n}"),
                (Some(p), None) => format!("use `{p}` instead"),
                (None, None) => format!(
                    "look for the property of {} that replaces it, or leave it out",
                    at.type_name
                ),
            };
            d(
                &codes::DEPRECATED_PROPERTY,
                format!(
                    "property `{}` of resource `{}` is {what}",
                    at.path, at.resource
                ),
                format!("{} marks it {}", at.type_name, status_word(*status)),
            )
            .with_help(help)
        }
        SchemaFinding::MissingRequiredProperty(at) => {
            let (parent, key) = split(&at.path);
            let message = match parent {
                None => format!(
                    "resource `{}` is missing the required property `{key}`",
                    at.resource
                ),
                Some(parent) => format!(
                    "property `{parent}` of resource `{}` is missing the required key `{key}`",
                    at.resource
                ),
            };
            let place = match parent {
                None => "under `properties`".to_owned(),
                Some(parent) => format!("in `{parent}`"),
            };
            d(
                &codes::MISSING_REQUIRED_PROPERTY,
                message,
                format!("no `{key}` here"),
            )
            .with_help(format!(
                "add `{key}:` {place}; {} requires it and has no default for it",
                at.type_name
            ))
        }
        SchemaFinding::PropertyTypeMismatch {
            at,
            expected,
            found,
            written,
        } => d(
            &codes::PROPERTY_TYPE_MISMATCH,
            format!(
                "property `{}` of resource `{}` must be {}",
                at.path,
                at.resource,
                type_text(*expected)
            ),
            format!("found {} `{}`", shape(*found), shorten(written)),
        )
        .with_help(type_help(*expected)),
        SchemaFinding::ComputedTypeMismatch {
            at,
            expected,
            function,
            parameter,
            result,
        } => d(
            &codes::PROPERTY_TYPE_MISMATCH,
            format!(
                "property `{}` of resource `{}` must be {}",
                at.path,
                at.resource,
                type_text(*expected)
            ),
            match parameter {
                Some(p) => format!("`get_param` of `{p}` gives {}", computed_text(*result)),
                None => format!("`{function}` gives {}", computed_text(*result)),
            },
        )
        .with_help(computed_help(*expected, *result)),
        SchemaFinding::PropertyConstraintViolation { at, violation } => {
            constraint(span, at, violation)
        }
        SchemaFinding::AttributePathMismatch {
            resource,
            type_name,
            attribute,
            declared,
            problem,
        } => {
            let (label, help) = path_words(problem);
            d(
                &codes::ATTRIBUTE_PATH_MISMATCH,
                format!(
                    "attribute `{attribute}` of resource `{resource}` is {}",
                    attr_text(*declared)
                ),
                label,
            )
            .with_help(format!(
                "{help} ({type_name} declares `{attribute}` {})",
                attr_text(*declared)
            ))
        }
        SchemaFinding::AttributeTypeMismatch {
            at,
            expected,
            target,
            attribute,
            declared,
        } => d(
            &codes::ATTRIBUTE_TYPE_MISMATCH,
            format!(
                "property `{}` of resource `{}` must be {}",
                at.path,
                at.resource,
                type_text(*expected)
            ),
            format!(
                "attribute `{attribute}` of `{target}` is {}",
                attr_text(*declared)
            ),
        )
        .with_help(computed_help(*expected, declared.result())),
        SchemaFinding::UnknownResourceAttribute {
            resource,
            type_name,
            attribute,
            suggestion,
        } => d(
            &codes::UNKNOWN_RESOURCE_ATTRIBUTE,
            format!("resource `{resource}` has no attribute `{attribute}`"),
            format!("not an attribute of {type_name}"),
        )
        .with_help(match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => attributes_help(type_name),
        }),
    }
}

fn attr_text(ty: AttrType) -> &'static str {
    match ty {
        AttrType::String => "a string",
        AttrType::Integer => "an integer",
        AttrType::Number => "a number",
        AttrType::Boolean => "a boolean",
        AttrType::List => "a list",
        AttrType::Map => "a map",
    }
}

/// The label and help for a path step an attribute cannot be read by,
/// after Heat's `select_from_attribute`: `collection[key]`, with a
/// `TypeError`, `KeyError` or `IndexError` turned into null.
fn path_words(problem: &PathProblem) -> (String, &'static str) {
    match problem {
        PathProblem::StringIndex(i) => (
            format!("gives the character at {i}, or null"),
            "Heat indexes a string by character; drop the path to get the whole string",
        ),
        PathProblem::StringKey(k) => (
            format!("`{k}` gives null: a string has no keys"),
            "Heat does not parse an attribute's text as JSON or YAML; drop the path, or use `yaql` or `str_split` on the string",
        ),
        PathProblem::IntoScalar => (
            "gives null: a scalar has no items or keys".to_owned(),
            "drop the path to get the attribute itself",
        ),
        PathProblem::ListKey(k) => (
            format!("`{k}` gives null: a list is indexed by integers"),
            "write the index as an integer (`0`, not `'0'`), or drop the path",
        ),
        PathProblem::MapIndex(i) => (
            format!("`{i}` gives null: a map is read by key"),
            "write the key as a string, or drop the path",
        ),
    }
}

/// The attribute names of `type_name`, for help.
fn attributes_help(type_name: &str) -> String {
    let names: Vec<&str> = schema::lookup(type_name)
        .map(|s| s.attributes.names().collect())
        .unwrap_or_default();
    if names.is_empty() || names.len() > MAX_LISTED {
        return format!("see the attributes of {type_name} in Heat's resource type reference");
    }
    format!("{type_name} has {}", super::list(names.into_iter()))
}

fn computed_text(result: Computed) -> &'static str {
    match result {
        Computed::String => "a string",
        Computed::Number => "a number",
        Computed::Boolean => "a boolean",
        Computed::List => "a list",
        Computed::Map => "a map",
        Computed::Json => "a list or a map (a `json` parameter)",
    }
}

fn computed_help(expected: PropType, result: Computed) -> &'static str {
    match (expected, result) {
        (PropType::String, Computed::List) => {
            "Heat does not join a list into a string; use `list_join` (a `comma_delimited_list` parameter is a list here)"
        }
        (PropType::List, Computed::String) => {
            "Heat does not split a string into a list; use `str_split`, or a `comma_delimited_list` parameter"
        }
        (PropType::String | PropType::Integer | PropType::Number | PropType::Boolean, _) => {
            "Heat converts only strings, numbers and booleans into this type, never a collection; give a value of the property's type"
        }
        (PropType::List | PropType::Map | PropType::Any, _) => {
            "Heat converts nothing into a collection here; give a value of the property's type"
        }
    }
}

fn constraint(span: Span, at: &PropertyAt, violation: &Violation) -> Diagnostic {
    let info = &codes::PROPERTY_CONSTRAINT_VIOLATION;
    let of = format!("property `{}` of resource `{}`", at.path, at.resource);
    match violation {
        Violation::OutOfRange { value, min, max } => Diagnostic::new(
            info,
            format!("{value} is out of range for {of}"),
            Label::new(span, format!("must be {}", bounds(*min, *max))),
        )
        .with_help(format!("use a value {}", bounds(*min, *max))),
        Violation::BadLength { length, min, max } => Diagnostic::new(
            info,
            format!("the length of {of} is out of range"),
            Label::new(span, format!("length {length}, must be {}", bounds(*min, *max))),
        )
        .with_help(format!(
            "make it {} long; Heat counts the characters of a string and the items of a list or map",
            bounds(*min, *max)
        )),
        Violation::NotAllowed {
            value,
            allowed,
            suggestion,
        } => {
            let label = suggestion
                .as_ref()
                .map_or_else(|| "not an allowed value".to_owned(), |s| format!("did you mean `{s}`?"));
            Diagnostic::new(
                info,
                format!("{value} is not an allowed value of {of}"),
                Label::new(span, label),
            )
            .with_help(format!("use {}", one_of(allowed.iter().map(String::as_str))))
        }
        Violation::Custom {
            constraint,
            message,
        } => Diagnostic::new(
            info,
            format!("{of} breaks its `{constraint}` constraint"),
            Label::new(span, message.clone()),
        )
        .with_help(format!(
            "Heat refuses it: `Property error: resources.{}.properties.{}: {message}`",
            at.resource, at.path
        )),
    }
}

/// `a.b.c` as (`a.b`, `c`); a top-level path has no parent.
fn split(path: &str) -> (Option<&str>, &str) {
    match path.rsplit_once('.') {
        Some((parent, key)) => (Some(parent), key),
        None => (None, path),
    }
}

/// The names a type's properties (or a nested map's keys) go by.
fn known_help(type_name: &str, parent: Option<&str>) -> String {
    let Some(type_schema) = schema::lookup(type_name) else {
        return format!("see the properties of {type_name} in Heat's resource type reference");
    };
    let mut props = &type_schema.properties;
    // Follow the path down through map keys and list items.
    for step in parent.into_iter().flat_map(|p| p.split('.')) {
        let Some(next) = nested_keys(props, step) else {
            return format!("see the properties of {type_name} in Heat's resource type reference");
        };
        props = next;
    }
    let names: Vec<&str> = props.names().collect();
    if names.is_empty() {
        return "this map takes no keys".to_owned();
    }
    if names.len() > MAX_LISTED {
        return format!(
            "{type_name} has {} properties; see its reference for their names",
            names.len()
        );
    }
    format!("valid keys here: {}", super::list(names.into_iter()))
}

fn nested_keys<'s>(props: &'s schema::Properties, step: &str) -> Option<&'s schema::Properties> {
    // `name[0]`: the items of list `name` (the index does not matter).
    let name = step.split('[').next().unwrap_or(step);
    let mut property = props.get(name)?;
    loop {
        match property.nested.as_ref()? {
            schema::Nested::Keys(keys) => return Some(keys),
            schema::Nested::Items(item) => property = item,
        }
    }
}

/// The type named in a support status message as the replacement
/// (`Please use OS::Heat::SoftwareDeploymentGroup instead.`), if any.
fn replacement<'m>(message: &'m str, found: &str) -> Option<&'m str> {
    message
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == ':')))
        .find(|w| w.contains("::") && *w != found)
}

/// The property named in a note such as `Use property network.` or
/// `Use ``primaries`` instead.`.
fn property_replacement(note: &str) -> Option<&str> {
    let rest = note
        .strip_prefix("Use property ")
        .or_else(|| note.strip_prefix("Use ``"))?;
    let name = rest
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()?;
    (!name.is_empty()).then_some(name)
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Deprecated => "deprecated",
        Status::Hidden => "hidden",
        Status::Unsupported => "unsupported",
    }
}

fn type_text(ty: PropType) -> &'static str {
    match ty {
        PropType::String => "a string",
        PropType::Integer => "an integer",
        PropType::Number => "a number",
        PropType::Boolean => "a boolean",
        PropType::List => "a list",
        PropType::Map => "a map",
        PropType::Any => "any value",
    }
}

fn type_help(ty: PropType) -> &'static str {
    match ty {
        PropType::String => {
            "Heat turns integers and booleans into strings but refuses floats and collections; quote the value"
        }
        PropType::Integer => "write a whole number, such as `3` (a string of digits also works)",
        PropType::Number => "write a number, such as `1.5`",
        PropType::Boolean => "write `true` or `false`; Heat does not read numbers as booleans",
        PropType::List => "write a list, as `[a, b]` or as `- ` items on the lines below",
        PropType::Map => "write `key: value` entries on the lines below, or `{}`",
        PropType::Any => "any value works here",
    }
}

/// "between 1 and 512", "at least 1", "at most 512".
fn bounds(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("between {} and {}", number(a), number(b)),
        (Some(a), None) => format!("at least {}", number(a)),
        (None, Some(b)) => format!("at most {}", number(b)),
        (None, None) => "any value".to_owned(),
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "whole bounds from a schema"
)]
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        n.to_string()
    }
}

/// A long value cut for a label.
fn shorten(written: &str) -> String {
    const MAX: usize = 40;
    let first_line = written.lines().next().unwrap_or("");
    if first_line.chars().count() > MAX || first_line.len() < written.trim_end().len() {
        let cut: String = first_line.chars().take(MAX).collect();
        format!("{cut}...")
    } else {
        first_line.to_owned()
    }
}
