//! HOT's intrinsic functions, one module a function, each with Heat's exact
//! semantics (the variant a template version selects included) and tests
//! that name the Heat behaviour they reproduce.
//!
//! Which names are functions in which version is data in `crate::versions`;
//! this table only maps a name to its evaluator. A function whose evaluator
//! is missing here is reported as not supported by `eval`, never guessed.

use hotc_grammar::Span;

use crate::ir::Expr;

use crate::eval::{Context, EvalError, Val};

pub(crate) mod boolean;
mod cfn;
pub(crate) mod contains;
mod digest;
pub(crate) mod equals;
mod filter;
mod get_attr;
mod get_file;
mod get_param;
mod get_resource;
mod if_fn;
mod list_concat;
mod list_join;
mod make_url;
mod map_merge;
mod map_replace;
pub(crate) mod python;
mod repeat;
pub(crate) mod str_replace;
mod str_split;
mod yaql;

/// Evaluates a call's argument (unevaluated, so that functions such as `if`
/// can be lazy) at the call's span.
pub(crate) type Evaluator = fn(&Expr, Span, &dyn Context) -> Result<Val, EvalError>;

/// Every function hotc evaluates, by name.
const TABLE: &[(&str, Evaluator)] = &[
    ("contains", contains::eval),
    ("Ref", cfn::reference),
    ("Fn::Base64", cfn::base64),
    ("Fn::GetAZs", cfn::get_azs),
    ("Fn::Join", cfn::join),
    ("Fn::MemberListToMap", cfn::member_list_to_map),
    ("Fn::Replace", cfn::replace),
    ("Fn::ResourceFacade", cfn::cfn_resource_facade),
    ("Fn::Select", cfn::select),
    ("Fn::Split", cfn::split),
    ("resource_facade", cfn::resource_facade),
    ("digest", digest::eval),
    ("get_attr", get_attr::eval),
    ("get_file", get_file::eval),
    ("filter", filter::eval),
    ("get_param", get_param::eval),
    ("get_resource", get_resource::eval),
    ("repeat", repeat::eval),
    ("str_replace", str_replace::eval),
    ("str_replace_strict", str_replace::eval_strict),
    ("str_replace_vstrict", str_replace::eval_vstrict),
    ("str_split", str_split::eval),
    ("if", if_fn::eval),
    ("list_concat", list_concat::eval),
    ("list_concat_unique", list_concat::eval_unique),
    ("list_join", list_join::eval),
    ("make_url", make_url::eval),
    ("map_merge", map_merge::eval),
    ("map_replace", map_replace::eval),
    ("yaql", yaql::eval),
];

/// `if` as a list item or mapping value, where it may leave itself out.
pub(crate) fn if_nullable(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
) -> Result<Option<Val>, EvalError> {
    if_fn::eval_nullable(arg, span, ctx)
}

/// The evaluator of the function `name`.
pub(crate) fn lookup(name: &str) -> Option<Evaluator> {
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}
