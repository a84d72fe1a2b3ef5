//! `digest`: the hex digest of a string.
//!
//! ```yaml
//! checksum: {digest: [sha256, {get_param: content}]}
//! ```
//!
//! Heat (hot/functions.py `Digest`): the resolved argument must be a list of
//! strings (`Argument to function "digest" must be a list of strings`) of
//! exactly two (`Function "digest" usage: ["<algorithm>", "<value>"]`); the
//! algorithm, lower-cased, must be one of `hashlib.algorithms_available`;
//! the value is encoded as Latin-1 (a character above U+00FF fails) and
//! hashed with `hashlib.new(algorithm)`, which takes the name in any case.
//! hotc computes md5, sha1, sha224, sha256, sha384 and sha512; the other
//! algorithms OpenSSL offers are reported as not supported.

use hotc_grammar::{Span, Value};
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};

/// The algorithms of `hashlib.algorithms_available` (Python 3.11 with
/// OpenSSL 3) that hotc does not compute.
const OTHER_ALGORITHMS: &[&str] = &[
    "blake2b",
    "blake2s",
    "md5-sha1",
    "ripemd160",
    "sha3_224",
    "sha3_256",
    "sha3_384",
    "sha3_512",
    "sha512_224",
    "sha512_256",
    "shake_128",
    "shake_256",
    "sm3",
];

pub(crate) fn eval(arg: &Value, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let fail = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "digest",
                message,
            },
            span,
        )
    };
    let args = match eval::eval(arg, ctx)? {
        Val::List(items) => items,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Map(_) => {
            return Err(fail(
                "Argument to function \"digest\" must be a list of strings".to_owned(),
            ));
        }
    };
    if args.iter().any(Val::has_unknown) {
        return Ok(Val::Unknown);
    }
    let strings: Option<Vec<&str>> = args.iter().map(Val::as_str).collect();
    let Some(strings) = strings else {
        return Err(fail(
            "Argument to function \"digest\" must be a list of strings".to_owned(),
        ));
    };
    let [algorithm, value] = strings.as_slice() else {
        return Err(fail(
            "Function \"digest\" usage: [\"<algorithm>\", \"<value>\"]".to_owned(),
        ));
    };
    let mut bytes = Vec::with_capacity(value.len());
    for c in value.chars() {
        let Ok(byte) = u8::try_from(u32::from(c)) else {
            return Err(fail(format!(
                "'latin-1' codec can't encode character '\\u{:04x}'",
                u32::from(c)
            )));
        };
        bytes.push(byte);
    }
    let hex = match algorithm.to_lowercase().as_str() {
        "md5" => hex(&Md5::digest(&bytes)),
        "sha1" => hex(&Sha1::digest(&bytes)),
        "sha224" => hex(&Sha224::digest(&bytes)),
        "sha256" => hex(&Sha256::digest(&bytes)),
        "sha384" => hex(&Sha384::digest(&bytes)),
        "sha512" => hex(&Sha512::digest(&bytes)),
        other if OTHER_ALGORITHMS.contains(&other) => {
            return Err(EvalError::new(
                EvalErrorKind::NotSupported {
                    function: "digest".to_owned(),
                    what: format!("the {other} algorithm"),
                },
                span,
            ));
        }
        _ => {
            return Err(fail(format!(
                "Algorithm must be one of md5, sha1, sha224, sha256, sha384, sha512, {}",
                OTHER_ALGORITHMS.join(", ")
            )));
        }
    };
    Ok(Val::Str(hex))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    fn s(text: &str) -> Val {
        Val::Str(text.to_owned())
    }

    /// The digests hashlib gives for "x" (checked with Python's hashlib).
    #[test]
    fn hashlib_digests() {
        let stack = Stack::new("2015-04-30");
        assert_eq!(
            eval_yaml(&stack, "{digest: [md5, x]}"),
            Ok(s("9dd4e461268c8034f5c8564e155c67a6"))
        );
        assert_eq!(
            eval_yaml(&stack, "{digest: [SHA256, x]}"),
            Ok(s(
                "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
            ))
        );
    }

    /// Heat encodes the value as Latin-1: é is one byte, € fails.
    #[test]
    fn latin_1() {
        let stack = Stack::new("2015-04-30");
        assert_eq!(
            eval_yaml(&stack, "{digest: [md5, 'é']}"),
            Ok(s("3406877694691ddd1dfb0aca54681407"))
        );
        assert!(eval_yaml(&stack, "{digest: [md5, '€']}").is_err());
    }

    #[test]
    fn bad_arguments() {
        let stack = Stack::new("2015-04-30");
        assert!(eval_yaml(&stack, "{digest: [md5]}").is_err());
        assert!(eval_yaml(&stack, "{digest: [md5, 1]}").is_err());
        assert!(eval_yaml(&stack, "{digest: [nope, x]}").is_err());
        assert!(eval_yaml(&stack, "{digest: md5}").is_err());
    }
}
