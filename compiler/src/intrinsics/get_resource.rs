//! `get_resource`: a resource's reference id (for most types its physical
//! id), known only once it exists.
//!
//! ```yaml
//! network: {get_resource: private_net}
//! ```
//!
//! Heat (hot/functions.py `GetResource`): the resolved argument names a
//! resource of the stack (`self.stack[name]`); any other name is
//! `InvalidTemplateReference` ("The specified reference "x" (in unknown) is
//! incorrect."). The value is the resource's `FnGetRefId()`.

use hotc_grammar::Span;

use crate::ir::Expr;

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let name = match eval::eval(arg, ctx)? {
        Val::Str(name) => name,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            return Err(EvalError::new(
                EvalErrorKind::BadArguments {
                    function: "get_resource",
                    expected: "a resource name",
                },
                span,
            ));
        }
    };
    ctx.resource_ref(&name)
        .ok_or_else(|| EvalError::new(EvalErrorKind::UnknownResource { name }, span))
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    /// Before apply a reference id is unknown.
    #[test]
    fn a_reference_before_apply() {
        let stack = Stack::new("2013-05-23").with_resource("net");
        assert_eq!(eval_yaml(&stack, "{get_resource: net}"), Ok(Val::Unknown));
    }

    /// Heat: `InvalidTemplateReference` for a name the stack lacks.
    #[test]
    fn an_unknown_resource() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(&stack, "{get_resource: net}").map_err(|e| e.kind),
            Err(EvalErrorKind::UnknownResource {
                name: "net".to_owned()
            })
        );
    }
}
