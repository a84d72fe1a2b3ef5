//! The HOT versions Heat knows, and what each version allows, as one table.
//!
//! Everything that depends on `heat_template_version` (top-level sections,
//! resource, output and parameter keys, constraint kinds, deletion policies,
//! function names) is a row here with the first version that has it. Rules
//! ask this module; they never compare versions themselves. The data follows
//! Heat's `heat/engine/hot/template.py` and `hot/parameters.py` and the
//! `heat.templates` entry points of the `openstack-heat` package.

use HotVersion::{V2013_05_23, V2016_10_14, V2017_02_24, V2018_03_02};
use Place::{Constraint, DeletionPolicy, Output, Parameter, Resource, Section};

/// One of the HOT versions Heat registers, in release order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HotVersion {
    V2013_05_23,
    V2014_10_16,
    V2015_04_30,
    V2015_10_15,
    V2016_04_08,
    V2016_10_14,
    V2017_02_24,
    V2017_09_01,
    V2018_03_02,
    V2018_08_31,
    V2021_04_16,
}

/// Every version with its date and, from Newton on, its release-name alias
/// (Heat registers the alias as a second name for the same class).
const VERSIONS: &[(HotVersion, &str, Option<&str>)] = &[
    (HotVersion::V2013_05_23, "2013-05-23", None),
    (HotVersion::V2014_10_16, "2014-10-16", None),
    (HotVersion::V2015_04_30, "2015-04-30", None),
    (HotVersion::V2015_10_15, "2015-10-15", None),
    (HotVersion::V2016_04_08, "2016-04-08", None),
    (HotVersion::V2016_10_14, "2016-10-14", Some("newton")),
    (HotVersion::V2017_02_24, "2017-02-24", Some("ocata")),
    (HotVersion::V2017_09_01, "2017-09-01", Some("pike")),
    (HotVersion::V2018_03_02, "2018-03-02", Some("queens")),
    (HotVersion::V2018_08_31, "2018-08-31", Some("rocky")),
    (HotVersion::V2021_04_16, "2021-04-16", Some("wallaby")),
];

impl HotVersion {
    /// The newest version; rules fall back to it when the template's version
    /// is unknown, because it accepts the most and so reports the least noise.
    pub(crate) const LATEST: HotVersion = HotVersion::V2021_04_16;

    /// Reads a `heat_template_version` value: a date or a release name,
    /// spelled exactly (Heat looks it up in a dict).
    pub fn parse(text: &str) -> Option<HotVersion> {
        VERSIONS
            .iter()
            .find(|(_, date, alias)| *date == text || *alias == Some(text))
            .map(|(version, _, _)| *version)
    }

    /// The version's date, as written in templates.
    pub fn date(self) -> &'static str {
        VERSIONS
            .iter()
            .find(|(version, _, _)| *version == self)
            .map_or("", |(_, date, _)| date)
    }

    /// Every accepted spelling in the order Heat lists them when it rejects
    /// a version: sorted as strings, so all dates come before the names.
    pub(crate) fn all_names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = VERSIONS
            .iter()
            .flat_map(|(_, date, alias)| std::iter::once(*date).chain(*alias))
            .collect();
        names.sort_unstable();
        names
    }
}

/// Where a key is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    /// A top-level key of a template.
    Section,
    /// A key inside one resource definition.
    Resource,
    /// A key inside one output definition.
    Output,
    /// A key inside one parameter definition.
    Parameter,
    /// A key inside one entry of a parameter's `constraints` list.
    Constraint,
    /// A value of a resource's `deletion_policy`.
    DeletionPolicy,
}

/// One row of the table: `name` exists at `place` from version `since` on.
#[derive(Debug, Clone, Copy)]
struct KeySpec {
    place: Place,
    name: &'static str,
    since: HotVersion,
    /// False for names Heat accepts but nobody should write, so they are
    /// never offered as a suggestion.
    suggest: bool,
}

const fn key(place: Place, name: &'static str, since: HotVersion) -> KeySpec {
    KeySpec {
        place,
        name,
        since,
        suggest: true,
    }
}

const KEYS: &[KeySpec] = &[
    key(Section, "heat_template_version", V2013_05_23),
    key(Section, "description", V2013_05_23),
    key(Section, "parameter_groups", V2013_05_23),
    key(Section, "parameters", V2013_05_23),
    key(Section, "resources", V2013_05_23),
    key(Section, "outputs", V2013_05_23),
    // Heat's HOT classes list their (unsupported) `Mappings` section under
    // this placeholder name, which makes it a valid top-level key.
    KeySpec {
        place: Section,
        name: "__undefined__",
        since: V2013_05_23,
        suggest: false,
    },
    key(Section, "conditions", V2016_10_14),
    key(Resource, "type", V2013_05_23),
    key(Resource, "properties", V2013_05_23),
    key(Resource, "metadata", V2013_05_23),
    key(Resource, "depends_on", V2013_05_23),
    key(Resource, "deletion_policy", V2013_05_23),
    key(Resource, "update_policy", V2013_05_23),
    key(Resource, "description", V2013_05_23),
    key(Resource, "external_id", V2016_10_14),
    key(Resource, "condition", V2016_10_14),
    key(Output, "description", V2013_05_23),
    key(Output, "value", V2013_05_23),
    key(Output, "condition", V2016_10_14),
    key(Parameter, "type", V2013_05_23),
    key(Parameter, "description", V2013_05_23),
    key(Parameter, "default", V2013_05_23),
    key(Parameter, "schema", V2013_05_23),
    key(Parameter, "constraints", V2013_05_23),
    key(Parameter, "hidden", V2013_05_23),
    key(Parameter, "label", V2013_05_23),
    key(Parameter, "immutable", V2013_05_23),
    key(Parameter, "tags", V2018_03_02),
    key(Constraint, "description", V2013_05_23),
    key(Constraint, "length", V2013_05_23),
    key(Constraint, "range", V2013_05_23),
    // Heat accepts the `modulo` key in every version but only builds a
    // constraint from it from 2017-02-24 on; earlier it reports "No
    // constraint expressed", which the constraint rule checks separately.
    key(Constraint, "modulo", V2013_05_23),
    key(Constraint, "allowed_values", V2013_05_23),
    key(Constraint, "allowed_pattern", V2013_05_23),
    key(Constraint, "custom_constraint", V2013_05_23),
    key(DeletionPolicy, "Delete", V2013_05_23),
    key(DeletionPolicy, "Retain", V2013_05_23),
    key(DeletionPolicy, "Snapshot", V2013_05_23),
    key(DeletionPolicy, "delete", V2016_10_14),
    key(DeletionPolicy, "retain", V2016_10_14),
    key(DeletionPolicy, "snapshot", V2016_10_14),
];

/// The first version in which the `modulo` constraint takes effect.
pub(crate) const MODULO_SINCE: HotVersion = V2017_02_24;

/// The names valid at `place` in `version`, in table order, without the
/// ones that are never suggested.
pub(crate) fn names(place: Place, version: HotVersion) -> impl Iterator<Item = &'static str> {
    KEYS.iter()
        .filter(move |k| k.place == place && k.since <= version && k.suggest)
        .map(|k| k.name)
}

/// Whether `name` is valid at `place` in `version`.
pub(crate) fn is_valid(place: Place, name: &str, version: HotVersion) -> bool {
    KEYS.iter()
        .any(|k| k.place == place && k.name == name && k.since <= version)
}

/// The first version that has `name` at `place`, when `version` does not
/// have it yet.
pub(crate) fn available_from(place: Place, name: &str, version: HotVersion) -> Option<HotVersion> {
    KEYS.iter()
        .find(|k| k.place == place && k.name == name && k.since > version)
        .map(|k| k.since)
}

/// The parameter types of HOT, the same in every version.
pub(crate) const PARAMETER_TYPES: &[&str] = &[
    "string",
    "number",
    "comma_delimited_list",
    "json",
    "boolean",
];

/// The sections of an environment file (Heat's `environment_format.SECTIONS`;
/// environment files carry no version).
pub(crate) const ENVIRONMENT_SECTIONS: &[&str] = &[
    "parameters",
    "resource_registry",
    "parameter_defaults",
    "encrypted_param_names",
    "event_sinks",
    "parameter_merge_strategies",
];

/// Names Heat parses as functions, with the first version that knows them.
/// Functions that later versions dropped stay in those versions' tables as
/// "removed" entries, which Heat still parses (to report them), so a name
/// never leaves this list once it is in.
const FUNCTIONS: &[(&str, HotVersion)] = &[
    ("get_param", V2013_05_23),
    ("get_resource", V2013_05_23),
    ("get_attr", V2013_05_23),
    ("get_file", V2013_05_23),
    ("list_join", V2013_05_23),
    ("str_replace", V2013_05_23),
    ("resource_facade", V2013_05_23),
    ("Fn::GetAZs", V2013_05_23),
    ("Ref", V2013_05_23),
    ("Fn::Select", V2013_05_23),
    ("Fn::Join", V2013_05_23),
    ("Fn::Split", V2013_05_23),
    ("Fn::Replace", V2013_05_23),
    ("Fn::Base64", V2013_05_23),
    ("Fn::MemberListToMap", V2013_05_23),
    ("Fn::ResourceFacade", V2013_05_23),
    ("repeat", HotVersion::V2015_04_30),
    ("digest", HotVersion::V2015_04_30),
    ("str_split", HotVersion::V2015_10_15),
    ("map_merge", HotVersion::V2016_04_08),
    ("yaql", V2016_10_14),
    ("map_replace", V2016_10_14),
    ("if", V2016_10_14),
    ("filter", V2017_02_24),
    ("str_replace_strict", V2017_02_24),
    ("make_url", HotVersion::V2017_09_01),
    ("list_concat", HotVersion::V2017_09_01),
    ("str_replace_vstrict", HotVersion::V2017_09_01),
    ("list_concat_unique", HotVersion::V2017_09_01),
    ("contains", HotVersion::V2017_09_01),
];

/// Functions that Heat still parses but only to refuse them ("The function
/// Fn::Join is not supported in this version of HOT"), with the first
/// version that refuses them (`hot_funcs.Removed` in template.py) and the
/// HOT function to use instead, if there is one.
const REMOVED_FUNCTIONS: &[(&str, HotVersion, Option<&str>)] = &[
    ("Fn::GetAZs", HotVersion::V2014_10_16, None),
    ("Fn::Join", HotVersion::V2014_10_16, Some("list_join")),
    ("Fn::Split", HotVersion::V2014_10_16, Some("str_split")),
    ("Fn::Replace", HotVersion::V2014_10_16, Some("str_replace")),
    ("Fn::Base64", HotVersion::V2014_10_16, None),
    ("Fn::MemberListToMap", HotVersion::V2014_10_16, None),
    (
        "Fn::ResourceFacade",
        HotVersion::V2014_10_16,
        Some("resource_facade"),
    ),
    ("Ref", HotVersion::V2014_10_16, Some("get_resource")),
    ("Fn::Select", HotVersion::V2015_10_15, None),
];

/// When `version` parses `name` only to refuse it: the first version that
/// refuses it and the HOT function to use instead.
pub(crate) fn removed_function(
    name: &str,
    version: HotVersion,
) -> Option<(HotVersion, Option<&'static str>)> {
    REMOVED_FUNCTIONS
        .iter()
        .find(|(n, since, _)| *n == name && *since <= version)
        .map(|(_, since, instead)| (*since, *instead))
}

/// The first version that parses `name` as a function, when `version` does
/// not (so Heat reads a one-key mapping with this key as plain data).
pub(crate) fn function_available_from(name: &str, version: HotVersion) -> Option<HotVersion> {
    FUNCTIONS
        .iter()
        .find(|(n, since)| *n == name && *since > version)
        .map(|(_, since)| *since)
}

/// Functions of condition expressions (`conditions` entries and the
/// `condition` keys), on top of the template's other function names.
const CONDITION_FUNCTIONS: &[(&str, HotVersion)] = &[
    ("equals", V2016_10_14),
    ("not", V2016_10_14),
    ("and", V2016_10_14),
    ("or", V2016_10_14),
];

/// Whether Heat parses a one-key mapping with this key as a function call.
pub(crate) fn is_function(name: &str, version: HotVersion) -> bool {
    FUNCTIONS
        .iter()
        .any(|(n, since)| *n == name && *since <= version)
}

/// Like `is_function`, for a condition expression.
pub(crate) fn is_condition_function(name: &str, version: HotVersion) -> bool {
    is_function(name, version)
        || CONDITION_FUNCTIONS
            .iter()
            .any(|(n, since)| *n == name && *since <= version)
}

#[cfg(test)]
mod tests;
