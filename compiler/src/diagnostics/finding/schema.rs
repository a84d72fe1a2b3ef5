//! Findings of the rules that check resources against their type's schema
//! (HOT040 to HOT046), as typed data; `render::schema` words them.

use super::Shape;
use crate::lint::schema::{PropType, Status};

/// One finding of the schema rules.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SchemaFinding {
    /// HOT040: a type Heat's registry cannot find (the span is the type).
    UnknownResourceType {
        resource: String,
        found: String,
        suggestion: Option<&'static str>,
    },
    /// HOT041: a namespaced type the stdlib lacks, which only an
    /// environment's `resource_registry` can make valid.
    UnmappedCustomType { resource: String, found: String },
    /// HOT042: a type Heat marks deprecated, hidden or unsupported.
    DeprecatedResourceType {
        resource: String,
        found: String,
        status: Status,
        /// Heat's support status message, which usually names the
        /// replacement.
        message: Option<String>,
    },
    /// HOT043: a property (or nested key) the type's schema does not have.
    UnknownProperty(PropertyAt),
    /// HOT043: a property Heat declares but has not implemented.
    PropertyNotImplemented(PropertyAt),
    /// HOT047: a property Heat marks deprecated, hidden or unsupported.
    DeprecatedProperty {
        at: PropertyAt,
        status: Status,
        /// Heat's note, which usually names the property to use instead.
        note: Option<String>,
    },
    /// HOT044: a required property with no default is not given.
    MissingRequiredProperty(PropertyAt),
    /// HOT045: a literal value Heat cannot read as the property's type.
    PropertyTypeMismatch {
        at: PropertyAt,
        expected: PropType,
        found: Shape,
        /// The value as written, for the message.
        written: String,
    },
    /// HOT045: a function whose result has a type Heat cannot read as the
    /// property's (the span is the call).
    ComputedTypeMismatch {
        at: PropertyAt,
        expected: PropType,
        function: String,
        /// The parameter `get_param` reads.
        parameter: Option<String>,
        result: Computed,
    },
    /// HOT046: a literal value outside a range, length or allowed list.
    PropertyConstraintViolation {
        at: PropertyAt,
        violation: Violation,
    },
}

/// What a function call surely gives, whatever the parameters are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Computed {
    String,
    /// An int or a float (a `number` parameter).
    Number,
    Boolean,
    List,
    Map,
    /// A list or a map (a `json` parameter).
    Json,
}

/// Which property of which resource a schema finding is about.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PropertyAt {
    pub(crate) resource: String,
    pub(crate) type_name: String,
    /// Heat's path to the property: `length`, `networks[0].port`.
    pub(crate) path: String,
    /// The nearest name the schema has (unknown properties only).
    pub(crate) suggestion: Option<String>,
}

/// How a literal value breaks a property constraint (HOT046).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Violation {
    OutOfRange {
        value: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    BadLength {
        length: usize,
        min: Option<f64>,
        max: Option<f64>,
    },
    NotAllowed {
        value: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
}
