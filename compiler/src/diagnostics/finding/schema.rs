//! Findings of the rules that check resources against their type's schema
//! (HOT040 to HOT047, and HOT075 to HOT077 on attributes), as typed data;
//! `render::schema` words them.

use super::Shape;
use crate::lint::schema::{AttrType, PropType, Status};

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
    /// HOT075: the first path step of a `get_attr` that the attribute's
    /// declared type cannot be read by (the span is the step).
    AttributePathMismatch {
        /// The resource `get_attr` names, and its type as written.
        resource: String,
        type_name: String,
        attribute: String,
        declared: AttrType,
        problem: PathProblem,
    },
    /// HOT076: a `get_attr` of an attribute whose declared type the
    /// property's type cannot take (the span is the call).
    AttributeTypeMismatch {
        at: PropertyAt,
        expected: PropType,
        /// The resource `get_attr` names.
        target: String,
        attribute: String,
        declared: AttrType,
    },
    /// HOT077: `get_attr` of an attribute the resource's type does not
    /// declare (the span is the attribute name).
    UnknownResourceAttribute {
        resource: String,
        type_name: String,
        attribute: String,
        suggestion: Option<String>,
    },
}

/// Why a literal first step of a `get_attr` path cannot read the
/// attribute's declared type (Heat's `select_from_attribute`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathProblem {
    /// Any step into an integer, a number or a boolean: null.
    IntoScalar,
    /// An integer step into a string: one character (or null).
    StringIndex(i128),
    /// A string step into a string: null.
    StringKey(String),
    /// A string step into a list: null.
    ListKey(String),
    /// An integer step into a map: null.
    MapIndex(i128),
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
    /// A custom constraint Heat checks without a cloud (`net_cidr`, ...)
    /// refuses the value; `message` is Heat's.
    Custom { constraint: String, message: String },
}
