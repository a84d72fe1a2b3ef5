//! Tests of YAML 1.1 resolution and construction. Every expectation below
//! is what PyYAML 6.0 (SafeLoader, Heat's timestamp override) produces for
//! the same text; they were checked against it, not derived from this code.
#![expect(clippy::unwrap_used, reason = "tests")]

use super::{
    ImplicitTag as T, IntError, Resolved as R, classify, construct_bool, construct_float,
    construct_int, resolve_plain,
};

/// (plain scalar, PyYAML's implicit tag, PyYAML's constructed value).
#[rustfmt::skip]
const PLAIN: &[(&str, T, R)] = &[
        ("", T::Null, R::Null),
        ("~", T::Null, R::Null),
        ("null", T::Null, R::Null),
        ("Null", T::Null, R::Null),
        ("NULL", T::Null, R::Null),
        ("nULL", T::Str, R::Str),
        ("nul", T::Str, R::Str),
        ("yes", T::Bool, R::Bool(true)),
        ("Yes", T::Bool, R::Bool(true)),
        ("YES", T::Bool, R::Bool(true)),
        ("yEs", T::Str, R::Str),
        ("no", T::Bool, R::Bool(false)),
        ("No", T::Bool, R::Bool(false)),
        ("NO", T::Bool, R::Bool(false)),
        ("true", T::Bool, R::Bool(true)),
        ("True", T::Bool, R::Bool(true)),
        ("TRUE", T::Bool, R::Bool(true)),
        ("tRUE", T::Str, R::Str),
        ("false", T::Bool, R::Bool(false)),
        ("False", T::Bool, R::Bool(false)),
        ("FALSE", T::Bool, R::Bool(false)),
        ("on", T::Bool, R::Bool(true)),
        ("On", T::Bool, R::Bool(true)),
        ("ON", T::Bool, R::Bool(true)),
        ("off", T::Bool, R::Bool(false)),
        ("Off", T::Bool, R::Bool(false)),
        ("OFF", T::Bool, R::Bool(false)),
        ("y", T::Str, R::Str),
        ("n", T::Str, R::Str),
        ("Y", T::Str, R::Str),
        ("N", T::Str, R::Str),
        ("0", T::Int, R::Int(0)),
        ("-0", T::Int, R::Int(0)),
        ("+0", T::Int, R::Int(0)),
        ("00", T::Int, R::Int(0)),
        ("0_", T::Int, R::Int(0)),
        ("0755", T::Int, R::Int(493)),
        ("-0755", T::Int, R::Int(-493)),
        ("08", T::Str, R::Str),
        ("0o17", T::Str, R::Str),
        ("0b101", T::Int, R::Int(5)),
        ("0b", T::Str, R::Str),
        ("-0b1_1", T::Int, R::Int(-3)),
        ("0b2", T::Str, R::Str),
        ("0x1F", T::Int, R::Int(31)),
        ("0X1F", T::Str, R::Str),
        ("0x", T::Str, R::Str),
        ("0x_1f_", T::Int, R::Int(31)),
        // int regex matches, then int("", 16) / int("", 2) raise ValueError.
        ("0x_", T::Int, R::Invalid(T::Int)),
        ("-0b__", T::Int, R::Invalid(T::Int)),
        ("+0x1f", T::Int, R::Int(31)),
        ("-0xff", T::Int, R::Int(-255)),
        ("1_000", T::Int, R::Int(1000)),
        ("1__2", T::Int, R::Int(12)),
        ("_1", T::Str, R::Str),
        ("1_", T::Int, R::Int(1)),
        ("12345678901234567890", T::Int, R::Int(12345678901234567890)),
        ("170141183460469231731687303715884105727", T::Int, R::Int(170141183460469231731687303715884105727)),
        ("170141183460469231731687303715884105728", T::Int, R::IntTooLarge),
        ("1:30", T::Int, R::Int(90)),
        ("-1:30", T::Int, R::Int(-90)),
        ("+1:30", T::Int, R::Int(90)),
        ("1:60", T::Str, R::Str),
        ("1:59", T::Int, R::Int(119)),
        ("1:5", T::Int, R::Int(65)),
        ("1:555", T::Str, R::Str),
        ("1:30:30", T::Int, R::Int(5430)),
        ("0:30", T::Str, R::Str),
        ("01:30", T::Str, R::Str),
        ("190:20:30", T::Int, R::Int(685230)),
        ("1_0:30", T::Int, R::Int(630)),
        ("1.0", T::Float, R::Float(1.0)),
        ("1.", T::Float, R::Float(1.0)),
        ("1._", T::Float, R::Float(1.0)),
        ("-1.5", T::Float, R::Float(-1.5)),
        ("+1.5", T::Float, R::Float(1.5)),
        ("1.5e5", T::Str, R::Str),
        ("1.0e+5", T::Float, R::Float(100000.0)),
        ("1.0e-5", T::Float, R::Float(1e-05)),
        ("1.0E+5", T::Float, R::Float(100000.0)),
        ("1e5", T::Str, R::Str),
        ("1e+5", T::Str, R::Str),
        (".5", T::Float, R::Float(0.5)),
        ("-.5", T::Str, R::Str),
        ("+.5", T::Str, R::Str),
        (".5e+3", T::Float, R::Float(500.0)),
        ("._5", T::Str, R::Str),
        (".", T::Str, R::Str),
        ("..", T::Str, R::Str),
        ("1:30.5", T::Float, R::Float(90.5)),
        ("190:20:30.15", T::Float, R::Float(685230.15)),
        ("-1:30.5", T::Float, R::Float(-90.5)),
        ("1:30.", T::Float, R::Float(90.0)),
        ("1.5:30", T::Str, R::Str),
        (".inf", T::Float, R::Float(f64::INFINITY)),
        (".Inf", T::Float, R::Float(f64::INFINITY)),
        (".INF", T::Float, R::Float(f64::INFINITY)),
        ("-.inf", T::Float, R::Float(f64::NEG_INFINITY)),
        ("+.inf", T::Float, R::Float(f64::INFINITY)),
        (".iNF", T::Str, R::Str),
        ("inf", T::Str, R::Str),
        (".nan", T::Float, R::Float(f64::NAN)),
        (".NaN", T::Float, R::Float(f64::NAN)),
        (".NAN", T::Float, R::Float(f64::NAN)),
        ("-.nan", T::Str, R::Str),
        ("+.nan", T::Str, R::Str),
        ("nan", T::Str, R::Str),
        ("<<", T::Merge, R::Merge),
        ("<", T::Str, R::Str),
        ("<<<", T::Str, R::Str),
        ("=", T::Value, R::Value),
        ("==", T::Str, R::Str),
        ("2013-05-23", T::Timestamp, R::Str),
        ("2013-5-23", T::Str, R::Str),
        ("2001-12-14t21:59:43.10-05:00", T::Timestamp, R::Str),
        ("2001-12-14 21:59:43.10 -5", T::Timestamp, R::Str),
        ("2001-12-14T21:59:43Z", T::Timestamp, R::Str),
        ("2001-12-14 21:59:43.10 Z", T::Timestamp, R::Str),
        ("2001-12-14  21:59:43", T::Timestamp, R::Str),
        ("1_000.000_1", T::Float, R::Float(1000.0001)),
        ("0.1", T::Float, R::Float(0.1)),
        ("123456789.123456789", T::Float, R::Float(123456789.12345679)),
        ("1e400", T::Str, R::Str),
        ("1.0e+400", T::Float, R::Float(f64::INFINITY)),
        ("1.0e-400", T::Float, R::Float(0.0)),
        ("0.000001", T::Float, R::Float(1e-06)),
        ("1.7976931348623157e+308", T::Float, R::Float(1.7976931348623157e+308)),
        ("hello", T::Str, R::Str),
        ("get_param", T::Str, R::Str),
        ("OS::Nova::Server", T::Str, R::Str),
        ("-", T::Str, R::Str),
        ("-foo", T::Str, R::Str),
        ("+", T::Str, R::Str),
        ("3.0.1", T::Str, R::Str),
        ("1.2.3", T::Str, R::Str),
        ("10.0.0.0/24", T::Str, R::Str),
        ("v1", T::Str, R::Str),
        ("1a", T::Str, R::Str),
        ("0xg", T::Str, R::Str),
        ("12:", T::Str, R::Str),
        (":12", T::Str, R::Str),
        ("- 1", T::Str, R::Str),
        ("1 ", T::Str, R::Str),
        ("yes please", T::Str, R::Str),
        ("off-by-one", T::Str, R::Str),
];

fn same(a: R, b: R) -> bool {
    match (a, b) {
        // NaN is never equal to itself; compare bit-level identity of kind.
        (R::Float(x), R::Float(y)) => (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

#[test]
fn plain_scalars_resolve_as_pyyaml() {
    let mut failures = Vec::new();
    for &(text, tag, value) in PLAIN {
        let got_tag = classify(text);
        let got = resolve_plain(text);
        if got_tag != tag || !same(got, value) {
            failures.push(format!(
                "{text:?}: got {got_tag:?} {got:?}, PyYAML {tag:?} {value:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn python_dollar_ignores_one_trailing_newline() {
    // `! "123\n"` is resolved implicitly by PyYAML and its `$` matches
    // before the final newline; int() then strips the whitespace.
    assert_eq!(classify("123\n"), T::Int);
    assert_eq!(resolve_plain("123\n"), R::Int(123));
    assert_eq!(classify("yes\n"), T::Bool);
    // ...but construct_yaml_bool looks up "yes\n", which is not a key.
    assert_eq!(construct_bool("yes\n"), None);
    assert_eq!(classify("123\n\n"), T::Str);
    // "\n" starts with a newline, which has no resolvers (not null).
    assert_eq!(classify("\n"), T::Str);
}

#[test]
fn explicit_int_follows_python_int() {
    // construct_yaml_int on text the implicit resolver would never pass.
    let cases: &[(&str, Result<i128, IntError>)] = &[
        ("+-5", Ok(-5)),
        (" 12", Ok(12)),
        ("12 ", Ok(12)),
        ("- 5", Ok(-5)),
        ("0o17", Ok(15)),
        ("0x0x5", Ok(5)),
        ("0b0b1", Ok(1)),
        ("-0x-5", Ok(5)),
        ("0x-5", Ok(-5)),
        ("1:-30", Ok(30)),
        ("0 ", Ok(0)),
        ("1_2_3", Ok(123)),
        ("", Err(IntError::Invalid)),
        ("-", Err(IntError::Invalid)),
        ("09", Err(IntError::Invalid)),
        ("abc", Err(IntError::Invalid)),
        ("0x", Err(IntError::Invalid)),
        ("1e5", Err(IntError::Invalid)),
        (
            "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20:21:22:23",
            Err(IntError::TooLarge),
        ),
        (
            "99999999999999999999999999999999999999999",
            Err(IntError::TooLarge),
        ),
    ];
    for &(text, want) in cases {
        assert_eq!(construct_int(text), want, "{text:?}");
    }
}

#[test]
fn explicit_float_follows_python_float() {
    let cases: &[(&str, Option<f64>)] = &[
        ("1e5", Some(100_000.0)),
        ("--1", Some(1.0)),
        ("inf", Some(f64::INFINITY)),
        ("Infinity", Some(f64::INFINITY)),
        ("-.inf", Some(f64::NEG_INFINITY)),
        (" 1.5 ", Some(1.5)),
        ("1:30", Some(90.0)),
        ("1:30:-1", Some(5399.0)),
        ("1.e5", Some(100_000.0)),
        ("+1_0.5", Some(10.5)),
        ("-0", Some(-0.0)),
        ("", None),
        ("abc", None),
        (".e5", None),
        (".", None),
        ("1,5", None),
        ("1e", None),
        ("0x10", None),
    ];
    for &(text, want) in cases {
        let got = construct_float(text);
        assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{text:?}");
    }
    for text in ["nan", "-nan", "NaN", ".nan"] {
        assert!(construct_float(text).unwrap().is_nan(), "{text:?}");
    }
}

#[test]
fn explicit_bool_lowercases() {
    assert_eq!(construct_bool("yEs"), Some(true));
    assert_eq!(construct_bool("OFF"), Some(false));
    assert_eq!(construct_bool("1"), None);
    assert_eq!(construct_bool("y"), None);
}

#[test]
fn sexagesimal_float_matches_python_arithmetic() {
    // 190:20:30.15 = 30.15 + 20*60 + 190*3600, summed in that order.
    assert_eq!(construct_float("190:20:30.15"), Some(685_230.15));
    assert_eq!(resolve_plain("-1:30.5"), R::Float(-90.5));
}
