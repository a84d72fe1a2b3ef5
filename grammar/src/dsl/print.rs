//! The DSL printer (being written).

/// Every intrinsic function name of every HOT and CFN template version Heat
/// knows (heat/engine/hot/template.py and cfn/template.py, all versions):
/// a one-key mapping with one of these keys is printed as a call.
const FUNCTION_NAMES: &[&str] = &[
    "and",
    "contains",
    "digest",
    "equals",
    "filter",
    "get_attr",
    "get_file",
    "get_param",
    "get_resource",
    "if",
    "list_concat",
    "list_concat_unique",
    "list_join",
    "make_url",
    "map_merge",
    "map_replace",
    "not",
    "or",
    "repeat",
    "resource_facade",
    "str_replace",
    "str_replace_strict",
    "str_replace_vstrict",
    "str_split",
    "yaql",
    "Fn::And",
    "Fn::Base64",
    "Fn::Equals",
    "Fn::FindInMap",
    "Fn::GetAZs",
    "Fn::GetAtt",
    "Fn::If",
    "Fn::Join",
    "Fn::MemberListToMap",
    "Fn::Not",
    "Fn::Or",
    "Fn::Replace",
    "Fn::ResourceFacade",
    "Fn::Select",
    "Fn::Split",
    "Ref",
];

/// Whether `name` is an intrinsic function of some HOT or CFN version.
pub fn is_function_name(name: &str) -> bool {
    FUNCTION_NAMES.contains(&name)
}
