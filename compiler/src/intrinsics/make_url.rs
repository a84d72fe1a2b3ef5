//! `make_url`: a URL built from its parts, each escaped.
//!
//! ```yaml
//! url:
//!   make_url:
//!     scheme: https
//!     host: {get_attr: [server, first_address]}
//!     port: 8443
//!     path: /v1/api
//!     query: {token: {get_param: token}}
//! ```
//!
//! Heat (hot/functions.py `MakeURL`, 2017-09-01 on), with Python 3.11's
//! `urllib.parse`:
//! - the argument must be a mapping (`The arguments to "make_url" must be a
//!   map`) of the keys scheme, username, password, host, port, path, query,
//!   fragment (`Invalid arguments to "make_url": ...`);
//! - the keys are checked in that order and the check stops at `query`
//!   (which must be a mapping): `fragment` is never type-checked when a
//!   query is given; other parts must be strings, `port` an int or a string
//!   Python's `int()` reads, in 1-65535;
//! - a scheme with `:` is refused; username and password are quoted with no
//!   safe characters, the host with `:` safe and put in brackets when it has
//!   a `:` (an IPv6 address, given with or without brackets), the path and
//!   fragment with `/` safe, the query as `urlencode` writes it (`quote_plus`,
//!   spaces as `+`) with `%2F` turned back into `/`; `urlunsplit` joins them.
//!
//! Quoting keeps ASCII letters, digits and `_.-~` and writes every other
//! UTF-8 byte as `%XX`.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;

const KEYS: [&str; 8] = [
    "scheme", "username", "password", "host", "port", "path", "query", "fragment",
];

/// The schemes `urlunsplit` writes `//` for even with no netloc
/// (`urllib.parse.uses_netloc`).
const USES_NETLOC: &[&str] = &[
    "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp",
    "snews", "prospero", "rtsp", "rtsps", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git",
    "git+ssh", "ws", "wss",
];

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let failed = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "make_url",
                message,
            },
            span,
        )
    };
    // `validate`: on the unresolved argument.
    let ExprKind::Map(entries) = &arg.kind else {
        return Err(failed(
            "The arguments to \"make_url\" must be a map".to_owned(),
        ));
    };
    let invalid: Vec<String> = entries
        .iter()
        .filter(|(k, _)| !matches!(&k.kind, ExprKind::Str(s) if KEYS.contains(&s.as_str())))
        .map(|(k, _)| python::str(&Val::from_data(k)))
        .collect();
    if !invalid.is_empty() {
        return Err(failed(format!(
            "Invalid arguments to \"make_url\": {}",
            invalid.join(", ")
        )));
    }
    let args = eval::eval(arg, ctx)?;
    if args.has_unknown() {
        return Ok(Val::Unknown);
    }
    check_args(&args).map_err(failed)?;
    let text = |key: &str| -> Result<String, EvalError> {
        match args.get(key) {
            None => Ok(String::new()),
            Some(Val::Str(s)) => Ok(s.clone()),
            // Only a fragment after a query escapes `check_args`; Python's
            // `quote` then refuses it.
            Some(_) => Err(failed("quote_from_bytes() expected bytes".to_owned())),
        }
    };
    let scheme = text("scheme")?;
    if scheme.contains(':') {
        return Err(failed("URL \"scheme\" should not contain ':'".to_owned()));
    }
    let mut netloc = String::new();
    let username = quote(&text("username")?, "");
    let password = quote(&text("password")?, "");
    if !username.is_empty() || !password.is_empty() {
        netloc.push_str(&username);
        if !password.is_empty() {
            netloc.push(':');
            netloc.push_str(&password);
        }
        netloc.push('@');
    }
    let host = text("host")?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(&host);
    let host = quote(host, ":");
    if host.contains(':') {
        netloc.push('[');
        netloc.push_str(&host);
        netloc.push(']');
    } else {
        netloc.push_str(&host);
    }
    if let Some(port) = args.get("port")
        && python::truthy(port)
    {
        netloc.push(':');
        netloc.push_str(&python::str(port));
    }
    let path = quote(&text("path")?, "/");
    let query = match args.get("query") {
        None => String::new(),
        Some(Val::Map(pairs)) => pairs
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    quote_plus(&python::str(k)),
                    quote_plus(&python::str(v))
                )
            })
            .collect::<Vec<_>>()
            .join("&")
            .replace("%2F", "/"),
        // `check_args` stopped on anything else.
        Some(_) => String::new(),
    };
    let fragment = quote(&text("fragment")?, "/");
    Ok(Val::Str(unsplit(
        &scheme, &netloc, &path, &query, &fragment,
    )))
}

/// Heat's `_check_args` on the resolved arguments: the message of the first
/// refusal, in key order, stopping at `query`.
fn check_args(args: &Val) -> Result<(), String> {
    for key in KEYS {
        let Some(value) = args.get(key) else {
            continue;
        };
        match key {
            "query" => {
                return match value {
                    Val::Map(_) => Ok(()),
                    _ => Err("The \"query\" argument to \"make_url\" must be a map".to_owned()),
                };
            }
            "port" => {
                let port = match value {
                    Val::Bool(b) => i128::from(*b),
                    Val::Int(i) => *i,
                    // int(nan) is a ValueError, which Heat words; int(inf)
                    // an OverflowError, which it lets through.
                    Val::Float(f) if f.is_nan() => {
                        return Err(format!(
                            "Invalid URL port \"nan\" for make_url called with {}",
                            python::repr(args)
                        ));
                    }
                    Val::Float(f) => python_int_of_float(*f)
                        .ok_or_else(|| "cannot convert float infinity to integer".to_owned())?,
                    Val::Str(s) => python::int_of_str(s).ok_or_else(|| {
                        format!(
                            "Invalid URL port \"{s}\" for make_url called with {}",
                            python::repr(args)
                        )
                    })?,
                    Val::Null | Val::List(_) | Val::Map(_) | Val::Unknown => {
                        return Err(format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            python_type_name(value)
                        ));
                    }
                };
                if !(1..=65535).contains(&port) {
                    return Err(format!("Invalid URL port {port}, must be in range 1-65535"));
                }
            }
            _ => {
                if !matches!(value, Val::Str(_)) {
                    return Err(format!(
                        "The \"{key}\" argument to \"make_url\" must be a string"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Python's `int(f)`: truncation toward zero; infinities refuse.
fn python_int_of_float(f: f64) -> Option<i128> {
    if !f.is_finite() {
        return None;
    }
    if f.abs() >= 1e30 {
        // Beyond any port; the range check refuses it.
        return Some(i128::MAX);
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "finite and below 1e30, within i128; truncation is int()'s"
    )]
    let i = f.trunc() as i128;
    Some(i)
}

fn python_type_name(v: &Val) -> &'static str {
    match v {
        Val::Null | Val::Unknown => "NoneType",
        Val::Bool(_) => "bool",
        Val::Int(_) => "int",
        Val::Float(_) => "float",
        Val::Str(_) => "str",
        Val::List(_) => "list",
        Val::Map(_) => "dict",
    }
}

/// `urllib.parse.quote(s, safe)`.
fn quote(s: &str, safe: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"_.-~".contains(&b) || safe.as_bytes().contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `urllib.parse.quote_plus(s)` (no safe characters; spaces as `+`).
fn quote_plus(s: &str) -> String {
    if s.contains(' ') {
        quote(s, " ").replace(' ', "+")
    } else {
        quote(s, "")
    }
}

/// `urllib.parse.urlunsplit` of Python 3.11.
fn unsplit(scheme: &str, netloc: &str, path: &str, query: &str, fragment: &str) -> String {
    let mut url = path.to_owned();
    if !netloc.is_empty()
        || (!scheme.is_empty() && USES_NETLOC.contains(&scheme) && !url.starts_with("//"))
    {
        if !url.is_empty() && !url.starts_with('/') {
            url.insert(0, '/');
        }
        url = format!("//{netloc}{url}");
    }
    if !scheme.is_empty() {
        url = format!("{scheme}:{url}");
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    if !fragment.is_empty() {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    fn url(src: &str) -> Result<Val, EvalErrorKind> {
        eval_yaml(&Stack::new("2017-09-01"), src).map_err(|e| e.kind)
    }

    fn s(t: &str) -> Result<Val, EvalErrorKind> {
        Ok(Val::Str(t.to_owned()))
    }

    /// Expected strings are what Heat's `MakeURL.result` gives under
    /// Python 3.11 for the same arguments.
    #[test]
    fn escapes_each_part_as_heat_does() {
        assert_eq!(
            url(
                "{make_url: {scheme: http, username: 'a b@c', password: 'p:w/d', host: example.com, port: 8080, path: '/a b/ü~c', query: {'k 1': 'v/1&x', n: null, i: 3}, fragment: 'f g/h?'}}"
            ),
            s(
                "http://a%20b%40c:p%3Aw%2Fd@example.com:8080/a%20b/%C3%BC~c?k+1=v/1%26x&n=None&i=3#f%20g/h%3F"
            )
        );
        assert_eq!(url("{make_url: {path: rel}}"), s("rel"));
        assert_eq!(
            url("{make_url: {scheme: mailto, path: a@b}}"),
            s("mailto:a%40b")
        );
        assert_eq!(
            url("{make_url: {scheme: http, host: h, query: {}}}"),
            s("http://h")
        );
    }

    /// IPv6 hosts go in brackets, given with or without them; `%` is quoted.
    #[test]
    fn ipv6_hosts_in_brackets() {
        assert_eq!(
            url("{make_url: {scheme: https, host: '[::1]', path: x}}"),
            s("https://[::1]/x")
        );
        assert_eq!(
            url("{make_url: {scheme: http, host: 'fe80::1%eth0'}}"),
            s("http://[fe80::1%25eth0]")
        );
    }

    /// Heat: a port string `int()` reads is kept as written; out of range
    /// or unreadable ports are refused.
    #[test]
    fn ports() {
        assert_eq!(
            url("{make_url: {scheme: http, host: h, port: '080'}}"),
            s("http://h:080")
        );
        assert!(matches!(
            url("{make_url: {host: h, port: 0}}"),
            Err(EvalErrorKind::Failed { message, .. }) if message == "Invalid URL port 0, must be in range 1-65535"
        ));
        assert!(url("{make_url: {host: h, port: abc}}").is_err());
        assert!(url("{make_url: {host: h, port: 70000}}").is_err());
    }

    /// Heat: `Invalid arguments to "make_url": ...`, `URL "scheme" should
    /// not contain ':'`, `The "host" argument to "make_url" must be a string`.
    #[test]
    fn refusals() {
        assert!(url("{make_url: {server: h}}").is_err());
        assert!(url("{make_url: {scheme: 'http:'}}").is_err());
        assert!(url("{make_url: {host: 1}}").is_err());
        assert!(url("{make_url: {query: [a]}}").is_err());
        assert!(url("{make_url: [a]}").is_err());
    }

    #[test]
    fn unknown_parts_give_unknown() {
        let stack = Stack::new("2017-09-01").with_resource("server");
        assert_eq!(
            eval_yaml(
                &stack,
                "{make_url: {scheme: http, host: {get_attr: [server, ip]}}}"
            ),
            Ok(Val::Unknown)
        );
    }
}
