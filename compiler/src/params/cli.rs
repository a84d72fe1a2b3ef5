//! heatclient's `-P key=value` and `--parameter-file key=path` parsing
//! (`heatclient.common.utils.format_parameters`), without any file reading.
//!
//! Guarantees: the result is what heatclient sends to the API — a single
//! `-P` is split on `;`, several are not; each piece splits at its first `=`;
//! a key given twice becomes a list of its values in order. A piece with no
//! `=` is an error carrying the piece, as heatclient's `CommandError`.

use crate::eval::Val;

/// A `-P` argument with no `=`: heatclient's
/// `Malformed parameter(%s). Use the key=value format.`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedParameter(pub String);

/// `-P` values as heatclient passes them to Heat: a string, or a list of
/// strings when the key repeats. Keys keep their first-seen order.
pub fn parse_cli_params(args: &[String]) -> Result<Vec<(String, Val)>, MalformedParameter> {
    format_parameters(args, true)
}

/// `--parameter-file key=path` arguments: the same splitting as `-P` but
/// never on `;` (heatclient passes `parse_semicolon=False`). The caller reads
/// each path and passes the contents as the value.
pub fn parse_parameter_files(args: &[String]) -> Result<Vec<(String, Val)>, MalformedParameter> {
    format_parameters(args, false)
}

fn format_parameters(
    args: &[String],
    parse_semicolon: bool,
) -> Result<Vec<(String, Val)>, MalformedParameter> {
    // heatclient falls back to `;` only when one `-P` was given: with several,
    // a `;` is part of a value.
    let pieces: Vec<&str> = match args {
        [only] if parse_semicolon => only.split(';').collect(),
        _ => args.iter().map(String::as_str).collect(),
    };
    let mut out: Vec<(String, Val)> = Vec::new();
    for piece in pieces {
        let Some((key, value)) = piece.split_once('=') else {
            return Err(MalformedParameter(piece.to_owned()));
        };
        let value = Val::Str(value.to_owned());
        match out.iter_mut().find(|(k, _)| k == key) {
            Some((_, Val::List(items))) => items.push(value),
            Some((_, first)) => {
                let previous = std::mem::replace(first, Val::Null);
                *first = Val::List(vec![previous, value]);
            }
            None => out.push((key.to_owned(), value)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    fn s(v: &str) -> Val {
        Val::Str(v.to_owned())
    }

    #[test]
    fn one_argument_splits_on_semicolons() {
        assert_eq!(
            parse_cli_params(&args(&["a=1;b=x=y"])),
            Ok(vec![("a".to_owned(), s("1")), ("b".to_owned(), s("x=y"))])
        );
    }

    #[test]
    fn several_arguments_keep_semicolons_and_repeat_into_lists() {
        assert_eq!(
            parse_cli_params(&args(&["a=1;2", "a=3", "b=", "a=4"])),
            Ok(vec![
                ("a".to_owned(), Val::List(vec![s("1;2"), s("3"), s("4")])),
                ("b".to_owned(), s("")),
            ])
        );
    }

    #[test]
    fn a_piece_without_equals_is_malformed() {
        assert_eq!(
            parse_cli_params(&args(&["a=1;oops"])),
            Err(MalformedParameter("oops".to_owned()))
        );
        // heatclient splits a lone `a=1;` into `a=1` and an empty piece.
        assert_eq!(
            parse_cli_params(&args(&["a=1;"])),
            Err(MalformedParameter(String::new()))
        );
    }

    #[test]
    fn parameter_files_never_split_on_semicolons() {
        assert_eq!(
            parse_parameter_files(&args(&["k=a;b"])),
            Ok(vec![("k".to_owned(), s("a;b"))])
        );
    }

    /// Every short single argument over `=`, `;` and a letter: malformed
    /// exactly when some `;`-piece has no `=` (that piece is named), and
    /// otherwise every piece gives one value.
    #[test]
    fn short_arguments_split_as_heatclient_does() {
        let mut inputs = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = inputs
                .iter()
                .flat_map(|p| ["=", ";", "a"].map(|c| format!("{p}{c}")))
                .collect();
            inputs.extend(longer);
        }
        for input in inputs {
            let pieces: Vec<&str> = input.split(';').collect();
            let result = parse_cli_params(std::slice::from_ref(&input));
            match pieces.iter().find(|p| !p.contains('=')) {
                Some(bad) => assert_eq!(
                    result,
                    Err(MalformedParameter((*bad).to_owned())),
                    "{input}"
                ),
                None => {
                    let values = result.expect("every piece has `=`");
                    let count: usize = values
                        .iter()
                        .map(|(_, v)| match v {
                            Val::List(items) => items.len(),
                            Val::Null
                            | Val::Bool(_)
                            | Val::Int(_)
                            | Val::Float(_)
                            | Val::Str(_)
                            | Val::Map(_)
                            | Val::Unknown => 1,
                        })
                        .sum();
                    assert_eq!(count, pieces.len(), "{input}");
                }
            }
        }
    }

    #[test]
    fn no_arguments_no_parameters() {
        assert_eq!(parse_cli_params(&[]), Ok(vec![]));
    }
}
