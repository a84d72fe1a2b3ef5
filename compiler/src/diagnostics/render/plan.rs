//! Wording of what planning finds (runtime/src/plan): a function that
//! fails with the stack's values, and a change Heat refuses to make.

use hotc_grammar::Span;

use super::super::{Diagnostic, Label, codes};
use crate::eval::{EvalError, EvalErrorKind};

/// A function that fails when the plan evaluates it, in `resource` (or in
/// an output when `None`).
pub fn function_failed(error: &EvalError, resource: Option<&str>) -> Diagnostic {
    let (message, label, help) = describe(&error.kind);
    let place = match resource {
        Some(r) => format!(" in resource `{r}`"),
        None => " in an output".to_owned(),
    };
    Diagnostic::new(
        &codes::FUNCTION_FAILED,
        format!("{message}{place}"),
        Label::new(error.span, label),
    )
    .with_help(help)
}

/// A change to a property Heat declares `immutable`.
pub fn immutable_property_changed(
    resource: &str,
    type_name: &str,
    property: &str,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        &codes::IMMUTABLE_PROPERTY_CHANGED,
        format!("property `{property}` of `{resource}` cannot change"),
        Label::new(
            span,
            format!("{type_name} refuses any update of `{property}`"),
        ),
    )
    .with_help(format!(
        "Heat refuses the update (`Update to property {property} of {resource} ({type_name}) \
         is not supported`); keep the recorded value, or rename the resource so that a new \
         one is created and the old one deleted"
    ))
}

/// Message, label and help for an evaluation error.
fn describe(kind: &EvalErrorKind) -> (String, String, String) {
    match kind {
        EvalErrorKind::BadArguments { function, expected } => (
            format!("`{function}` has arguments of the wrong shape"),
            format!("expected {expected}"),
            format!("`{function}` takes {expected} (Heat's template guide)"),
        ),
        EvalErrorKind::UnknownParameter { name } => (
            format!("no parameter `{name}`"),
            "not a parameter of the template".to_owned(),
            "declare the parameter, or fix the name".to_owned(),
        ),
        EvalErrorKind::UnknownResource { name } => (
            format!("no resource `{name}`"),
            "not a resource of the template".to_owned(),
            "fix the name, or add the resource".to_owned(),
        ),
        EvalErrorKind::UnknownAttribute {
            resource,
            attribute,
        } => (
            format!("`{resource}` has no attribute `{attribute}`"),
            "not an attribute of this resource".to_owned(),
            "see the resource type's attributes".to_owned(),
        ),
        EvalErrorKind::BadPath { function, step } => (
            format!("`{function}` cannot follow `{step}`"),
            "no such key or index".to_owned(),
            "check the path against the value it reads".to_owned(),
        ),
        EvalErrorKind::NotAString { function, found } => (
            format!("`{function}` needs strings here, and found {found}"),
            format!("{found}, not a string"),
            "give a string, or turn the value into one (`str_replace`, `list_join`, `yaql`)"
                .to_owned(),
        ),
        EvalErrorKind::FileNotFound { path } => (
            format!("cannot read file `{path}`"),
            "no such file beside the template".to_owned(),
            "get_file reads paths relative to the template; fix the path".to_owned(),
        ),
        EvalErrorKind::UnknownCondition { name } => (
            format!("no condition `{name}`"),
            "not a condition of the template".to_owned(),
            "define it in the `conditions` section, or fix the name".to_owned(),
        ),
        EvalErrorKind::Removed { function } => (
            format!("`{function}` was removed from this template version"),
            "not available in this version".to_owned(),
            "use the HOT function that replaced it".to_owned(),
        ),
        EvalErrorKind::NotSupported { function, what } => (
            format!("hotc cannot evaluate `{function}` yet ({what})"),
            "not evaluated by hotc yet".to_owned(),
            "hotc never guesses a value; Heat would evaluate it at create".to_owned(),
        ),
        EvalErrorKind::InvalidInCondition { function } => (
            format!("`{function}` is not allowed in a condition"),
            "not a condition function".to_owned(),
            "conditions take get_param, equals, not, and, or (and contains, yaql from 2017-09-01)"
                .to_owned(),
        ),
        EvalErrorKind::Failed { function, message } => (
            format!("`{function}` fails"),
            format!("Heat: {message}"),
            "Heat would refuse to create or update the stack with these values; fix the \
             arguments, or the values they read"
                .to_owned(),
        ),
    }
}
