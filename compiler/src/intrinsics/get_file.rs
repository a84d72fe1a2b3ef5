//! `get_file`: a file's content, inlined.
//!
//! ```yaml
//! user_data: {get_file: scripts/boot.sh}
//! ```
//!
//! Heat (hot/functions.py `GetFile`): the resolved argument must be a
//! string (`Argument to "get_file" must be a string`); a key that is not in
//! the template's files is `No content found in the "files" section for
//! get_file path: x`. The content is returned as it is, never parsed.

use hotc_grammar::Span;

use crate::ir::Expr;

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let path = match eval::eval(arg, ctx)? {
        Val::Str(path) => path,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            return Err(EvalError::new(
                EvalErrorKind::BadArguments {
                    function: "get_file",
                    expected: "a string",
                },
                span,
            ));
        }
    };
    match ctx.file(&path) {
        Some(text) => Ok(Val::Str(text)),
        None => Err(EvalError::new(EvalErrorKind::FileNotFound { path }, span)),
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    #[test]
    fn inlines_the_file() {
        let stack = Stack::new("2013-05-23").with_file("boot.sh", "#!/bin/sh\n");
        assert_eq!(
            eval_yaml(&stack, "{get_file: boot.sh}"),
            Ok(Val::Str("#!/bin/sh\n".to_owned()))
        );
    }

    /// Heat: `No content found in the "files" section for get_file path`.
    #[test]
    fn a_missing_file() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(&stack, "{get_file: nope.sh}").map_err(|e| e.kind),
            Err(EvalErrorKind::FileNotFound {
                path: "nope.sh".to_owned()
            })
        );
        assert!(eval_yaml(&stack, "{get_file: [a]}").is_err());
    }
}
