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
//! hashed with `hashlib.new(algorithm)`, which takes some names in any case
//! (`SHA256`) and others only as written (`sha3_512`, not `SHA3_512`).
//! hotc computes every algorithm of `hashlib.algorithms_available` (Python
//! 3.11 with OpenSSL 3: md5, sha1, the sha2 and sha3 families, blake2b and
//! blake2s at their default sizes, ripemd160, sm3, and md5-sha1, OpenSSL's
//! concatenation of the two); shake_128 and shake_256 fail as in Heat (their
//! `hexdigest()` needs a length Heat does not pass).

use blake2::{Blake2b512, Blake2s256};
use hotc_grammar::Span;

use crate::ir::Expr;
use md5::Md5;
use ripemd::Ripemd160;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256};
use sha3::{Sha3_224, Sha3_256, Sha3_384, Sha3_512};
use sm3::Sm3;

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
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
    let name = algorithm.to_lowercase();
    if !hashlib_new_takes(algorithm, &name) {
        // Heat checks the lower-cased name, then `hashlib.new` gets the name
        // as written, and only some spellings reach an algorithm.
        return Err(fail(format!("unsupported hash type {algorithm}")));
    }
    let hex = match name.as_str() {
        "md5" => hex(&Md5::digest(&bytes)),
        "sha1" => hex(&Sha1::digest(&bytes)),
        "sha224" => hex(&Sha224::digest(&bytes)),
        "sha256" => hex(&Sha256::digest(&bytes)),
        "sha384" => hex(&Sha384::digest(&bytes)),
        "sha512" => hex(&Sha512::digest(&bytes)),
        "sha512_224" => hex(&Sha512_224::digest(&bytes)),
        "sha512_256" => hex(&Sha512_256::digest(&bytes)),
        "sha3_224" => hex(&Sha3_224::digest(&bytes)),
        "sha3_256" => hex(&Sha3_256::digest(&bytes)),
        "sha3_384" => hex(&Sha3_384::digest(&bytes)),
        "sha3_512" => hex(&Sha3_512::digest(&bytes)),
        // hashlib's defaults: the longest digest of each.
        "blake2b" => hex(&Blake2b512::digest(&bytes)),
        "blake2s" => hex(&Blake2s256::digest(&bytes)),
        "ripemd160" => hex(&Ripemd160::digest(&bytes)),
        "sm3" => hex(&Sm3::digest(&bytes)),
        // OpenSSL's md5-sha1 is the two digests one after the other.
        "md5-sha1" => hex(&Md5::digest(&bytes)) + &hex(&Sha1::digest(&bytes)),
        // Valid names, but their `hexdigest()` wants a length Heat does
        // not pass.
        "shake_128" | "shake_256" => {
            return Err(fail(
                "hexdigest() missing required argument 'length' (pos 1)".to_owned(),
            ));
        }
        _ => {
            return Err(fail(
                "Algorithm must be one of blake2b, blake2s, md5, md5-sha1, ripemd160, sha1, \
                 sha224, sha256, sha384, sha3_224, sha3_256, sha3_384, sha3_512, sha512, \
                 sha512_224, sha512_256, shake_128, shake_256, sm3"
                    .to_owned(),
            ));
        }
    };
    Ok(Val::Str(hex))
}

/// Whether `hashlib.new(written)` finds the algorithm `lower`: OpenSSL's
/// own names (md5, sha1, sha2, ripemd160, sm3, md5-sha1) in any case;
/// `sha512_224` and `sha512_256` as CPython's table spells them, all lower or
/// all upper case; the rest (sha3, blake2, shake) only in lower case (CPython
/// 3.11's `_hashopenssl.c` table and builtin constructors; checked with its
/// hashlib).
fn hashlib_new_takes(written: &str, lower: &str) -> bool {
    match lower {
        "md5" | "md5-sha1" | "ripemd160" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512"
        | "sm3" => true,
        "sha512_224" | "sha512_256" => written == lower || written == lower.to_uppercase(),
        _ => written == lower,
    }
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

    /// hashlib's md5-sha1 and the truncated sha512 variants; shake needs a
    /// length Heat does not give.
    #[test]
    fn openssl_algorithms() {
        let stack = Stack::new("2015-04-30");
        assert_eq!(
            eval_yaml(&stack, "{digest: [md5-sha1, x]}"),
            Ok(s(
                "9dd4e461268c8034f5c8564e155c67a611f6ad8ec52a2984abaafd7c3b516503785c2072"
            ))
        );
        assert_eq!(
            eval_yaml(&stack, "{digest: [SHA512_256, x]}"),
            Ok(s(
                "6a1db6c1dd481f7aab2adb9c262b210edcca35624ec64c29ffca6857b1e30253"
            ))
        );
        assert!(eval_yaml(&stack, "{digest: [shake_128, x]}").is_err());
        // hashlib.new("SHA3_512"): unsupported hash type.
        assert!(eval_yaml(&stack, "{digest: [SHA3_512, x]}").is_err());
        assert!(eval_yaml(&stack, "{digest: [Sha512_224, x]}").is_err());
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
