//! Findings of hotc's own checks, as typed data: a kind and a span.
//!
//! Rules push `Finding`s and never build text; `render` is the one place
//! that turns a finding into a message, labels and help. Names of things in
//! the template (resource, parameter, key names) travel as the text the user
//! wrote, so messages quote them exactly.

use hotc_grammar::Span;

use crate::versions::{HotVersion, Place};

mod schema;
pub(crate) use schema::{Computed, PathProblem, PropertyAt, SchemaFinding, Violation};

/// Where an unknown key sits, for the four places that share a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyPlace {
    /// A top-level key of a template (HOT012).
    Section,
    /// A key of a resource definition (HOT016).
    Resource,
    /// A key of an output definition (HOT019).
    Output,
    /// A key of a parameter definition (HOT020).
    Parameter,
}

impl KeyPlace {
    /// The row of the version table that lists the valid keys.
    pub(crate) fn place(self) -> Place {
        match self {
            KeyPlace::Section => Place::Section,
            KeyPlace::Resource => Place::Resource,
            KeyPlace::Output => Place::Output,
            KeyPlace::Parameter => Place::Parameter,
        }
    }
}

/// One problem found by a rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub(crate) kind: FindingKind,
    /// The offending node: a key, a value, or for a missing key the name of
    /// the definition that lacks it.
    pub(crate) span: Span,
}

impl Finding {
    pub(crate) fn new(kind: FindingKind, span: Span) -> Self {
        Finding { kind, span }
    }
}

/// The shape of a value, for "expected X, found Y".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Null,
    Bool,
    Int,
    Float,
    Str,
    Seq,
    Map,
}

/// What a value should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    Mapping,
    List,
    String,
    /// `depends_on`: one name or a list of names.
    StringOrList,
    /// A resource's `condition`: a condition name or a boolean.
    StringOrBool,
}

/// Where a given parameter value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GivenBy {
    /// `-P` or `--parameter-file`.
    CommandLine,
    /// An environment file's `parameters` or `parameter_defaults`.
    Environment { file: String, section: &'static str },
}

/// Which kind of definition a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Definition {
    Resource,
    Output,
    Parameter,
}

/// A key that is not valid where it is, and what could be meant instead.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnknownKey {
    pub(crate) place: KeyPlace,
    /// The name of the definition holding the key (none for sections).
    pub(crate) owner: Option<String>,
    pub(crate) key: String,
    /// The template's version (for a template).
    pub(crate) version: HotVersion,
    /// The first later version that has this key, if any.
    pub(crate) since: Option<HotVersion>,
    /// The nearest valid key, if one is close.
    pub(crate) suggestion: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FindingKind {
    /// HOT010: a template-shaped file without `heat_template_version`.
    MissingTemplateVersion,
    /// HOT011: the version string is not a known version.
    UnknownTemplateVersion {
        found: String,
        suggestion: Option<&'static str>,
    },
    /// HOT011: the version is not a string.
    TemplateVersionNotString { found: Shape },
    /// HOT011: a CloudFormation version key next to `heat_template_version`.
    AmbiguousTemplateVersion { key: String, hot_key: Span },
    /// HOT012, HOT016, HOT019 or HOT020, by `place`.
    UnknownKey(UnknownKey),
    /// HOT025: an environment file key that is not a section.
    UnknownEnvironmentSection {
        name: String,
        suggestion: Option<&'static str>,
        /// The key is a template section: the file may be a template that
        /// lost its `heat_template_version`.
        template_section: bool,
    },
    /// HOT013
    SectionWrongType {
        section: String,
        expected: Expected,
        found: Shape,
        /// Whether Heat accepts an empty value here.
        empty_ok: bool,
    },
    /// HOT014
    DefinitionNotAMapping {
        definition: Definition,
        name: String,
        found: Shape,
    },
    /// HOT015: `type` missing (the span is the resource name, or the key
    /// that looks like a misspelt `type`) or empty (`present`; the span is
    /// the value).
    ResourceMissingType {
        resource: String,
        present: bool,
        misspelt: Option<String>,
    },
    /// HOT017
    InvalidResourceField {
        resource: String,
        field: &'static str,
        problem: FieldProblem,
    },
    /// HOT018 (with the key that looks like a misspelt `value`, if any).
    OutputMissingValue {
        output: String,
        misspelt: Option<String>,
    },
    /// HOT021: no `type` key.
    MissingParameterType {
        parameter: String,
        misspelt: Option<String>,
    },
    /// HOT021: a `type` that is not a parameter type.
    UnknownParameterType {
        parameter: String,
        found: String,
        suggestion: Option<&'static str>,
    },
    /// HOT021: a `type` that is not a string.
    ParameterTypeNotString { parameter: String, found: Shape },
    /// HOT022
    InvalidConstraint {
        parameter: String,
        problem: ConstraintProblem,
    },
    /// HOT023: `tags` is not a list.
    ParameterTagsNotAList { parameter: String, found: Shape },
    /// HOT024
    InvalidParameterGroup(GroupProblem),
    /// HOT060: a parameter's default that Heat refuses (converted to the
    /// type, then checked against the constraints).
    DefaultViolatesConstraint {
        parameter: String,
        problem: crate::params::ValueProblem,
    },
    /// HOT061: an `allowed_pattern` that Python's `re` does not compile
    /// (`message` is the regex crate's reason).
    InvalidAllowedPattern {
        parameter: String,
        pattern: String,
        message: String,
    },
    /// HOT026
    EmptyEnvironmentSection { name: String },
    /// HOT040 to HOT046: a resource checked against its type's schema.
    Schema(SchemaFinding),
    /// HOT050: a reference to a resource the template does not define;
    /// `in_output` for a `get_resource` in an output, which Heat leaves to
    /// fail at run time.
    UnknownReference {
        via: Reference,
        name: String,
        suggestion: Option<String>,
        in_output: bool,
    },
    /// HOT051: `get_param` of a parameter the template does not declare;
    /// `in_output` when it is in an output (Heat then fails only that
    /// output, at run time).
    UnknownParameter {
        name: String,
        suggestion: Option<String>,
        in_output: bool,
    },
    /// HOT070: `get_file` of a literal path that the loader could not read
    /// (never a URL: those are not fetched, so nothing is known of them).
    MissingFile {
        path: String,
        resolved: String,
        reason: crate::source::LoadErrorKind,
    },
    /// HOT071: `get_attr` of an attribute the resource does not have; for
    /// now only nested stacks, whose attributes are their template's
    /// `outputs`.
    UnknownAttribute {
        resource: String,
        type_name: String,
        attribute: String,
        outputs: Vec<String>,
        suggestion: Option<String>,
    },
    /// HOT072: a nested template that comes back to a template on its own
    /// path; `chain` is the resolved names from there back to it.
    NestedStackCycle {
        resource: String,
        chain: Vec<String>,
    },
    /// HOT072: nested stacks deeper than Heat's `max_nested_stack_depth`.
    NestedStackTooDeep { resource: String, depth: usize },
    /// HOT073: a nested template's parameter without a default that the
    /// resource's properties do not give.
    NestedParameterNotGiven {
        resource: String,
        type_name: String,
        parameter: String,
    },
    /// HOT062: a given value (`-P`, an environment's `parameters` or
    /// `parameter_defaults`) Heat refuses for its parameter; `reason` is
    /// Heat's, with a hidden parameter's value masked.
    InvalidParameterValue {
        parameter: String,
        reason: String,
        given_by: GivenBy,
    },
    /// HOT063: a value given in `parameters` (or by `-P`) for a parameter
    /// the template does not declare.
    ParameterNotInTemplate {
        parameter: String,
        template: String,
        given_by: GivenBy,
        suggestion: Option<String>,
    },
    /// HOT064: a parameter with no default that nothing gives a value.
    ParameterValueMissing { parameter: String },
    /// HOT065: Heat's merge of the environment files fails.
    EnvironmentMergeFailed(crate::params::MergeProblem),
    /// HOT066: a `hooks` or `restricted_actions` value Heat does not know.
    InvalidRegistryAction {
        resource: String,
        key: &'static str,
        value: Option<String>,
        suggestion: Option<&'static str>,
    },
    /// HOT067: a registry maps a type a resource uses to a type Heat does
    /// not have.
    RegistryTypeNotFound {
        resource: String,
        type_name: String,
        target: String,
        suggestion: Option<&'static str>,
    },
    /// HOT048: a function in a resource property fails with the parameters'
    /// values (Heat's message).
    FunctionFails {
        resource: String,
        property: String,
        message: String,
    },
    /// HOT068: a `resource_registry` value heatclient reads as a file, and
    /// which cannot be read.
    RegistryFileNotFound {
        path: String,
        resolved: String,
        reason: crate::source::LoadErrorKind,
    },
    /// HOT074: the template file a resource's type names (directly, or
    /// through the registry of `via`) cannot be read.
    NestedTemplateNotFound {
        resource: String,
        path: String,
        resolved: String,
        reason: crate::source::LoadErrorKind,
        via: Option<String>,
    },
    /// HOT052: a CloudFormation function the template's version parses only
    /// to refuse it.
    RemovedFunction {
        name: String,
        version: HotVersion,
        removed: HotVersion,
        instead: Option<&'static str>,
    },
    /// HOT052: a function of a later version, which this version reads as
    /// plain data.
    FunctionNotYet {
        name: String,
        version: HotVersion,
        since: HotVersion,
    },
    /// HOT053: a mapping with a function name and other keys, which Heat
    /// reads as plain data; the span is the function name.
    FunctionWithExtraKeys { name: String, others: Vec<String> },
    /// HOT054: a condition name the `conditions` section does not define.
    UndefinedCondition {
        name: String,
        suggestion: Option<String>,
    },
    /// HOT055: a condition nothing refers to.
    UnusedCondition { name: String },
    /// HOT056: a parameter no `get_param` refers to.
    UnusedParameter { name: String },
    /// HOT057: resources that depend on each other in a circle. `path`
    /// names them in order (the first one again at the end); `edges` holds,
    /// for each step, the span of the reference that makes it.
    DependencyCycle {
        path: Vec<String>,
        edges: Vec<(Span, Reference)>,
    },
    /// HOT058: a `depends_on` entry naming a resource that a call in the
    /// resource's `properties` or `metadata` already refers to (`via`, at
    /// `reference`); `removal` is the text to delete to drop the entry,
    /// when that is a simple cut.
    RedundantDependsOn {
        resource: String,
        target: String,
        via: Reference,
        reference: Span,
        removal: Option<Span>,
    },
    /// HOT059: an output whose value reads a hidden parameter; the span is
    /// the `get_param` call.
    OutputRevealsHiddenParameter {
        output: String,
        output_span: Span,
        parameter: String,
        declaration: Span,
    },
}

/// How a resource refers to another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference {
    GetResource,
    GetAttr,
    DependsOn,
}

/// What is wrong with a resource field (HOT017).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FieldProblem {
    WrongType {
        expected: Expected,
        found: Shape,
    },
    /// An entry of a `depends_on` list is not a string.
    DependencyNotString {
        found: Shape,
    },
    UnknownDeletionPolicy {
        found: String,
        version: HotVersion,
        /// The spelling that works, if the value is close to one; `since`
        /// is set when the value itself works in a later version.
        suggestion: Option<&'static str>,
        since: Option<HotVersion>,
    },
}

/// What is wrong with a parameter constraint (HOT022).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ConstraintProblem {
    /// `constraints` is not a list.
    NotAList {
        found: Shape,
    },
    /// An entry of the list is not a mapping.
    EntryNotAMapping {
        found: Shape,
    },
    /// A key that is not a constraint key.
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
    },
    /// An entry with only a description, or only keys Heat ignores.
    NoConstraint {
        /// The entry has `modulo`, which its version does not support.
        modulo_since: Option<HotVersion>,
    },
    /// `range`, `length` or `modulo` is not a mapping.
    BoundsNotAMapping {
        kind: &'static str,
        found: Shape,
    },
    /// A key inside `range`, `length` or `modulo` that is not a bound.
    UnknownBound {
        kind: &'static str,
        key: String,
        allowed: &'static [&'static str],
        suggestion: Option<&'static str>,
    },
    /// A bound that is not a number.
    BoundNotANumber {
        kind: &'static str,
        bound: String,
    },
    /// A bound that must be a whole number and is not.
    BoundNotWhole {
        kind: &'static str,
        bound: String,
    },
    /// `range` or `length` with neither `min` nor `max`.
    NoBounds {
        kind: &'static str,
    },
    /// `modulo` without `step` or `offset`.
    ModuloIncomplete {
        missing: &'static str,
    },
    ModuloZeroStep,
    ModuloOffsetTooLarge,
    ModuloSignsDiffer,
    /// `allowed_values` is not a list.
    AllowedValuesNotAList {
        found: Shape,
    },
    /// `allowed_pattern` is not a string.
    PatternNotAString {
        found: Shape,
    },
    /// The constraint does not apply to the parameter's type.
    WrongTypeForConstraint {
        kind: &'static str,
        param_type: String,
        valid_types: &'static [&'static str],
    },
}

/// What is wrong with `parameter_groups` (HOT024).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum GroupProblem {
    GroupNotAMapping {
        found: Shape,
    },
    MissingParameters {
        label: Option<String>,
    },
    ParametersNotAList {
        found: Shape,
    },
    UnknownParameter {
        name: String,
        suggestion: Option<String>,
    },
    /// A parameter listed in two groups; `first` is its first listing.
    AlreadyGrouped {
        name: String,
        first: Span,
    },
}
