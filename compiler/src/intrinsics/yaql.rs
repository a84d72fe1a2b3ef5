//! `yaql`: evaluates a yaql expression over the given data.
//!
//! ```yaml
//! old_calico: {yaql: {expression: '$.data.tag.startsWith("v3.3.")', data: {tag: {get_param: tag}}}}
//! ports: {yaql: {expression: '$.data.ports.where($ > 1024).distinct()', data: {ports: [80, 8080, 8080]}}}
//! ```
//!
//! Heat (hot/functions.py `Yaql`, 2016-10-14 on): the argument must be a
//! mapping (`Arguments to "yaql" must be a map.`) with `expression` and
//! optionally `data`, nothing else (`"yaql" syntax should be ...`); the
//! expression must resolve to a string (`The "expression" argument to yaql
//! must contain a string.`) and parse (`Bad expression Parse error: ...`);
//! it is evaluated with `$` bound to `{data: <data>}` by yaql's standard
//! library, iterators limited to 200 items (Heat's `limit_iterators`).
//!
//! hotc evaluates a subset of yaql, the part real templates use, with yaql's
//! own grammar (operators and precedence from yaql's `factory.py`, tokens
//! from its `lexer.py`): literals, `$`, `$name`, `[...]`, `{k => v}`,
//! property access (`$.data.x`, a missing key is yaql's `KeyError`),
//! indexing, `+ - * / mod` (integer `/` floors, as yaql does), comparisons,
//! `=`, `!=`, `in`, `and`, `or`, `not`, the functions `len`, `dict`, `list`,
//! `concat`, `str`, `let(...) -> ...`, and the methods `len`, `select`, `where`,
//! `flatten`, `distinct`, `contains`, `join`, `count`, `first`, `last`,
//! `orderBy`, `split`, `sum`, `values`, `toDict`, `startsWith`, `endsWith`,
//! `toUpper`, `toLower`. Anything else parses (when yaql's grammar allows
//! it) and then reports `NotSupported` naming the construct: never a guess.
//! `keys()` and `items()` stay unsupported on purpose: under Heat they give
//! a Python set, whose order follows string hashing (randomised per
//! process), so no single value is right.

use hotc_grammar::Span;

use crate::ir::{self, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;

/// Heat's `yaql.limit_iterators` default.
const LIMIT_ITERATORS: usize = 200;

pub(crate) fn eval(arg: &ir::Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let failed = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "yaql",
                message,
            },
            span,
        )
    };
    let ExprKind::Map(entries) = &arg.kind else {
        return Err(failed("Arguments to \"yaql\" must be a map.".to_owned()));
    };
    let mut expression = None;
    let mut data = None;
    for (k, v) in entries {
        match &k.kind {
            ExprKind::Str(s) if s == "expression" => expression = Some(v),
            ExprKind::Str(s) if s == "data" => data = Some(v),
            // Any other key is refused just below.
            _ => {}
        }
    }
    let shape_ok = entries
        .iter()
        .all(|(k, _)| matches!(&k.kind, ExprKind::Str(s) if s == "expression" || s == "data"));
    let Some(expression) = expression.filter(|_| shape_ok) else {
        return Err(EvalError::new(
            EvalErrorKind::BadArguments {
                function: "yaql",
                expected: "a map of expression (a string) and data",
            },
            span,
        ));
    };
    let text = match eval::eval(expression, ctx)? {
        Val::Str(s) => s,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            return Err(failed(
                "The \"expression\" argument to yaql must contain a string.".to_owned(),
            ));
        }
    };
    let ast = parse(&text).map_err(|e| failed(format!("Bad expression {e}.")))?;
    let data = match data {
        Some(d) => eval::eval(d, ctx)?,
        None => Val::Map(Vec::new()),
    };
    if data.has_unknown() {
        return Ok(Val::Unknown);
    }
    let root = Val::Map(vec![(Val::Str("data".to_owned()), data)]);
    let scope = Scope {
        dollar: root,
        vars: Vec::new(),
    };
    evaluate(&ast, &scope).map_err(|e| match e {
        Fail::NotSupported(what) => EvalError::new(
            EvalErrorKind::NotSupported {
                function: "yaql".to_owned(),
                what,
            },
            span,
        ),
        Fail::Error(message) => failed(message),
    })
}

// ---------------------------------------------------------------- lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// `$` (empty name) or `$name`.
    Dollar(String),
    Int(i128),
    Float(f64),
    Str(String),
    /// A bare word: a keyword string (`$.data.name`).
    Word(String),
    /// A word directly followed by `(`: a function or method name.
    Func(String),
    Op(&'static str),
    Punct(char),
    /// A string hotc does not decode (an escape it does not read).
    Unsupported(String),
}

/// Multi-character operators first, so the longest one matches.
const OPS: &[&str] = &[
    "=>", "->", "?.", "!=", "<=", ">=", "=~", "!~", "=", "<", ">", "+", "-", "*", "/", ".",
];

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, String> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    while let Some(c) = at(i) {
        let pos = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '$' {
            i += 1;
            let mut name = String::new();
            while let Some(c) = at(i).filter(|c| c.is_alphanumeric() || *c == '_') {
                name.push(c);
                i += 1;
            }
            out.push((Tok::Dollar(name), pos));
        } else if c.is_ascii_digit() {
            let mut text = String::new();
            while let Some(c) = at(i).filter(char::is_ascii_digit) {
                text.push(c);
                i += 1;
            }
            if at(i) == Some('.') && at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                text.push('.');
                i += 1;
                while let Some(c) = at(i).filter(char::is_ascii_digit) {
                    text.push(c);
                    i += 1;
                }
                let f = text
                    .parse::<f64>()
                    .map_err(|_| format!("Lexical error: bad number {text}"))?;
                out.push((Tok::Float(f), pos));
            } else {
                let n = text
                    .parse::<i128>()
                    .map_err(|_| format!("Lexical error: number too large {text}"))?;
                out.push((Tok::Int(n), pos));
            }
        } else if c.is_alphabetic() || c == '_' {
            let mut word = String::new();
            while let Some(c) = at(i).filter(|c| c.is_alphanumeric() || *c == '_') {
                word.push(c);
                i += 1;
            }
            let tok = if at(i) == Some('(') {
                Tok::Func(word)
            } else {
                match word.as_str() {
                    "and" => Tok::Op("and"),
                    "or" => Tok::Op("or"),
                    "not" => Tok::Op("not"),
                    "in" => Tok::Op("in"),
                    "mod" => Tok::Op("mod"),
                    _ => Tok::Word(word),
                }
            };
            out.push((tok, pos));
        } else if c == '\'' || c == '"' || c == '`' {
            i += 1;
            let mut s = String::new();
            let mut bad_escape = None;
            loop {
                match at(i) {
                    None => return Err("Parse error: unexpected end of statement".to_owned()),
                    Some(q) if q == c => {
                        i += 1;
                        break;
                    }
                    Some('\\') if c != '`' => {
                        let e = at(i + 1).ok_or("Parse error: unexpected end of statement")?;
                        i += 2;
                        let simple = match e {
                            'a' => Some('\u{7}'),
                            'b' => Some('\u{8}'),
                            'f' => Some('\u{c}'),
                            'n' => Some('\n'),
                            'r' => Some('\r'),
                            't' => Some('\t'),
                            'v' => Some('\u{b}'),
                            '\\' | '\'' | '"' | '`' => Some(e),
                            _ => None,
                        };
                        let digits = match e {
                            'x' => 2,
                            'u' => 4,
                            'U' => 8,
                            _ => 0,
                        };
                        if let Some(ch) = simple {
                            s.push(ch);
                        } else if digits > 0 {
                            let hex: String = (0..digits).filter_map(|k| at(i + k)).collect();
                            match u32::from_str_radix(&hex, 16)
                                .ok()
                                .filter(|_| hex.len() == digits)
                                .and_then(char::from_u32)
                            {
                                Some(ch) => s.push(ch),
                                None => bad_escape = Some(format!("the string escape \\{e}{hex}")),
                            }
                            i += digits;
                        } else {
                            // Octal, \N{...} and unknown escapes are
                            // Python's codec rules: not read here.
                            bad_escape = Some(format!("the string escape \\{e}"));
                        }
                    }
                    Some(ch) => {
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            out.push((
                match bad_escape {
                    Some(what) => Tok::Unsupported(what),
                    None => Tok::Str(s),
                },
                pos,
            ));
        } else if let Some(op) = OPS
            .iter()
            .find(|op| op.chars().enumerate().all(|(k, oc)| at(i + k) == Some(oc)))
        {
            i += op.chars().count();
            out.push((Tok::Op(op), pos));
        } else if "()[]{},".contains(c) {
            i += 1;
            out.push((Tok::Punct(c), pos));
        } else {
            return Err(format!(
                "Lexical error: illegal character '{c}' at position {pos}"
            ));
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- parser

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Lit(Val),
    Var(String),
    List(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    Call(String, Vec<Expr>),
    Method(Box<Expr>, String, Vec<Expr>),
    Attr(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    Unary(&'static str, Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    /// `name => value`, in a call's arguments.
    Pair(Box<Expr>, Box<Expr>),
    /// A construct of yaql's grammar hotc does not evaluate.
    Unsupported(String),
}

struct Parser<'a> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    src: &'a str,
    /// Nesting of `expr` calls, capped so no text overflows the stack.
    depth: usize,
    depth_exceeded: bool,
}

/// Deeper expressions are refused (yaql itself would hit Python's
/// recursion limit well before real templates get near this).
const MAX_DEPTH: usize = 128;

/// Longer expressions are not evaluated (see `parse`).
const MAX_TOKENS: usize = 512;

/// Parses a whole expression; errors read as yaql's.
fn parse(src: &str) -> Result<Expr, String> {
    let toks = lex(src)?;
    // Left-associative chains nest the tree one level an operator; a cap
    // on length keeps evaluation's recursion small.
    if toks.len() > MAX_TOKENS {
        return Ok(Expr::Unsupported(format!(
            "expressions of more than {MAX_TOKENS} tokens"
        )));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        src,
        depth: 0,
        depth_exceeded: false,
    };
    let e = match p.expr(0) {
        Ok(e) => e,
        Err(_) if p.depth_exceeded => {
            return Ok(Expr::Unsupported(format!(
                "expressions nested deeper than {MAX_DEPTH} levels"
            )));
        }
        Err(e) => return Err(e),
    };
    match p.toks.get(p.pos) {
        None => Ok(e),
        Some(_) => Err(p.unexpected()),
    }
}

/// Binding powers of infix operators, from yaql's operator table.
fn infix(tok: &Tok) -> Option<(&'static str, u8, bool)> {
    let Tok::Op(op) = tok else {
        return None;
    };
    let (bp, right) = match *op {
        "->" => (10, true),
        "or" => (20, false),
        "and" => (30, false),
        ">" | "<" | ">=" | "<=" | "!=" | "=" | "in" => (50, false),
        "+" | "-" => (60, false),
        "*" | "/" | "mod" => (70, false),
        "=~" | "!~" => (80, false),
        "." | "?." => (110, false),
        _ => return None,
    };
    Some((op, bp, right))
}

const NOT_BP: u8 = 40;
const UNARY_BP: u8 = 90;
const INDEX_BP: u8 = 100;

impl Parser<'_> {
    fn unexpected(&self) -> String {
        match self.toks.get(self.pos) {
            None => "Parse error: unexpected end of statement".to_owned(),
            Some((tok, at)) => {
                let text = self.token_text(tok);
                format!(
                    "Parse error: unexpected '{text}' at position {at} of expression '{}'",
                    self.src
                )
            }
        }
    }

    fn token_text(&self, tok: &Tok) -> String {
        match tok {
            Tok::Dollar(n) => format!("${n}"),
            Tok::Int(i) => i.to_string(),
            Tok::Float(f) => f.to_string(),
            Tok::Str(s) | Tok::Word(s) | Tok::Func(s) => s.clone(),
            Tok::Op(o) => (*o).to_owned(),
            Tok::Punct(c) => c.to_string(),
            Tok::Unsupported(what) => what.clone(),
        }
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|(t, _)| t.clone());
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn expr(&mut self, min_bp: u8) -> Result<Expr, String> {
        if self.depth >= MAX_DEPTH {
            self.depth_exceeded = true;
            return Err(String::new());
        }
        self.depth += 1;
        let result = self.expr_inner(min_bp);
        self.depth -= 1;
        result
    }

    fn expr_inner(&mut self, min_bp: u8) -> Result<Expr, String> {
        let mut lhs = self.prefix()?;
        while let Some(tok) = self.peek().cloned() {
            if tok == Tok::Punct('[') {
                if INDEX_BP < min_bp {
                    break;
                }
                self.pos += 1;
                let idx = self.expr(0)?;
                self.expect(']')?;
                lhs = Expr::Index(Box::new(lhs), Box::new(idx));
                continue;
            }
            if tok == Tok::Punct('{') {
                if INDEX_BP < min_bp {
                    break;
                }
                // yaql's `{}` operator (`x{...}`): parsed, not evaluated.
                self.pos += 1;
                self.items('}')?;
                lhs = Expr::Unsupported("the {} operator".to_owned());
                continue;
            }
            let Some((op, bp, right)) = infix(&tok) else {
                break;
            };
            if bp < min_bp {
                break;
            }
            self.pos += 1;
            if op == "." || op == "?." {
                let rhs = match self.next() {
                    Some(Tok::Word(name)) => Expr::Attr(Box::new(lhs), name),
                    Some(Tok::Func(name)) => {
                        let args = self.args()?;
                        Expr::Method(Box::new(lhs), name, args)
                    }
                    Some(_) => {
                        self.pos -= 1;
                        let rhs = self.expr(bp + 1)?;
                        Expr::Binary(op, Box::new(lhs), Box::new(rhs))
                    }
                    None => return Err(self.unexpected()),
                };
                lhs = if op == "?." {
                    Expr::Unsupported("the ?. operator".to_owned())
                } else {
                    rhs
                };
                continue;
            }
            let rhs = self.expr(if right { bp } else { bp + 1 })?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn prefix(&mut self) -> Result<Expr, String> {
        let Some(tok) = self.next() else {
            return Err(self.unexpected());
        };
        Ok(match tok {
            Tok::Dollar(name) => Expr::Var(name),
            Tok::Int(i) => Expr::Lit(Val::Int(i)),
            Tok::Float(f) => Expr::Lit(Val::Float(f)),
            Tok::Str(s) => Expr::Lit(Val::Str(s)),
            Tok::Unsupported(what) => Expr::Unsupported(what),
            Tok::Word(w) => match w.as_str() {
                "true" => Expr::Lit(Val::Bool(true)),
                "false" => Expr::Lit(Val::Bool(false)),
                "null" => Expr::Lit(Val::Null),
                _ => Expr::Lit(Val::Str(w)),
            },
            Tok::Func(name) => {
                let args = self.args()?;
                Expr::Call(name, args)
            }
            Tok::Op("not") => Expr::Unary("not", Box::new(self.expr(NOT_BP)?)),
            Tok::Op(op @ ("-" | "+")) => Expr::Unary(op, Box::new(self.expr(UNARY_BP)?)),
            Tok::Punct('(') => {
                let e = self.expr(0)?;
                self.expect(')')?;
                e
            }
            Tok::Punct('[') => {
                let items = self.items(']')?;
                Expr::List(items)
            }
            Tok::Punct('{') => {
                let items = self.items('}')?;
                let mut pairs = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Expr::Pair(k, v) => pairs.push((*k, *v)),
                        _ => {
                            return Ok(Expr::Unsupported(
                                "a {...} item that is not key => value".to_owned(),
                            ));
                        }
                    }
                }
                Expr::Dict(pairs)
            }
            Tok::Op(_) | Tok::Punct(_) => {
                self.pos -= 1;
                return Err(self.unexpected());
            }
        })
    }

    /// A call's arguments after `name(`.
    fn args(&mut self) -> Result<Vec<Expr>, String> {
        self.expect('(')?;
        self.items(')')
    }

    /// Comma-separated items up to `close`; each may be `key => value`.
    fn items(&mut self, close: char) -> Result<Vec<Expr>, String> {
        let mut items = Vec::new();
        if self.peek() == Some(&Tok::Punct(close)) {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            let e = self.expr(0)?;
            let e = if self.peek() == Some(&Tok::Op("=>")) {
                self.pos += 1;
                Expr::Pair(Box::new(e), Box::new(self.expr(0)?))
            } else {
                e
            };
            items.push(e);
            match self.next() {
                Some(Tok::Punct(',')) => {}
                Some(Tok::Punct(c)) if c == close => return Ok(items),
                Some(_) => {
                    self.pos -= 1;
                    return Err(self.unexpected());
                }
                None => return Err(self.unexpected()),
            }
        }
    }
}

// ---------------------------------------------------------------- evaluation

enum Fail {
    NotSupported(String),
    /// A refusal yaql makes at evaluation, with its message.
    Error(String),
}

type R = Result<Val, Fail>;

fn unsupported<T>(what: impl Into<String>) -> Result<T, Fail> {
    Err(Fail::NotSupported(what.into()))
}

struct Scope<'a> {
    dollar: Val,
    vars: Vec<(String, &'a Val)>,
}

fn var(scope: &Scope<'_>, name: &str) -> Val {
    if name.is_empty() {
        return scope.dollar.clone();
    }
    scope
        .vars
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map_or(Val::Null, |(_, v)| (*v).clone())
}

fn limited(items: Vec<Val>) -> R {
    if items.len() > LIMIT_ITERATORS {
        return unsupported(format!(
            "collections of more than {LIMIT_ITERATORS} items (yaql.limit_iterators)"
        ));
    }
    Ok(Val::List(items))
}

fn list_arg(v: Val, what: &str) -> Result<Vec<Val>, Fail> {
    match v {
        Val::List(items) if items.len() <= LIMIT_ITERATORS => Ok(items),
        Val::List(_) => unsupported(format!(
            "collections of more than {LIMIT_ITERATORS} items (yaql.limit_iterators)"
        )),
        other => unsupported(format!("{what} on {}", other.type_name())),
    }
}

fn evaluate(e: &Expr, scope: &Scope<'_>) -> R {
    match e {
        Expr::Lit(v) => Ok(v.clone()),
        Expr::Var(name) => Ok(var(scope, name)),
        Expr::List(items) => limited(
            items
                .iter()
                .map(|i| evaluate(i, scope))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Dict(pairs) => {
            let mut out: Vec<(Val, Val)> = Vec::new();
            for (k, v) in pairs {
                insert(&mut out, evaluate(k, scope)?, evaluate(v, scope)?)?;
            }
            Ok(Val::Map(out))
        }
        Expr::Attr(recv, name) => match evaluate(recv, scope)? {
            Val::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| Fail::Error(format!("'{name}'"))),
            other => unsupported(format!("property .{name} of {}", other.type_name())),
        },
        Expr::Index(recv, idx) => {
            let recv = evaluate(recv, scope)?;
            let idx = evaluate(idx, scope)?;
            match (&recv, &idx) {
                (Val::List(items), Val::Int(i)) => {
                    let len = i128::try_from(items.len()).unwrap_or(i128::MAX);
                    let at = if *i < 0 { i + len } else { *i };
                    usize::try_from(at)
                        .ok()
                        .and_then(|at| items.get(at))
                        .cloned()
                        .ok_or_else(|| Fail::Error("tuple index out of range".to_owned()))
                }
                (Val::Map(entries), key) if python::hashable(key) => python::dict_get(entries, key)
                    .cloned()
                    .ok_or_else(|| Fail::Error(python::repr(key))),
                _ => unsupported(format!(
                    "indexing {} with {}",
                    recv.type_name(),
                    idx.type_name()
                )),
            }
        }
        Expr::Unary(op, inner) => {
            let v = evaluate(inner, scope)?;
            match (*op, v) {
                ("not", v) => Ok(Val::Bool(!python::truthy(&v))),
                ("-", Val::Int(i)) => i
                    .checked_neg()
                    .map(Val::Int)
                    .map_or_else(|| unsupported("integer overflow"), Ok),
                ("-", Val::Float(f)) => Ok(Val::Float(-f)),
                ("+", v @ (Val::Int(_) | Val::Float(_))) => Ok(v),
                (op, v) => unsupported(format!("unary {op} on {}", v.type_name())),
            }
        }
        Expr::Binary(op, l, r) => binary(op, l, r, scope),
        Expr::Call(name, args) => call(name, args, scope),
        Expr::Method(recv, name, args) => {
            let recv = evaluate(recv, scope)?;
            method(recv, name, args, scope)
        }
        Expr::Pair(..) => unsupported("key => value outside a call"),
        Expr::Unsupported(what) => unsupported(what.clone()),
    }
}

/// `dict` assignment: an equal key is replaced in place.
fn insert(out: &mut Vec<(Val, Val)>, k: Val, v: Val) -> Result<(), Fail> {
    if !python::hashable(&k) {
        return unsupported(format!("{} as a dict key", k.type_name()));
    }
    match out
        .iter_mut()
        .find(|(k2, _)| python::eq(k2, &k) == Some(true))
    {
        Some(slot) => slot.1 = v,
        None => out.push((k, v)),
    }
    Ok(())
}

fn binary(op: &str, l: &Expr, r: &Expr, scope: &Scope<'_>) -> R {
    match op {
        "and" | "or" => {
            let lv = evaluate(l, scope)?;
            let short = python::truthy(&lv) == (op == "or");
            return if short { Ok(lv) } else { evaluate(r, scope) };
        }
        "->" => {
            let Expr::Call(name, args) = l else {
                return unsupported("-> after anything but let(...)");
            };
            if name != "let" {
                return unsupported("-> after anything but let(...)");
            }
            let mut values = Vec::with_capacity(args.len());
            for (i, a) in args.iter().enumerate() {
                match a {
                    Expr::Pair(k, v) => {
                        let Expr::Lit(Val::Str(name)) = k.as_ref() else {
                            return unsupported("let with a computed name");
                        };
                        values.push((name.clone(), evaluate(v, scope)?));
                    }
                    other => values.push(((i + 1).to_string(), evaluate(other, scope)?)),
                }
            }
            let mut inner = Scope {
                dollar: values
                    .iter()
                    .find(|(n, _)| n == "1")
                    .map_or_else(|| scope.dollar.clone(), |(_, v)| v.clone()),
                vars: scope.vars.clone(),
            };
            for (n, v) in &values {
                inner.vars.push((n.clone(), v));
            }
            return evaluate(r, &inner);
        }
        _ => {}
    }
    let a = evaluate(l, scope)?;
    let b = evaluate(r, scope)?;
    match op {
        "=" => Ok(Val::Bool(python::eq(&a, &b) == Some(true))),
        "!=" => Ok(Val::Bool(python::eq(&a, &b) != Some(true))),
        "in" => match (&a, &b) {
            (_, Val::List(items)) => Ok(Val::Bool(python::list_contains(items, &a) == Some(true))),
            (Val::Str(x), Val::Str(y)) => Ok(Val::Bool(y.contains(x.as_str()))),
            _ => unsupported(format!("{} in {}", a.type_name(), b.type_name())),
        },
        "<" | ">" | "<=" | ">=" => {
            let ord = match (&a, &b) {
                (Val::Int(x), Val::Int(y)) => x.partial_cmp(y),
                (Val::Str(x), Val::Str(y)) => x.chars().partial_cmp(y.chars()),
                (Val::Int(_) | Val::Float(_), Val::Int(_) | Val::Float(_)) => {
                    as_f64(&a).partial_cmp(&as_f64(&b))
                }
                _ => {
                    return Err(Fail::Error(format!(
                        "No function \"#operator_{op}\" matches supplied arguments"
                    )));
                }
            };
            let result = match ord {
                Some(o) => match op {
                    "<" => o.is_lt(),
                    ">" => o.is_gt(),
                    "<=" => o.is_le(),
                    _ => o.is_ge(),
                },
                // NaN compares false.
                None => false,
            };
            Ok(Val::Bool(result))
        }
        "+" | "-" | "*" | "/" | "mod" => arith(op, a, b),
        other => unsupported(format!("the {other} operator")),
    }
}

/// Orders two numbers as Python does; ints exactly, mixed through floats.
fn num_cmp(a: &Val, b: &Val) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        _ => as_f64(a).partial_cmp(&as_f64(b)),
    }
}

fn as_f64(v: &Val) -> f64 {
    match v {
        #[expect(
            clippy::cast_precision_loss,
            reason = "Python compares int and float the same way for the values templates use"
        )]
        Val::Int(i) => *i as f64,
        Val::Float(f) => *f,
        _ => f64::NAN,
    }
}

fn arith(op: &str, a: Val, b: Val) -> R {
    match (op, a, b) {
        ("+", Val::Str(x), Val::Str(y)) => Ok(Val::Str(x + &y)),
        ("+", Val::List(mut x), Val::List(y)) => {
            x.extend(y);
            limited(x)
        }
        (op, Val::Int(x), Val::Int(y)) => {
            let r = match op {
                "+" => x.checked_add(y),
                "-" => x.checked_sub(y),
                "*" => x.checked_mul(y),
                _ if y == 0 => {
                    return Err(Fail::Error("integer division or modulo by zero".to_owned()));
                }
                // Python's floor division and modulo.
                "/" => x.checked_div(y).map(|q| {
                    if (x % y != 0) && ((x < 0) != (y < 0)) {
                        q - 1
                    } else {
                        q
                    }
                }),
                _ => x.checked_rem(y).map(|m| {
                    if m != 0 && ((m < 0) != (y < 0)) {
                        m + y
                    } else {
                        m
                    }
                }),
            };
            r.map(Val::Int)
                .map_or_else(|| unsupported("integers beyond 128 bits"), Ok)
        }
        (op, a @ (Val::Int(_) | Val::Float(_)), b @ (Val::Int(_) | Val::Float(_))) => {
            let (x, y) = (as_f64(&a), as_f64(&b));
            match op {
                "+" => Ok(Val::Float(x + y)),
                "-" => Ok(Val::Float(x - y)),
                "*" => Ok(Val::Float(x * y)),
                _ if y == 0.0 => Err(Fail::Error("float division by zero".to_owned())),
                "/" => Ok(Val::Float(x / y)),
                _ => unsupported("mod of floats"),
            }
        }
        (op, a, b) => unsupported(format!("{} {op} {}", a.type_name(), b.type_name())),
    }
}

fn call(name: &str, args: &[Expr], scope: &Scope<'_>) -> R {
    let positional = |scope: &Scope<'_>| -> Result<Vec<Val>, Fail> {
        args.iter()
            .map(|a| match a {
                Expr::Pair(..) => unsupported(format!("key => value in {name}()")),
                other => evaluate(other, scope),
            })
            .collect()
    };
    match name {
        "len" => {
            let [v] = positional(scope)?
                .try_into()
                .map_err(|_| Fail::NotSupported("len() of other than one argument".to_owned()))?;
            len(v)
        }
        "list" => {
            let values = positional(scope)?;
            // yaql's `list` expands arguments that are lazy results
            // (`select`, `where`, ...) and keeps materialised ones (data,
            // literals) as single items; hotc does not track which is which.
            if values.iter().any(|v| matches!(v, Val::List(_))) {
                return unsupported("list() of a collection");
            }
            limited(values)
        }
        "concat" => {
            let values = positional(scope)?;
            if values.is_empty() {
                return Err(Fail::Error("Ambiguous function \"concat\"".to_owned()));
            }
            if values.iter().all(|v| matches!(v, Val::Str(_))) {
                Ok(Val::Str(values.iter().filter_map(Val::as_str).collect()))
            } else if values.iter().all(|v| matches!(v, Val::List(_))) {
                let mut out = Vec::new();
                for v in values {
                    out.extend(list_arg(v, "concat")?);
                }
                limited(out)
            } else {
                unsupported("concat() of mixed or other types")
            }
        }
        "dict" => {
            let mut out = Vec::new();
            if args.iter().all(|a| matches!(a, Expr::Pair(..))) {
                for a in args {
                    if let Expr::Pair(k, v) = a {
                        insert(&mut out, evaluate(k, scope)?, evaluate(v, scope)?)?;
                    }
                }
                return Ok(Val::Map(out));
            }
            let [pairs] = positional(scope)?
                .try_into()
                .map_err(|_| Fail::NotSupported("dict() of several sequences".to_owned()))?;
            for pair in list_arg(pairs, "dict()")? {
                match pair {
                    Val::List(kv) if kv.len() == 2 => {
                        let mut kv = kv.into_iter();
                        if let (Some(k), Some(v)) = (kv.next(), kv.next()) {
                            insert(&mut out, k, v)?;
                        }
                    }
                    other => return unsupported(format!("dict() of {}", other.type_name())),
                }
            }
            Ok(Val::Map(out))
        }
        "str" => {
            let [v] = positional(scope)?
                .try_into()
                .map_err(|_| Fail::NotSupported("str() of other than one argument".to_owned()))?;
            match v {
                // yaql holds these as tuples and frozen dicts.
                Val::List(_) | Val::Map(_) => unsupported("str() of a collection"),
                v => Ok(Val::Str(yaql_str(&v))),
            }
        }
        other => unsupported(format!("the function {other}()")),
    }
}

/// yaql's `str` (what `join` applies to each item): `null`, `true` and
/// `false` as yaql writes them, anything else as Python's `str`.
fn yaql_str(v: &Val) -> String {
    match v {
        Val::Null => "null".to_owned(),
        Val::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::List(_) | Val::Map(_) | Val::Unknown => {
            python::str(v)
        }
    }
}

fn len(v: Val) -> R {
    let n = match &v {
        Val::Str(s) => s.chars().count(),
        Val::List(items) => items.len(),
        Val::Map(entries) => entries.len(),
        _ => {
            return Err(Fail::Error(
                "No function \"len\" matches supplied arguments".to_owned(),
            ));
        }
    };
    Ok(Val::Int(i128::try_from(n).unwrap_or(i128::MAX)))
}

fn method(recv: Val, name: &str, args: &[Expr], scope: &Scope<'_>) -> R {
    let lambda = |item: &Val, body: &Expr| {
        let inner = Scope {
            dollar: item.clone(),
            vars: scope.vars.clone(),
        };
        evaluate(body, &inner)
    };
    let one_arg = || match args {
        [a] if !matches!(a, Expr::Pair(..)) => Ok(a),
        _ => unsupported(format!(".{name}() with these arguments")),
    };
    match name {
        "len" if args.is_empty() => len(recv),
        "select" => {
            let body = one_arg()?;
            let items = list_arg(recv, ".select()")?;
            limited(
                items
                    .iter()
                    .map(|i| lambda(i, body))
                    .collect::<Result<_, _>>()?,
            )
        }
        "where" => {
            let body = one_arg()?;
            let mut out = Vec::new();
            for item in list_arg(recv, ".where()")? {
                if python::truthy(&lambda(&item, body)?) {
                    out.push(item);
                }
            }
            limited(out)
        }
        "flatten" if args.is_empty() => {
            fn flat(items: Vec<Val>, out: &mut Vec<Val>) {
                for item in items {
                    match item {
                        Val::List(inner) => flat(inner, out),
                        other => out.push(other),
                    }
                }
            }
            let mut out = Vec::new();
            flat(list_arg(recv, ".flatten()")?, &mut out);
            limited(out)
        }
        "distinct" if args.is_empty() => {
            let mut out: Vec<Val> = Vec::new();
            for item in list_arg(recv, ".distinct()")? {
                if python::list_contains(&out, &item) == Some(false) {
                    out.push(item);
                }
            }
            limited(out)
        }
        "split" => {
            let sep = evaluate(one_arg()?, scope)?;
            match (&recv, &sep) {
                (Val::Str(text), Val::Str(sep)) if !sep.is_empty() => limited(
                    text.split(sep.as_str())
                        .map(|part| Val::Str(part.to_owned()))
                        .collect(),
                ),
                (Val::Str(_), Val::Str(_)) => Err(Fail::Error("empty separator".to_owned())),
                _ => unsupported(".split() other than of a string by a string"),
            }
        }
        "orderBy" => {
            let body = one_arg()?;
            let items = list_arg(recv, ".orderBy()")?;
            let mut keyed = Vec::with_capacity(items.len());
            for item in items {
                let key = lambda(&item, body)?;
                keyed.push((key, item));
            }
            // Python sorts numbers with numbers and strings with strings;
            // anything else (and NaN) is left to yaql.
            let numbers = keyed.iter().all(|(k, _)| match k {
                Val::Int(_) => true,
                Val::Float(f) => !f.is_nan(),
                _ => false,
            });
            let strings = keyed.iter().all(|(k, _)| matches!(k, Val::Str(_)));
            if numbers {
                keyed.sort_by(|(a, _), (b, _)| num_cmp(a, b).unwrap_or(std::cmp::Ordering::Equal));
            } else if strings {
                keyed.sort_by(|(a, _), (b, _)| a.as_str().cmp(&b.as_str()));
            } else {
                return unsupported(".orderBy() over keys of mixed or other types");
            }
            limited(keyed.into_iter().map(|(_, item)| item).collect())
        }
        "sum" if args.is_empty() => {
            // yaql: `reduce` with its `+` operator, no initial value.
            let mut items = list_arg(recv, ".sum()")?.into_iter();
            let Some(mut total) = items.next() else {
                return Err(Fail::Error(
                    "reduce() of empty iterable with no initial value".to_owned(),
                ));
            };
            for item in items {
                total = arith("+", total, item)?;
            }
            Ok(total)
        }
        "values" if args.is_empty() => match recv {
            Val::Map(entries) => limited(entries.into_iter().map(|(_, v)| v).collect()),
            other => unsupported(format!(".values() of {}", other.type_name())),
        },
        "toDict" if !args.is_empty() && args.len() <= 2 => {
            let (key_body, value_body) = match args {
                [k] => (k, None),
                [k, v] => (k, Some(v)),
                _ => return unsupported(".toDict() with these arguments"),
            };
            let mut out = Vec::new();
            for item in list_arg(recv, ".toDict()")? {
                let key = lambda(&item, key_body)?;
                let value = match value_body {
                    Some(body) => lambda(&item, body)?,
                    None => item,
                };
                insert(&mut out, key, value)?;
            }
            Ok(Val::Map(out))
        }
        "count" if args.is_empty() => {
            let n = list_arg(recv, ".count()")?.len();
            Ok(Val::Int(i128::try_from(n).unwrap_or(i128::MAX)))
        }
        "first" | "last" if args.is_empty() => {
            let items = list_arg(recv, &format!(".{name}()"))?;
            let item = if name == "first" {
                items.into_iter().next()
            } else {
                items.into_iter().next_back()
            };
            // yaql: StopIteration on an empty collection.
            item.ok_or_else(|| Fail::Error("StopIteration".to_owned()))
        }
        "contains" => {
            let v = evaluate(one_arg()?, scope)?;
            let items = list_arg(recv, ".contains()")?;
            Ok(Val::Bool(python::list_contains(&items, &v) == Some(true)))
        }
        "join" => {
            let sep = evaluate(one_arg()?, scope)?;
            let Val::Str(sep) = sep else {
                return Err(Fail::Error(
                    "No method \"join\" matches supplied arguments".to_owned(),
                ));
            };
            let items = list_arg(recv, ".join()")?;
            // yaql holds lists and dicts as tuples and frozen dicts, whose
            // `str()` differs from Python's list and dict.
            if items
                .iter()
                .any(|i| matches!(i, Val::List(_) | Val::Map(_)))
            {
                return unsupported(".join() of nested lists or mappings");
            }
            Ok(Val::Str(
                items.iter().map(yaql_str).collect::<Vec<_>>().join(&sep),
            ))
        }
        "startsWith" | "endsWith" => {
            let (Val::Str(s), Val::Str(p)) = (&recv, evaluate(one_arg()?, scope)?) else {
                return unsupported(format!(".{name}() on other than strings"));
            };
            Ok(Val::Bool(if name == "startsWith" {
                s.starts_with(p.as_str())
            } else {
                s.ends_with(p.as_str())
            }))
        }
        "toUpper" | "toLower" if args.is_empty() => match recv {
            Val::Str(s) => Ok(Val::Str(if name == "toUpper" {
                s.to_uppercase()
            } else {
                s.to_lowercase()
            })),
            other => unsupported(format!(".{name}() on {}", other.type_name())),
        },
        other => unsupported(format!("the method .{other}()")),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    /// Evaluates `expression` over the data of `tests` below; expected
    /// values are what yaql 3 (Heat's) gives for the same expression.
    fn y(expression: &str) -> Result<Val, EvalErrorKind> {
        let stack = Stack::new("2016-10-14");
        let src = format!(
            "{{yaql: {{expression: '{}', data: {{l: [3, 1, 2, 1], n: [[1, [2]], [3]], d: {{a: 1, b: 2}}, s: abc, ps: [[k, 1], [j, 2]]}}}}}}",
            expression.replace('\'', "''")
        );
        eval_yaml(&stack, &src).map_err(|e| e.kind)
    }

    fn ints(v: &[i128]) -> Result<Val, EvalErrorKind> {
        Ok(Val::List(v.iter().map(|i| Val::Int(*i)).collect()))
    }

    fn s(t: &str) -> Val {
        Val::Str(t.to_owned())
    }

    #[test]
    fn queries_over_data() {
        assert_eq!(y("$.data.l.select($*2)"), ints(&[6, 2, 4, 2]));
        assert_eq!(y("$.data.l.where($>1)"), ints(&[3, 2]));
        assert_eq!(y("$.data.n.flatten()"), ints(&[1, 2, 3]));
        assert_eq!(y("$.data.l.distinct()"), ints(&[3, 1, 2]));
        assert_eq!(y("$.data.l.select($ + 1).where($ > 2)"), ints(&[4, 3]));
        assert_eq!(
            y("$.data.ps.select($[0])"),
            Ok(Val::List(vec![s("k"), s("j")]))
        );
        assert_eq!(y("$.data.l.where($ = 1).len() > 1"), Ok(Val::Bool(true)));
    }

    #[test]
    fn functions() {
        assert_eq!(y("len($.data.l)"), Ok(Val::Int(4)));
        assert_eq!(y("$.data.s.len()"), Ok(Val::Int(3)));
        assert_eq!(
            y("dict(a=>1, b=>2)"),
            Ok(Val::Map(vec![(s("a"), Val::Int(1)), (s("b"), Val::Int(2))]))
        );
        assert_eq!(
            y("dict($.data.ps)"),
            Ok(Val::Map(vec![(s("k"), Val::Int(1)), (s("j"), Val::Int(2))]))
        );
        assert_eq!(y("list(1, 2)"), ints(&[1, 2]));
        // yaql: [[3, 1, 2, 1]] for data, [3, 1, 2, 1] for a select's result.
        assert!(matches!(
            y("list($.data.l)"),
            Err(EvalErrorKind::NotSupported { .. })
        ));
        assert_eq!(y("concat('a', 'b')"), Ok(s("ab")));
        assert_eq!(y("concat($.data.l, [5])"), ints(&[3, 1, 2, 1, 5]));
        assert_eq!(y("let(x => 2) -> $x + 1"), Ok(Val::Int(3)));
        assert_eq!(y("let(4, 5) -> $1 + $2"), Ok(Val::Int(9)));
        assert_eq!(y("$.data.l.contains(2)"), Ok(Val::Bool(true)));
        assert_eq!(y("$.data.l.join(\",\")"), Ok(s("3,1,2,1")));
        // yaql: "(1, (2,)),(3,)", tuples' str: not Python's lists.
        assert!(matches!(
            y("$.data.n.join(\",\")"),
            Err(EvalErrorKind::NotSupported { .. })
        ));
        assert_eq!(y("$.data.l.first()"), Ok(Val::Int(3)));
        // yaql's str: null and booleans as yaql writes them (Heat agrees).
        assert_eq!(
            y("[1, null, true, 1.5].join(\",\")"),
            Ok(s("1,null,true,1.5"))
        );
        assert_eq!(y("$.data.l.last()"), Ok(Val::Int(1)));
        assert_eq!(y("$.data.l.count()"), Ok(Val::Int(4)));
        assert_eq!(y("$.data.l.orderBy(-$)"), ints(&[3, 2, 1, 1]));
        assert_eq!(
            y("[[2, \"a\"], [1, \"b\"]].orderBy($[0]).select($[1])"),
            Ok(Val::List(vec![s("b"), s("a")]))
        );
        assert_eq!(
            y("\"a,,b\".split(\",\")"),
            Ok(Val::List(vec![s("a"), s(""), s("b")]))
        );
        assert_eq!(y("str(null)"), Ok(s("null")));
        assert_eq!(y("$.data.l.sum()"), Ok(Val::Int(7)));
        assert_eq!(y("[1.5, 2].sum()"), Ok(Val::Float(3.5)));
        assert!(matches!(y("[].sum()"), Err(EvalErrorKind::Failed { .. })));
        assert_eq!(y("$.data.d.values()"), ints(&[1, 2]));
        assert_eq!(
            y("$.data.ps.toDict($[0], $[1])"),
            Ok(Val::Map(vec![(s("k"), Val::Int(1)), (s("j"), Val::Int(2))]))
        );
        assert_eq!(y("str(1.5)"), Ok(s("1.5")));
        assert_eq!(y("$.data.s.startsWith(\"a\")"), Ok(Val::Bool(true)));
    }

    #[test]
    fn operators() {
        assert_eq!(y("2 in $.data.l"), Ok(Val::Bool(true)));
        assert_eq!(y("7 / 2"), Ok(Val::Int(3)));
        assert_eq!(y("-7 / 2"), Ok(Val::Int(-4)));
        assert_eq!(y("-7 mod 2"), Ok(Val::Int(1)));
        assert_eq!(y("7.0 / 2"), Ok(Val::Float(3.5)));
        assert_eq!(y("-2 * 3"), Ok(Val::Int(-6)));
        assert_eq!(y("true and 3"), Ok(Val::Int(3)));
        assert_eq!(y("not 1"), Ok(Val::Bool(false)));
        assert_eq!(y("1 = 1.0"), Ok(Val::Bool(true)));
        assert_eq!(y("\"a\" + \"b\""), Ok(s("ab")));
        assert_eq!(y("[1] + [2]"), ints(&[1, 2]));
        assert_eq!(y("$.data.d.a"), Ok(Val::Int(1)));
        assert_eq!(y("$.data.d[a]"), Ok(Val::Int(1)));
        assert_eq!(y("$.data.l[-1]"), Ok(Val::Int(1)));
        assert_eq!(y("{a => 1}"), Ok(Val::Map(vec![(s("a"), Val::Int(1))])));
        assert_eq!(y("$data"), Ok(Val::Null));
        assert_eq!(y("'\\u0041\\t'"), Ok(s("A\t")));
        assert!(matches!(
            y("'\\101'"),
            Err(EvalErrorKind::NotSupported { .. })
        ));
        assert!(matches!(y("concat()"), Err(EvalErrorKind::Failed { .. })));
    }

    /// yaql: `KeyError: 'missing'`, `ZeroDivisionError`, index out of range.
    #[test]
    fn yaql_refusals_are_errors() {
        assert!(matches!(
            y("$.data.missing"),
            Err(EvalErrorKind::Failed { .. })
        ));
        assert!(matches!(
            y("$.data.l[9]"),
            Err(EvalErrorKind::Failed { .. })
        ));
        assert!(matches!(y("1 / 0"), Err(EvalErrorKind::Failed { .. })));
        assert!(matches!(y("1 < \"a\""), Err(EvalErrorKind::Failed { .. })));
    }

    /// Heat: `Bad expression Parse error: unexpected end of statement.`
    #[test]
    fn syntax_errors_read_as_yaqls() {
        assert_eq!(
            y("$.data.l.len("),
            Err(EvalErrorKind::Failed {
                function: "yaql",
                message: "Bad expression Parse error: unexpected end of statement.".into()
            })
        );
        assert_eq!(
            y("1 2"),
            Err(EvalErrorKind::Failed {
                function: "yaql",
                message:
                    "Bad expression Parse error: unexpected '2' at position 2 of expression '1 2'."
                        .into()
            })
        );
        assert_eq!(
            y("#"),
            Err(EvalErrorKind::Failed {
                function: "yaql",
                message: "Bad expression Lexical error: illegal character '#' at position 0."
                    .into()
            })
        );
    }

    /// Outside the subset: `NotSupported`, naming the construct.
    #[test]
    fn outside_the_subset_is_not_supported() {
        for e in [
            "$.data.d.keys()",
            "$.data.l.all()",
            "foo(1)",
            "$.data.s =~ 'a'",
            "$.data.l.any()",
        ] {
            assert!(
                matches!(y(e), Err(EvalErrorKind::NotSupported { .. })),
                "{e}"
            );
        }
    }

    /// The corpus's one use (magnum's kubecluster.yaml).
    #[test]
    fn the_corpus_expression() {
        let stack = Stack::new("2017-09-01").with_param("calico_tag", s("v3.3.6"));
        assert_eq!(
            eval_yaml(
                &stack,
                r#"{yaql: {expression: '$.data.calico_tag.startsWith("v3.3.")', data: {calico_tag: {get_param: calico_tag}}}}"#
            ),
            Ok(Val::Bool(true))
        );
        let unknown = Stack::new("2017-09-01").with_param("calico_tag", Val::Unknown);
        assert_eq!(
            eval_yaml(
                &unknown,
                r#"{yaql: {expression: '$.data.calico_tag.startsWith("v3.3.")', data: {calico_tag: {get_param: calico_tag}}}}"#
            ),
            Ok(Val::Unknown)
        );
    }

    #[test]
    fn argument_shapes() {
        let stack = Stack::new("2016-10-14");
        assert!(eval_yaml(&stack, "{yaql: [a]}").is_err());
        assert!(eval_yaml(&stack, "{yaql: {data: {}}}").is_err());
        assert!(eval_yaml(&stack, "{yaql: {expression: '1', other: 2}}").is_err());
        assert!(eval_yaml(&stack, "{yaql: {expression: 1}}").is_err());
        assert_eq!(
            eval_yaml(&stack, "{yaql: {expression: '1 + 2'}}"),
            Ok(Val::Int(3))
        );
    }

    /// Parsing never panics, whatever the text.
    #[test]
    fn parsing_arbitrary_text_does_not_panic() {
        let pieces = [
            "$", ".", "(", ")", "[", "]", "{", "}", ",", "=>", "->", "'", "\"", "1", "a", "not",
            "-", "\\", "é", " ", "f(", "?.",
        ];
        let mut seed: u64 = 7;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..8 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let i = usize::try_from(seed >> 33).unwrap_or(0) % pieces.len();
                text.push_str(pieces.get(i).copied().unwrap_or(""));
            }
            let _ = parse(&text);
        }
        for deep in [
            "(".repeat(100_000),
            "-".repeat(300),
            "[".repeat(300),
            "1+".repeat(100_000) + "1",
        ] {
            assert!(matches!(parse(&deep), Ok(super::Expr::Unsupported(_))));
        }
    }
}
