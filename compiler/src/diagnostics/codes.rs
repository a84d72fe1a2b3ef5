//! The catalogue of diagnostic codes: one table, one row per code.
//!
//! A row gives the code (`HOT` plus three digits, never changed and never
//! reused), its kebab-case name, its default severity, a one-line summary and
//! the documentation page `docs/codes/HOTnnn.md`, embedded at build time so
//! `hotc explain` needs no files. A test checks that the table and the pages
//! match. Renderers refer to rows through the constants defined here, so a
//! code cannot be misspelt anywhere else.

use super::Severity;

/// One diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// `HOT` plus three digits.
    pub code: &'static str,
    /// The kebab-case name users see and may use instead of the code.
    pub name: &'static str,
    pub severity: Severity,
    /// What the code means, in one line.
    pub summary: &'static str,
    /// The Markdown page: `# HOTnnn: name`, explanation, `## Bad`, `## Good`.
    pub doc: &'static str,
    /// Whether a single file can produce it (then tests/lint/HOTnnn/ holds a
    /// fixture for it); codes that need several files or options say false.
    pub from_file: bool,
}

/// Defines a constant per code and the table of all of them from one list.
macro_rules! code_table {
    ($($konst:ident = $code:literal, $name:literal, $severity:ident, $from_file:literal, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $konst: CodeInfo = CodeInfo {
                code: $code,
                name: $name,
                severity: Severity::$severity,
                summary: $summary,
                doc: include_str!(concat!("../../../docs/codes/", $code, ".md")),
                from_file: $from_file,
            };
        )*

        static ALL: &[CodeInfo] = &[$($konst),*];
    };
}

code_table! {
    SYNTAX_ERROR = "HOT001", "syntax-error", Error, true,
        "The file is not valid YAML or JSON.";
    TAB_INDENTATION = "HOT002", "tab-indentation", Error, true,
        "A TAB is used where YAML allows only spaces.";
    DUPLICATE_KEY = "HOT003", "duplicate-key", Warning, true,
        "A mapping has the same key twice; the last one silently wins.";
    NESTING_TOO_DEEP = "HOT004", "nesting-too-deep", Error, true,
        "Collections are nested deeper than hotc reads.";
    BAD_ALIAS = "HOT005", "bad-alias", Error, true,
        "An alias is undefined or recursive, an anchor is defined twice, or aliases expand too far.";
    INVALID_TAG = "HOT006", "invalid-tag", Error, true,
        "A YAML tag that Heat's loader cannot construct, or a value that does not fit its tag.";
    MULTIPLE_DOCUMENTS = "HOT007", "multiple-documents", Error, true,
        "The file holds more than one YAML document.";
    INVALID_MAPPING_KEY = "HOT008", "invalid-mapping-key", Error, true,
        "A mapping key is a collection, or a merge key `<<` has a bad value.";
    UNREPRESENTABLE_VALUE = "HOT009", "unrepresentable-value", Warning, true,
        "A value Heat's loader accepts but no template can use as it is.";
    MISSING_TEMPLATE_VERSION = "HOT010", "missing-template-version", Error, true,
        "A template has no `heat_template_version`.";
    UNKNOWN_TEMPLATE_VERSION = "HOT011", "unknown-template-version", Error, true,
        "The `heat_template_version` is not one Heat knows.";
    UNKNOWN_SECTION = "HOT012", "unknown-section", Error, true,
        "A top-level key of a template is not a section of its HOT version.";
    SECTION_WRONG_TYPE = "HOT013", "section-wrong-type", Error, true,
        "A template or environment section has the wrong type.";
    DEFINITION_NOT_A_MAPPING = "HOT014", "definition-not-a-mapping", Error, true,
        "A resource, output or parameter definition is not a mapping.";
    RESOURCE_MISSING_TYPE = "HOT015", "resource-missing-type", Error, true,
        "A resource has no `type`.";
    UNKNOWN_RESOURCE_KEY = "HOT016", "unknown-resource-key", Error, true,
        "A resource definition has a key its HOT version does not know.";
    INVALID_RESOURCE_FIELD = "HOT017", "invalid-resource-field", Error, true,
        "A field of a resource definition has a value Heat rejects.";
    OUTPUT_MISSING_VALUE = "HOT018", "output-missing-value", Error, true,
        "An output has no `value`.";
    UNKNOWN_OUTPUT_KEY = "HOT019", "unknown-output-key", Warning, true,
        "An output definition has a key its HOT version ignores.";
    UNKNOWN_PARAMETER_KEY = "HOT020", "unknown-parameter-key", Error, true,
        "A parameter definition has a key its HOT version does not know.";
    INVALID_PARAMETER_TYPE = "HOT021", "invalid-parameter-type", Error, true,
        "A parameter's `type` is missing or not a HOT parameter type.";
    INVALID_PARAMETER_CONSTRAINT = "HOT022", "invalid-parameter-constraint", Error, true,
        "A parameter constraint is malformed or does not fit the parameter's type.";
    INVALID_PARAMETER_FIELD = "HOT023", "invalid-parameter-field", Error, true,
        "A field of a parameter definition has a value Heat rejects.";
    INVALID_PARAMETER_GROUP = "HOT024", "invalid-parameter-group", Error, true,
        "A `parameter_groups` entry is malformed or names a bad parameter.";
    UNKNOWN_ENVIRONMENT_SECTION = "HOT025", "unknown-environment-section", Error, true,
        "A top-level key of an environment file is not an environment section.";
    EMPTY_ENVIRONMENT_SECTION = "HOT026", "empty-environment-section", Error, true,
        "An environment file section is present but empty.";
    DSL_SYNTAX_ERROR = "HOT027", "dsl-syntax-error", Error, true,
        "A `.heat` file does not follow the template language's grammar.";
    UNKNOWN_NAME = "HOT028", "unknown-name", Error, true,
        "A bare name in a `.heat` file is neither `param`, a declared resource nor a call.";
    MIXED_SECTION_FORMS = "HOT029", "mixed-section-forms", Error, true,
        "A `.heat` file writes a section (or a resource's properties) both whole and item by item.";
    UNKNOWN_RESOURCE_TYPE = "HOT040", "unknown-resource-type", Error, true,
        "A resource type is not one Heat has, nor a template file.";
    UNMAPPED_CUSTOM_TYPE = "HOT041", "unmapped-custom-type", Warning, true,
        "A namespaced resource type that only an environment's `resource_registry` can define.";
    DEPRECATED_RESOURCE_TYPE = "HOT042", "deprecated-resource-type", Warning, true,
        "A resource type Heat marks deprecated, hidden or unsupported.";
    UNKNOWN_PROPERTY = "HOT043", "unknown-property", Error, true,
        "A resource property its type does not have.";
    MISSING_REQUIRED_PROPERTY = "HOT044", "missing-required-property", Error, true,
        "A required resource property without a default is not given.";
    PROPERTY_TYPE_MISMATCH = "HOT045", "property-type-mismatch", Error, true,
        "A property value (literal, or a function result of known type) Heat cannot read as the property's type.";
    PROPERTY_CONSTRAINT_VIOLATION = "HOT046", "property-constraint-violation", Error, true,
        "A literal property value outside the property's range, length or allowed values.";
    DEPRECATED_PROPERTY = "HOT047", "deprecated-property", Warning, true,
        "A resource property Heat marks deprecated, hidden or unsupported.";
    FUNCTION_FAILS = "HOT048", "function-fails", Error, true,
        "A function in a resource property fails with the parameters' values.";
    UNKNOWN_REFERENCE = "HOT050", "unknown-reference", Error, true,
        "`get_resource`, `get_attr` or `depends_on` names a resource the template does not define.";
    UNKNOWN_PARAMETER = "HOT051", "unknown-parameter", Error, true,
        "`get_param` names a parameter the template does not declare.";
    FUNCTION_NOT_IN_VERSION = "HOT052", "function-not-in-version", Error, true,
        "A function that the template's `heat_template_version` does not have.";
    FUNCTION_WITH_EXTRA_KEYS = "HOT053", "function-with-extra-keys", Warning, true,
        "A mapping has a function name next to other keys, so Heat reads it as plain data.";
    UNDEFINED_CONDITION = "HOT054", "undefined-condition", Error, true,
        "A condition name that the `conditions` section does not define.";
    UNUSED_CONDITION = "HOT055", "unused-condition", Warning, true,
        "A condition nothing refers to.";
    UNUSED_PARAMETER = "HOT056", "unused-parameter", Warning, true,
        "A declared parameter that no `get_param` refers to.";
    DEPENDENCY_CYCLE = "HOT057", "dependency-cycle", Error, true,
        "Resources depend on each other in a circle.";
    REDUNDANT_DEPENDS_ON = "HOT058", "redundant-depends-on", Warning, true,
        "A `depends_on` entry names a resource the resource already refers to with `get_resource` or `get_attr`.";
    OUTPUT_REVEALS_HIDDEN_PARAMETER = "HOT059", "output-reveals-hidden-parameter", Warning, true,
        "An output's value reads a parameter declared `hidden: true`, and outputs are shown in clear text.";
    PARAMETER_DEFAULT_VIOLATES_CONSTRAINT = "HOT060", "parameter-default-violates-constraint", Error, true,
        "A parameter's default does not convert to its type or breaks one of its constraints.";
    INVALID_ALLOWED_PATTERN = "HOT061", "invalid-allowed-pattern", Error, true,
        "An `allowed_pattern` is not a regular expression Python's `re` compiles.";
    INVALID_PARAMETER_VALUE = "HOT062", "invalid-parameter-value", Error, false,
        "A value given by `-P` or an environment does not fit its parameter's type or constraints.";
    PARAMETER_NOT_IN_TEMPLATE = "HOT063", "parameter-not-in-template", Error, false,
        "A value is given in `parameters` (or by `-P`) for a parameter the template does not declare.";
    PARAMETER_VALUE_MISSING = "HOT064", "parameter-value-missing", Error, false,
        "Values are given, but none for a parameter that has no default.";
    ENVIRONMENT_MERGE_FAILED = "HOT065", "environment-merge-failed", Error, false,
        "Heat cannot merge the `-e` environment files (conflicting or impossible merge strategies).";
    INVALID_REGISTRY_ACTION = "HOT066", "invalid-registry-action", Error, false,
        "A `hooks` or `restricted_actions` value in a `resource_registry` that Heat does not know.";
    REGISTRY_TYPE_NOT_FOUND = "HOT067", "registry-type-not-found", Error, false,
        "A `resource_registry` maps a type a resource uses to a type Heat does not have.";
    REGISTRY_FILE_NOT_FOUND = "HOT068", "registry-file-not-found", Error, false,
        "An environment's resource_registry names a file that does not exist.";
    MISSING_FILE = "HOT070", "missing-file", Error, false,
        "`get_file` names a file that does not exist beside the template.";
    UNKNOWN_ATTRIBUTE = "HOT071", "unknown-attribute", Warning, false,
        "`get_attr` names an attribute the resource does not have.";
    NESTED_STACK_DEPTH = "HOT072", "nested-stack-depth", Error, false,
        "Nested templates nest themselves or go deeper than Heat's limit of 5.";
    NESTED_PARAMETER_NOT_GIVEN = "HOT073", "nested-parameter-not-given", Warning, false,
        "A nested template's parameter without a default is not given as a property.";
    NESTED_TEMPLATE_NOT_FOUND = "HOT074", "nested-template-not-found", Error, false,
        "A resource's type names a template file (directly or through the registry) that does not exist.";
    ATTRIBUTE_PATH_MISMATCH = "HOT075", "attribute-path-mismatch", Warning, true,
        "A `get_attr` path steps into an attribute in a way its declared type cannot be read, so the value is null.";
    ATTRIBUTE_TYPE_MISMATCH = "HOT076", "attribute-type-mismatch", Warning, true,
        "A `get_attr` gives a property an attribute whose declared type the property cannot take.";
    UNKNOWN_RESOURCE_ATTRIBUTE = "HOT077", "unknown-resource-attribute", Error, true,
        "`get_attr` names an attribute the resource's type does not have.";
    FUNCTION_FAILED = "HOT080", "function-failed", Error, false,
        "A function fails with the stack's parameter values when the plan evaluates it.";
    IMMUTABLE_PROPERTY_CHANGED = "HOT081", "immutable-property-changed", Error, false,
        "A plan changes a property that Heat refuses to update.";
}

/// Every code, in code order.
pub fn all() -> &'static [CodeInfo] {
    ALL
}

/// Finds a code by its code (`HOT012`, any letter case) or its name
/// (`unknown-section`).
pub fn lookup(code_or_name: &str) -> Option<&'static CodeInfo> {
    ALL.iter()
        .find(|c| c.code.eq_ignore_ascii_case(code_or_name) || c.name == code_or_name)
}

#[cfg(test)]
mod tests;
