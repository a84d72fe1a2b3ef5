//! The type of a property value that is a function call, where Heat's
//! result has one type whatever the parameters are: the string functions
//! (`str_replace`, `list_join`, `digest`, `get_resource`), the list ones
//! (`str_split`, `list_concat`, `repeat`), the map ones (`map_merge`,
//! `map_replace`), `get_param` of a typed parameter (the type its `value()`
//! returns) and `if` whose branches agree.
//!
//! An expression that mentions `get_attr` is left alone: while Heat
//! validates, no resource exists, `get_attr` gives `None`, and a result
//! built from it may be `None` too (`str_split` of it is), which every
//! property accepts; so only a create would fail, and nothing here guesses
//! at that (HOT076 warns on a bare `get_attr` whose attribute's declared
//! type the property cannot take). `yaql` and every other function are
//! unknown.

use crate::diagnostics::finding::Computed;
use crate::ir::{Expr, ExprKind};
use crate::params::{ParamSchema, ParamType};

/// What a computed value surely is, and which call makes it so.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Inferred {
    pub(crate) result: Computed,
    /// The outermost call (`if` for a conditional value).
    pub(crate) function: String,
    /// The parameter, for `get_param`.
    pub(crate) parameter: Option<String>,
}

/// The type `expr` (a call) surely has in Heat, if any.
pub(crate) fn infer(expr: &Expr, params: &[ParamSchema]) -> Option<Inferred> {
    let call = expr.as_call()?;
    if mentions_attr(expr) {
        return None;
    }
    let function = call.name.clone();
    if call.name == "get_param" {
        let name = match &call.arg.kind {
            ExprKind::Str(name) => name.as_str(),
            // A path into the value (`[name, key]`) gives a part of it.
            ExprKind::Seq(items) if items.len() == 1 => items.first()?.as_str()?,
            _ => return None,
        };
        let param = params.iter().find(|p| p.name == name)?;
        return Some(Inferred {
            result: param_result(param.ty),
            function,
            parameter: Some(name.to_owned()),
        });
    }
    Some(Inferred {
        result: shape(expr, params)?,
        function,
        parameter: None,
    })
}

/// The type of a value, literal or call; `None` when unknown.
fn shape(expr: &Expr, params: &[ParamSchema]) -> Option<Computed> {
    let call = match &expr.kind {
        ExprKind::Str(_) => return Some(Computed::String),
        ExprKind::Int(_) | ExprKind::Float(_) => return Some(Computed::Number),
        ExprKind::Bool(_) => return Some(Computed::Boolean),
        ExprKind::Seq(_) => return Some(Computed::List),
        ExprKind::Map(_) => return Some(Computed::Map),
        // Null gives the property's default: no type.
        ExprKind::Null => return None,
        ExprKind::Call(call) => call,
    };
    Some(match call.name.as_str() {
        // `get_resource` of a resource not yet created gives its name, and
        // its physical id afterwards: a string either way.
        "str_replace"
        | "str_replace_strict"
        | "str_replace_vstrict"
        | "list_join"
        | "digest"
        | "get_resource" => Computed::String,
        "str_split" | "list_concat" | "list_concat_unique" | "repeat" => Computed::List,
        "map_merge" | "map_replace" => Computed::Map,
        "get_param" => infer(expr, params)?.result,
        "if" => match call.arg.as_seq()? {
            [_, yes, no] => {
                let yes = shape(yes, params)?;
                (shape(no, params)? == yes).then_some(yes)?
            }
            _ => return None,
        },
        _ => return None,
    })
}

/// What `get_param` of a parameter of type `ty` gives (parameters.py: each
/// `Param.value()`): a `comma_delimited_list` is a list, a `json` a list or
/// a map, a `number` an int or a float, a `boolean` a bool.
fn param_result(ty: ParamType) -> Computed {
    match ty {
        ParamType::String => Computed::String,
        ParamType::Number => Computed::Number,
        ParamType::Json => Computed::Json,
        ParamType::CommaDelimitedList => Computed::List,
        ParamType::Boolean => Computed::Boolean,
    }
}

fn mentions_attr(expr: &Expr) -> bool {
    let mut found = false;
    expr.visit_calls(&mut |call| {
        found |= matches!(call.name.as_str(), "get_attr" | "Fn::GetAtt");
    });
    found
}
