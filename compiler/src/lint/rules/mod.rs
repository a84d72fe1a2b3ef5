//! The structure rules, one per file and one per code, and the lists that
//! register them for each kind of file.
//!
//! Rules stay independent: each one checks one thing and skips what another
//! rule reports (a section of the wrong type is HOT013's alone; the rules
//! that look inside that section see no entries), so one mistake gives one
//! diagnostic.

mod attr_calls;
mod attribute_path_mismatch;
mod attribute_type_mismatch;
pub(crate) mod calls;
mod condition_refs;
mod definition_not_a_mapping;
mod dependency_cycle;
mod deprecated_property;
mod deprecated_resource_type;
mod empty_environment_section;
mod environment_merge_failed;
mod function_fails;
mod function_not_in_version;
mod function_with_extra_keys;
mod given;
mod invalid_allowed_pattern;
mod invalid_parameter_constraint;
mod invalid_parameter_field;
mod invalid_parameter_group;
mod invalid_parameter_type;
mod invalid_parameter_value;
mod invalid_registry_action;
mod invalid_resource_field;
mod missing_file;
mod missing_required_property;
mod missing_template_version;
mod nested_parameter_not_given;
mod nested_stack_depth;
mod nested_template;
mod nested_template_not_found;
mod output_missing_value;
mod output_reveals_hidden_parameter;
mod parameter_default_violates_constraint;
mod parameter_not_in_template;
mod parameter_value_missing;
mod property_constraint_violation;
mod property_type_mismatch;
mod redundant_depends_on;
mod registry_file_not_found;
mod registry_type_not_found;
mod resource_missing_type;
mod section_wrong_type;
mod undefined_condition;
mod unknown_attribute;
mod unknown_environment_section;
mod unknown_output_key;
mod unknown_parameter;
mod unknown_parameter_key;
mod unknown_property;
mod unknown_reference;
mod unknown_resource_attribute;
mod unknown_resource_key;
mod unknown_resource_type;
mod unknown_section;
mod unknown_template_version;
mod unmapped_custom_type;
mod unused_condition;
mod unused_parameter;

use hotc_grammar::Value;

use super::view::is_falsy;
use super::{Context, Rule};
use crate::diagnostics::finding::{FindingKind, KeyPlace, UnknownKey};
use crate::suggest::nearest;
use crate::versions;

pub(crate) use attribute_path_mismatch::AttributePathMismatch;
pub(crate) use attribute_type_mismatch::AttributeTypeMismatch;
pub(crate) use definition_not_a_mapping::DefinitionNotAMapping;
pub(crate) use dependency_cycle::DependencyCycle;
pub(crate) use deprecated_property::DeprecatedProperty;
pub(crate) use deprecated_resource_type::DeprecatedResourceType;
pub(crate) use empty_environment_section::EmptyEnvironmentSection;
pub(crate) use environment_merge_failed::EnvironmentMergeFailed;
pub(crate) use function_fails::FunctionFails;
pub(crate) use function_not_in_version::FunctionNotInVersion;
pub(crate) use function_with_extra_keys::FunctionWithExtraKeys;
pub(crate) use invalid_allowed_pattern::InvalidAllowedPattern;
pub(crate) use invalid_parameter_constraint::InvalidParameterConstraint;
pub(crate) use invalid_parameter_field::InvalidParameterField;
pub(crate) use invalid_parameter_group::InvalidParameterGroup;
pub(crate) use invalid_parameter_type::InvalidParameterType;
pub(crate) use invalid_parameter_value::InvalidParameterValue;
pub(crate) use invalid_registry_action::InvalidRegistryAction;
pub(crate) use invalid_resource_field::InvalidResourceField;
pub(crate) use missing_file::MissingFile;
pub(crate) use missing_required_property::MissingRequiredProperty;
pub(crate) use missing_template_version::MissingTemplateVersion;
pub(crate) use nested_parameter_not_given::NestedParameterNotGiven;
pub(crate) use nested_stack_depth::NestedStackDepth;
pub(crate) use nested_template::{NestedTemplateProperty, is_template_type};
pub(crate) use nested_template_not_found::NestedTemplateNotFound;
pub(crate) use output_missing_value::OutputMissingValue;
pub(crate) use output_reveals_hidden_parameter::OutputRevealsHiddenParameter;
pub(crate) use parameter_default_violates_constraint::ParameterDefaultViolatesConstraint;
pub(crate) use parameter_not_in_template::ParameterNotInTemplate;
pub(crate) use parameter_value_missing::ParameterValueMissing;
pub(crate) use property_constraint_violation::PropertyConstraintViolation;
pub(crate) use property_type_mismatch::PropertyTypeMismatch;
pub(crate) use redundant_depends_on::RedundantDependsOn;
pub(crate) use registry_file_not_found::RegistryFileNotFound;
pub(crate) use registry_type_not_found::RegistryTypeNotFound;
pub(crate) use resource_missing_type::ResourceMissingType;
pub(crate) use section_wrong_type::SectionWrongType;
pub(crate) use undefined_condition::UndefinedCondition;
pub(crate) use unknown_attribute::UnknownAttribute;
pub(crate) use unknown_environment_section::UnknownEnvironmentSection;
pub(crate) use unknown_output_key::UnknownOutputKey;
pub(crate) use unknown_parameter::UnknownParameter;
pub(crate) use unknown_parameter_key::UnknownParameterKey;
pub(crate) use unknown_property::UnknownProperty;
pub(crate) use unknown_reference::UnknownReference;
pub(crate) use unknown_resource_attribute::UnknownResourceAttribute;
pub(crate) use unknown_resource_key::UnknownResourceKey;
pub(crate) use unknown_resource_type::UnknownResourceType;
pub(crate) use unknown_section::UnknownSection;
pub(crate) use unknown_template_version::UnknownTemplateVersion;
pub(crate) use unmapped_custom_type::UnmappedCustomType;
pub(crate) use unused_condition::UnusedCondition;
pub(crate) use unused_parameter::UnusedParameter;

/// The rules for templates, in code order.
pub(crate) const TEMPLATE_RULES: &[&dyn Rule] = &[
    &MissingTemplateVersion,
    &UnknownTemplateVersion,
    &UnknownSection,
    &SectionWrongType,
    &DefinitionNotAMapping,
    &ResourceMissingType,
    &UnknownResourceKey,
    &InvalidResourceField,
    &OutputMissingValue,
    &UnknownOutputKey,
    &UnknownParameterKey,
    &InvalidParameterType,
    &InvalidParameterConstraint,
    &InvalidParameterField,
    &InvalidParameterGroup,
    &ParameterDefaultViolatesConstraint,
    &InvalidAllowedPattern,
    &InvalidParameterValue,
    &ParameterNotInTemplate,
    &ParameterValueMissing,
    &EnvironmentMergeFailed,
    &InvalidRegistryAction,
    &RegistryTypeNotFound,
    &UnknownReference,
    &UnknownParameter,
    &FunctionNotInVersion,
    &FunctionWithExtraKeys,
    &UndefinedCondition,
    &UnusedCondition,
    &UnusedParameter,
    &DependencyCycle,
    &RedundantDependsOn,
    &OutputRevealsHiddenParameter,
    &UnknownResourceType,
    &UnmappedCustomType,
    &DeprecatedResourceType,
    &UnknownProperty,
    &MissingRequiredProperty,
    &PropertyTypeMismatch,
    &PropertyConstraintViolation,
    &DeprecatedProperty,
    &FunctionFails,
    &MissingFile,
    &NestedTemplateProperty,
    &UnknownAttribute,
    &NestedStackDepth,
    &NestedParameterNotGiven,
    &NestedTemplateNotFound,
    &AttributePathMismatch,
    &AttributeTypeMismatch,
    &UnknownResourceAttribute,
];

/// The rules for environment files, in code order.
pub(crate) const ENVIRONMENT_RULES: &[&dyn Rule] = &[
    &SectionWrongType,
    &UnknownEnvironmentSection,
    &EmptyEnvironmentSection,
    &RegistryFileNotFound,
];

/// The entries of the top-level `section` when it is a mapping; none when it
/// is absent or of another type (which `SectionWrongType` reports).
fn definitions<'v>(root: &'v Value, section: &str) -> &'v [(Value, Value)] {
    root.get_entry(section)
        .and_then(|(_, value)| value.as_map())
        .unwrap_or(&[])
}

/// Whether the top-level `section` is absent, empty or a mapping: when it
/// has another type (HOT013's), the rules that compare names against its
/// entries stay silent rather than call every name unknown.
fn section_is_mapping(root: &Value, section: &str) -> bool {
    root.get_entry(section)
        .is_none_or(|(_, value)| value.as_map().is_some() || is_falsy(value))
}

/// Like `definitions`, keeping only the entries whose body is a mapping
/// (`DefinitionNotAMapping` and `ResourceMissingType` report the others).
fn mapping_definitions<'v>(
    root: &'v Value,
    section: &str,
) -> impl Iterator<Item = (&'v Value, &'v Value, &'v [(Value, Value)])> {
    definitions(root, section)
        .iter()
        .filter_map(|(name, body)| body.as_map().map(|fields| (name, body, fields)))
}

/// Reports each key of `fields` that the template's version does not have
/// at `place` (see `check_key`). A misspelling of a missing required key
/// (`tpye`) is left to the rule that reports the missing key, so one typo
/// gives one finding.
fn check_keys(cx: &mut Context<'_>, place: KeyPlace, owner: &Value, fields: &[(Value, Value)]) {
    let misspelt = misspelt_required(cx, place, fields).map(|k| k.span);
    for (key, _) in fields {
        if misspelt != Some(key.span) {
            check_key(cx, place, Some(owner), key);
        }
    }
}

/// Reports `key` when the template's version does not have it at `place`,
/// with the first version that has it, or else the nearest valid key.
fn check_key(cx: &mut Context<'_>, place: KeyPlace, owner: Option<&Value>, key: &Value) {
    let version = cx.version;
    if key
        .as_str()
        .is_some_and(|k| versions::is_valid(place.place(), k, version))
    {
        return;
    }
    let name = cx.name(key);
    let since = versions::available_from(place.place(), &name, version);
    let suggestion = suggestion(cx, place, &name);
    let owner = owner.map(|o| cx.name(o));
    cx.report(
        FindingKind::UnknownKey(UnknownKey {
            place,
            owner,
            key: name,
            version,
            since,
            suggestion,
        }),
        key.span,
    );
}

/// The valid key closest to the unknown key `name`, unless `name` exists in
/// a later version (then that is the news, not a typo).
fn suggestion(cx: &Context<'_>, place: KeyPlace, name: &str) -> Option<&'static str> {
    match versions::available_from(place.place(), name, cx.version) {
        Some(_) => None,
        None => nearest(name, versions::names(place.place(), cx.version)),
    }
}

/// The key a definition at `place` cannot do without.
fn required_key(place: KeyPlace) -> Option<&'static str> {
    match place {
        KeyPlace::Resource | KeyPlace::Parameter => Some("type"),
        KeyPlace::Output => Some("value"),
        KeyPlace::Section => None,
    }
}

/// When the required key of a definition is missing, the unknown key that
/// is most likely its misspelling.
fn misspelt_required<'v>(
    cx: &Context<'_>,
    place: KeyPlace,
    fields: &'v [(Value, Value)],
) -> Option<&'v Value> {
    let wanted = required_key(place)?;
    if fields.iter().any(|(k, _)| k.as_str() == Some(wanted)) {
        return None;
    }
    fields.iter().map(|(k, _)| k).find(|k| {
        let valid = k
            .as_str()
            .is_some_and(|k| versions::is_valid(place.place(), k, cx.version));
        !valid && suggestion(cx, place, &cx.name(k)) == Some(wanted)
    })
}
