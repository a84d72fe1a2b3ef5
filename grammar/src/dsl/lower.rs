//! Lowering: pest's parse tree of `.heat` items to the HOT value tree that
//! docs/dsl.md defines, with every value spanned in the `.heat` text.
//!
//! Items are lowered in two passes: [`declare`] first collects the names of
//! every declared resource and parameter, so that a reference can resolve
//! to a resource declared further down; [`Template`] then lowers the items
//! in order and assembles the top-level map. Lowering never fails: a bad
//! piece (an unknown name, an unknown escape, a dropped duplicate) becomes
//! an error and a null or the nearest meaning, and lowering goes on.
//!
//! Spans: a value's span is the text it came from; a generated map's span
//! (a reference's `get_param`, a call, an interpolation's `str_replace`) is
//! the whole construct, and its generated keys take the span of the text
//! that stands for them (`get_param` the word `param`, a call's key the
//! function name, a definition's `type` the type, `default` and `value`
//! their `=`, a section key the keyword of its first item).

use std::collections::HashSet;

use pest::iterators::Pair;

use super::grammar::Rule;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::span::Span;
use crate::value::key::{DictBuilder, Inserted};
use crate::value::{Value, ValueKind, decimal_number};

/// A parsed item and the offset in the source of the text pest read it
/// from (items re-parsed after an error come from slices of the source).
pub(super) struct Item<'i> {
    pub(super) pair: Pair<'i, Rule>,
    pub(super) base: usize,
}

/// The names declared in a file.
#[derive(Debug, Default)]
pub(super) struct Declared {
    pub(super) resources: HashSet<String>,
    pub(super) params: HashSet<String>,
}

/// The four sections that items fill, in the order of `Section::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Parameters,
    Resources,
    Outputs,
    Conditions,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Parameters => "parameters",
            Section::Resources => "resources",
            Section::Outputs => "outputs",
            Section::Conditions => "conditions",
        }
    }

    fn index(self) -> usize {
        match self {
            Section::Parameters => 0,
            Section::Resources => 1,
            Section::Outputs => 2,
            Section::Conditions => 3,
        }
    }

    fn of_key(key: &str) -> Option<Section> {
        match key {
            "parameters" => Some(Section::Parameters),
            "resources" => Some(Section::Resources),
            "outputs" => Some(Section::Outputs),
            "conditions" => Some(Section::Conditions),
            _ => None,
        }
    }

    /// The length of the keyword that starts an item of this section.
    fn keyword_len(self) -> usize {
        match self {
            Section::Parameters => "param".len(),
            Section::Resources => "resource".len(),
            Section::Outputs => "output".len(),
            Section::Conditions => "condition".len(),
        }
    }
}

/// The children of a pair that carry meaning: punctuation and separators
/// are dropped.
fn children<'i>(pair: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.into_inner().filter(|p| {
        !matches!(
            p.as_rule(),
            Rule::sep
                | Rule::eq
                | Rule::colon
                | Rule::colon_eq
                | Rule::open_brace
                | Rule::close_brace
                | Rule::open_bracket
                | Rule::close_bracket
                | Rule::open_paren
                | Rule::close_paren
                | Rule::EOI
                | Rule::kw_version
                | Rule::kw_param
                | Rule::kw_resource
                | Rule::kw_output
                | Rule::kw_condition
        )
    })
}

/// The first meaningful child of a pair.
fn first_child(pair: Pair<'_, Rule>) -> Option<Pair<'_, Rule>> {
    children(pair).next()
}

/// The span of the first child with rule `rule` (punctuation included).
fn child_span(pair: &Pair<'_, Rule>, rule: Rule, base: usize) -> Option<Span> {
    pair.clone()
        .into_inner()
        .find(|p| p.as_rule() == rule)
        .map(|p| span_of(&p, base))
}

fn span_of(pair: &Pair<'_, Rule>, base: usize) -> Span {
    let s = pair.as_span();
    Span::new(base + s.start(), base + s.end())
}

/// The text of a name pair (`ident`, `string` or `raw_string`) when it is
/// a plain string, for the declaration pass. Errors inside it are reported
/// when the item itself is lowered.
fn name_text(pair: Pair<'_, Rule>, base: usize) -> Option<String> {
    let nothing = Declared::default();
    let mut scratch = Lowerer::new(base, &nothing);
    let value = scratch.key(pair);
    match value.kind {
        ValueKind::Str(s) => Some(s),
        ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Int(_)
        | ValueKind::Float(_)
        | ValueKind::Seq(_)
        | ValueKind::Map(_) => None,
    }
}

/// The first pass: the names of the resources and parameters `items`
/// declare, by items or in a whole `resources = {...}` section.
pub(super) fn declare(items: &[Item<'_>], into: &mut Declared) {
    for item in items {
        let Some(inner) = first_child(item.pair.clone()) else {
            continue;
        };
        let rule = inner.as_rule();
        match rule {
            Rule::param_item | Rule::resource_item => {
                let name = first_child(inner).and_then(|n| name_text(n, item.base));
                if let Some(name) = name {
                    if rule == Rule::param_item {
                        into.params.insert(name);
                    } else {
                        into.resources.insert(name);
                    }
                }
            }
            Rule::entry => {
                let mut parts = children(inner);
                let (Some(key), Some(value)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let section = name_text(key, item.base).and_then(|k| Section::of_key(&k));
                let Some(map) = first_child(value).filter(|v| v.as_rule() == Rule::map) else {
                    continue;
                };
                let target = match section {
                    Some(Section::Resources) => &mut into.resources,
                    Some(Section::Parameters) => &mut into.params,
                    Some(Section::Outputs | Section::Conditions) | None => continue,
                };
                for entry in children(map) {
                    if let Some(name) = first_child(entry).and_then(|k| name_text(k, item.base)) {
                        target.insert(name);
                    }
                }
            }
            // Other items declare nothing.
            _ => {}
        }
    }
}

/// A piece of a string being lowered.
enum Part {
    Text(String),
    /// `${EXPR}`: the lowered expression and the span of the whole `${...}`.
    Interpolation(Value, Span),
}

/// Lowers values; collects errors.
struct Lowerer<'d> {
    base: usize,
    declared: &'d Declared,
    errors: Vec<SyntaxError>,
}

impl<'d> Lowerer<'d> {
    fn new(base: usize, declared: &'d Declared) -> Self {
        Lowerer {
            base,
            declared,
            errors: Vec::new(),
        }
    }

    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        span_of(pair, self.base)
    }

    fn error(&mut self, kind: SyntaxErrorKind, span: Span) {
        self.errors.push(SyntaxError::new(kind, span));
    }

    /// Reports `key` (a section or `properties`) given both whole, at
    /// `first`, and by items, at `at`; whichever came second is dropped.
    fn whole_and_items(&mut self, key: &str, first: Span, at: Span) {
        self.error(
            SyntaxErrorKind::DslWholeAndItems {
                key: key.to_owned(),
                first,
            },
            at,
        );
    }

    /// Inserts into `dict`, reporting a duplicate or unhashable key.
    fn insert(&mut self, dict: &mut DictBuilder, key: Value, value: Value) {
        let key_span = key.span;
        let text = key.key_text();
        // Every key of a `.heat` mapping is its own (there are no merge
        // keys), so none needs marking apart.
        match dict.insert(key, value, false) {
            Inserted::New => {}
            Inserted::Replaced { first, .. } => {
                self.error(SyntaxErrorKind::DuplicateKey { key: text, first }, key_span)
            }
            Inserted::Unhashable => self.error(SyntaxErrorKind::UnhashableKey, key_span),
        }
    }

    /// A `value` pair. `bare_names` lowers a bare identifier to its name as
    /// a string (inside `@depends_on`).
    fn value(&mut self, pair: Pair<'_, Rule>, bare_names: bool) -> Value {
        let span = self.span(&pair);
        let Some(inner) = first_child(pair) else {
            return Value::null(span);
        };
        match inner.as_rule() {
            Rule::block_string | Rule::raw_block => self.block_string(inner),
            Rule::string => self.string(inner),
            Rule::raw_string => self.raw_string(inner),
            Rule::number => self.number(&inner),
            Rule::literal => self.literal(&inner),
            Rule::call => self.call(inner),
            Rule::list => self.list(inner, bare_names),
            Rule::map => self.map(inner),
            Rule::reference => self.reference(inner, bare_names),
            // The grammar puts nothing else in a value.
            _ => Value::null(span),
        }
    }

    /// A `key` (or `name`, `type_name`) pair: an identifier is a string,
    /// anything else is lowered as the literal it is.
    fn key(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let inner = match pair.as_rule() {
            Rule::ident | Rule::ident_key | Rule::path_name => {
                return Value::new(span, ValueKind::Str(pair.as_str().to_owned()));
            }
            Rule::key | Rule::name | Rule::type_name | Rule::at_key => first_child(pair),
            _ => Some(pair),
        };
        let Some(inner) = inner else {
            return Value::null(span);
        };
        match inner.as_rule() {
            Rule::ident | Rule::ident_key | Rule::path_name => {
                Value::new(self.span(&inner), ValueKind::Str(inner.as_str().to_owned()))
            }
            Rule::key => self.key(inner),
            Rule::string => self.string(inner),
            Rule::raw_string => self.raw_string(inner),
            Rule::number => self.number(&inner),
            Rule::literal => self.literal(&inner),
            // The grammar puts nothing else in a key.
            _ => Value::null(span),
        }
    }

    fn literal(&self, pair: &Pair<'_, Rule>) -> Value {
        let kind = match pair.as_str() {
            "true" => ValueKind::Bool(true),
            "false" => ValueKind::Bool(false),
            _ => ValueKind::Null,
        };
        Value::new(self.span(pair), kind)
    }

    fn number(&mut self, pair: &Pair<'_, Rule>) -> Value {
        let span = self.span(pair);
        let text = pair.as_str();
        let kind = match text {
            ".nan" => ValueKind::Float(f64::NAN),
            ".inf" => ValueKind::Float(f64::INFINITY),
            "-.inf" => ValueKind::Float(f64::NEG_INFINITY),
            _ => decimal_number(text).unwrap_or_else(|| {
                self.error(SyntaxErrorKind::IntegerTooLarge, span);
                ValueKind::Str(text.to_owned())
            }),
        };
        Value::new(span, kind)
    }

    fn list(&mut self, pair: Pair<'_, Rule>, bare_names: bool) -> Value {
        let span = self.span(&pair);
        let items = children(pair)
            .map(|item| self.value(item, bare_names))
            .collect();
        Value::new(span, ValueKind::Seq(items))
    }

    fn map(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let mut dict = DictBuilder::default();
        for entry in children(pair) {
            self.entry_into(entry, &mut dict);
        }
        Value::new(span, ValueKind::Map(dict.into_pairs()))
    }

    /// An `entry` pair (`KEY = VALUE`) into `dict`.
    fn entry_into(&mut self, entry: Pair<'_, Rule>, dict: &mut DictBuilder) {
        let (key, value) = self.entry(entry);
        self.insert(dict, key, value);
    }

    fn entry(&mut self, entry: Pair<'_, Rule>) -> (Value, Value) {
        let span = self.span(&entry);
        let mut parts = children(entry);
        let key = match parts.next() {
            Some(k) => self.key(k),
            None => Value::null(span),
        };
        let value = match parts.next() {
            Some(v) => self.value(v, false),
            None => Value::null(span),
        };
        (key, value)
    }

    /// `NAME(...)` is `{NAME: ARGS}`.
    fn call(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let parens = match (
            child_span(&pair, Rule::open_paren, self.base),
            child_span(&pair, Rule::close_paren, self.base),
        ) {
            (Some(open), Some(close)) => open.cover(close),
            _ => span,
        };
        let mut parts = children(pair);
        let name = match parts.next() {
            Some(n) => Value::new(self.span(&n), ValueKind::Str(n.as_str().to_owned())),
            None => Value::null(span),
        };
        let argument = match parts.next() {
            None => Value::null(parens),
            Some(args) if args.as_rule() == Rule::named_arguments => {
                let mut dict = DictBuilder::default();
                for entry in children(args) {
                    self.entry_into(entry, &mut dict);
                }
                Value::new(parens, ValueKind::Map(dict.into_pairs()))
            }
            Some(args) => {
                let mut values: Vec<Value> = children(args).map(|v| self.value(v, false)).collect();
                if values.len() == 1 {
                    values.pop().unwrap_or_else(|| Value::null(parens))
                } else {
                    Value::new(parens, ValueKind::Seq(values))
                }
            }
        };
        Value::new(span, ValueKind::Map(vec![(name, argument)]))
    }

    /// `param.P...`, `R`, `R.A...`, or (with `bare_names`) a bare name.
    fn reference(&mut self, pair: Pair<'_, Rule>, bare_names: bool) -> Value {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let Some(head) = parts.next() else {
            return Value::null(span);
        };
        let head_span = self.span(&head);
        let name = head.as_str();
        let path: Vec<Value> = parts.map(|accessor| self.accessor(accessor)).collect();
        let string = |s: &str, at: Span| Value::new(at, ValueKind::Str(s.to_owned()));
        if path.is_empty() && bare_names {
            return string(name, head_span);
        }
        let (function, mut args) = if name == "param" && !path.is_empty() {
            ("get_param", path)
        } else if self.declared.resources.contains(name) {
            let mut args = vec![string(name, head_span)];
            if path.is_empty() {
                ("get_resource", args)
            } else {
                args.extend(path);
                ("get_attr", args)
            }
        } else if name == "param" {
            self.error(SyntaxErrorKind::DslBareParam, head_span);
            return Value::null(span);
        } else {
            self.unknown_name(name, head_span);
            return Value::null(span);
        };
        let argument = if args.len() == 1 && function != "get_attr" {
            args.pop().unwrap_or_else(|| Value::null(span))
        } else {
            let first = args.first().map_or(span, |a| a.span);
            let last = args.last().map_or(span, |a| a.span);
            Value::new(first.cover(last), ValueKind::Seq(args))
        };
        let key = string(function, head_span);
        Value::new(span, ValueKind::Map(vec![(key, argument)]))
    }

    /// `.name` (a string) or `[EXPR]` (any value).
    fn accessor(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        match first_child(pair) {
            Some(inner) if rule == Rule::dot_access => {
                Value::new(self.span(&inner), ValueKind::Str(inner.as_str().to_owned()))
            }
            Some(inner) => self.value(inner, false),
            None => Value::null(span),
        }
    }

    fn unknown_name(&mut self, name: &str, span: Span) {
        // Only names that could be a typo of `name` are kept: the
        // suggestion allows about one edit per three characters, so a name
        // whose length differs by more than half cannot be one.
        let len = name.chars().count();
        let slack = len / 2 + 2;
        let mut candidates: Vec<String> = self
            .declared
            .resources
            .iter()
            .map(String::as_str)
            .chain(["param"])
            .filter(|c| c.chars().count().abs_diff(len) <= slack)
            .map(str::to_owned)
            .collect();
        candidates.sort();
        candidates.dedup();
        self.error(
            SyntaxErrorKind::DslUnknownName {
                name: name.to_owned(),
                candidates,
                parameter: self.declared.params.contains(name),
            },
            span,
        );
    }

    /// `"..."`.
    fn string(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let mut parts = Vec::new();
        let mut end = None;
        for piece in pair.into_inner() {
            match piece.as_rule() {
                Rule::string_end => end = Some(piece),
                _ => self.piece(piece, &mut parts),
            }
        }
        if let Some(end) = end
            && end.as_str().is_empty()
        {
            let at = self.span(&end);
            self.error(
                SyntaxErrorKind::DslUnterminatedString {
                    open: Span::new(span.start(), span.start() + 1),
                },
                at,
            );
        }
        self.finish_string(span, parts)
    }

    /// `'...'`.
    fn raw_string(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let mut text = String::new();
        for piece in pair.into_inner() {
            match piece.as_rule() {
                Rule::raw_text => text.push_str(piece.as_str()),
                Rule::raw_end if piece.as_str().is_empty() => {
                    let at = self.span(&piece);
                    self.error(
                        SyntaxErrorKind::DslUnterminatedString {
                            open: Span::new(span.start(), span.start() + 1),
                        },
                        at,
                    );
                }
                _ => {}
            }
        }
        Value::new(span, ValueKind::Str(text))
    }

    /// One piece of a double-quoted or block string, appended to `parts`.
    fn piece(&mut self, piece: Pair<'_, Rule>, parts: &mut Vec<Part>) {
        let text = piece.as_str();
        match piece.as_rule() {
            Rule::string_text | Rule::block_text | Rule::dollar => push_text(parts, text),
            Rule::dollar_escape => push_text(parts, "${"),
            Rule::escape => match unescape(text) {
                Some(c) => push_text(parts, c.encode_utf8(&mut [0; 4])),
                None => {
                    let span = self.span(&piece);
                    self.error(
                        SyntaxErrorKind::DslInvalidEscape {
                            found: text.to_owned(),
                        },
                        span,
                    );
                    push_text(parts, text);
                }
            },
            Rule::interpolation => {
                let span = self.span(&piece);
                let value = match first_child(piece) {
                    Some(v) => self.value(v, false),
                    None => Value::null(span),
                };
                parts.push(Part::Interpolation(value, span));
            }
            // The grammar puts nothing else in a string.
            _ => {}
        }
    }

    /// A string's value: its text, or a `str_replace` when it interpolates.
    fn finish_string(&self, span: Span, parts: Vec<Part>) -> Value {
        let interpolates = parts.iter().any(|p| matches!(p, Part::Interpolation(..)));
        if !interpolates {
            let text = match parts.into_iter().next() {
                Some(Part::Text(t)) => t,
                Some(Part::Interpolation(..)) | None => String::new(),
            };
            return Value::new(span, ValueKind::Str(text));
        }
        // Placeholders are numbered in order, skipping any that the
        // literal text already holds, so that str_replace replaces only
        // the interpolations.
        let literal: String = parts
            .iter()
            .filter_map(|p| match p {
                Part::Text(t) => Some(t.as_str()),
                Part::Interpolation(..) => None,
            })
            .collect();
        let mut next = 0usize;
        let mut template = String::new();
        let mut params = Vec::new();
        for part in parts {
            match part {
                Part::Text(t) => template.push_str(&t),
                Part::Interpolation(value, at) => {
                    let mut placeholder = format!("__hotc_{next}__");
                    while literal.contains(&placeholder) {
                        next += 1;
                        placeholder = format!("__hotc_{next}__");
                    }
                    next += 1;
                    template.push_str(&placeholder);
                    params.push((Value::new(at, ValueKind::Str(placeholder)), value));
                }
            }
        }
        let s = |text: &str| Value::new(span, ValueKind::Str(text.to_owned()));
        let arguments = vec![
            (s("template"), Value::new(span, ValueKind::Str(template))),
            (s("params"), Value::new(span, ValueKind::Map(params))),
        ];
        Value::new(
            span,
            ValueKind::Map(vec![(
                s("str_replace"),
                Value::new(span, ValueKind::Map(arguments)),
            )]),
        )
    }

    /// A `"""` or `'''` block string: the lines between the opening and
    /// closing lines, without the closing line's indentation.
    fn block_string(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let mut lines = Vec::new();
        let mut close = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::block_line | Rule::raw_block_line => lines.push(child),
                Rule::block_close | Rule::raw_block_close => close = Some(child),
                // The opening line's break and spaces carry nothing.
                _ => {}
            }
        }
        let terminated = |c: &Pair<'_, Rule>| {
            !c.clone()
                .into_inner()
                .any(|p| p.as_rule() == Rule::unterminated)
        };
        let (closing_indent, chomp) = match close {
            Some(c) if terminated(&c) => {
                let chomp = c.as_str().ends_with('-');
                let indent = c
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::indent)
                    .map(|p| (p.as_str(), self.span(&p)));
                (indent, chomp)
            }
            Some(c) => {
                let at = self.span(&c);
                self.error(
                    SyntaxErrorKind::DslUnterminatedString {
                        open: Span::new(span.start(), span.start() + 3),
                    },
                    at,
                );
                (None, false)
            }
            None => (None, false),
        };
        let (strip, strip_span) = closing_indent.unwrap_or(("", Span::empty(span.start())));
        let mut parts = Vec::new();
        for line in lines {
            let line_span = self.span(&line);
            let mut pieces = line.into_inner().peekable();
            let indent = pieces
                .next_if(|p| p.as_rule() == Rule::indent)
                .map_or("", |p| p.as_str());
            let has_text = pieces.peek().is_some();
            match indent.strip_prefix(strip) {
                Some(rest) => push_text(&mut parts, rest),
                // A blank line shorter than the indentation is empty.
                None if !has_text => {}
                None => {
                    let at = Span::new(line_span.start(), line_span.start() + indent.len());
                    self.error(
                        SyntaxErrorKind::DslBlockIndentation {
                            closing: strip_span,
                        },
                        at,
                    );
                    push_text(&mut parts, indent);
                }
            }
            for piece in pieces {
                if piece.as_rule() == Rule::raw_block_text {
                    push_text(&mut parts, piece.as_str());
                } else {
                    self.piece(piece, &mut parts);
                }
            }
            push_text(&mut parts, "\n");
        }
        if chomp && let Some(Part::Text(last)) = parts.last_mut() {
            last.pop();
        }
        self.finish_string(span, parts)
    }
}

/// Appends text to the last text part, or starts one.
fn push_text(parts: &mut Vec<Part>, text: &str) {
    if let Some(Part::Text(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(Part::Text(text.to_owned()));
    }
}

/// The character an escape stands for, or None for an unknown escape.
fn unescape(escape: &str) -> Option<char> {
    let body = escape.strip_prefix('\\')?;
    match body {
        "\\" => Some('\\'),
        "\"" => Some('"'),
        "n" => Some('\n'),
        "t" => Some('\t'),
        "r" => Some('\r'),
        "0" => Some('\0'),
        "$" => Some('$'),
        _ => {
            let hex = body.strip_prefix("u{")?.strip_suffix('}')?;
            if hex.is_empty() || hex.len() > 6 {
                return None;
            }
            char::from_u32(u32::from_str_radix(hex, 16).ok()?)
        }
    }
}

/// The top-level map being assembled from items.
pub(super) struct Template<'d> {
    lower: Lowerer<'d>,
    /// The top-level keys in order; a section built from items holds a
    /// placeholder until `finish`.
    top: DictBuilder,
    /// The items of each section, with the span of the section's key (the
    /// keyword of its first item) and of all its items.
    sections: [Option<(DictBuilder, Span)>; 4],
    span: Option<Span>,
}

impl<'d> Template<'d> {
    pub(super) fn new(declared: &'d Declared) -> Self {
        Template {
            lower: Lowerer::new(0, declared),
            top: DictBuilder::default(),
            sections: [None, None, None, None],
            span: None,
        }
    }

    /// Lowers one top-level item.
    pub(super) fn item(&mut self, item: Item<'_>) {
        self.lower.base = item.base;
        let item_span = self.lower.span(&item.pair);
        self.span = Some(self.span.map_or(item_span, |s| s.cover(item_span)));
        let Some(inner) = first_child(item.pair) else {
            return;
        };
        let rule = inner.as_rule();
        match rule {
            Rule::version_item => {
                let keyword = Span::new(
                    item_span.start(),
                    item_span.start() + "heat_template_version".len(),
                );
                let key = Value::new(keyword, ValueKind::Str("heat_template_version".to_owned()));
                let value = match first_child(inner) {
                    Some(word) => Value::new(
                        self.lower.span(&word),
                        ValueKind::Str(word.as_str().to_owned()),
                    ),
                    None => Value::null(item_span),
                };
                self.whole(key, value);
            }
            Rule::entry => {
                let (key, value) = self.lower.entry(inner);
                self.whole(key, value);
            }
            Rule::param_item => self.definition(Section::Parameters, inner, item_span),
            Rule::resource_item => self.definition(Section::Resources, inner, item_span),
            Rule::output_item => self.definition(Section::Outputs, inner, item_span),
            Rule::condition_item => self.definition(Section::Conditions, inner, item_span),
            // The grammar puts nothing else in an item.
            _ => {}
        }
    }

    /// A top-level `KEY = VALUE` (or the version item).
    fn whole(&mut self, key: Value, value: Value) {
        if let Some(section) = key.as_str().and_then(Section::of_key)
            && let Some(Some((_, section_span))) = self.sections.get(section.index())
        {
            let first = *section_span;
            self.lower.whole_and_items(section.key(), first, key.span);
            return;
        }
        self.lower.insert(&mut self.top, key, value);
    }

    /// A `param`, `resource`, `output` or `condition` item.
    fn definition(&mut self, section: Section, pair: Pair<'_, Rule>, item_span: Span) {
        let keyword = Span::new(item_span.start(), item_span.start() + section.keyword_len());
        let mut parts = children(pair);
        let name = match parts.next() {
            Some(n) => self.lower.key(n),
            None => Value::null(keyword),
        };
        let body = match parts.next() {
            Some(b) => self.body(b),
            None => Value::null(item_span),
        };
        let slot = self.sections.get(section.index());
        if slot.is_some_and(Option::is_none) {
            if let Some(first) = self.top.key_span(section.key()) {
                self.lower.whole_and_items(section.key(), first, keyword);
                return;
            }
            let key = Value::new(keyword, ValueKind::Str(section.key().to_owned()));
            self.lower.insert(&mut self.top, key, Value::null(keyword));
            if let Some(slot) = self.sections.get_mut(section.index()) {
                *slot = Some((DictBuilder::default(), keyword));
            }
        }
        if let Some(Some((items, _))) = self.sections.get_mut(section.index()) {
            self.lower.insert(items, name, body);
        }
    }

    /// The part of a definition after its name.
    fn body(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.lower.span(&pair);
        let rule = pair.as_rule();
        match rule {
            Rule::generic | Rule::output_generic => match first_child(pair) {
                Some(v) => self.lower.value(v, false),
                None => Value::null(span),
            },
            Rule::param_short => self.param_short(pair),
            Rule::resource_short => self.resource_short(pair),
            Rule::output_short => self.output_short(pair),
            // The grammar puts nothing else after a name.
            _ => Value::null(span),
        }
    }

    /// `: TYPE [= DEFAULT] [{...}]` or `{...}`.
    fn param_short(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.lower.span(&pair);
        let mut dict = DictBuilder::default();
        for part in children(pair) {
            match part.as_rule() {
                Rule::type_name => self.type_entry(part, &mut dict),
                Rule::default => {
                    let eq = child_span(&part, Rule::eq, self.lower.base).unwrap_or(span);
                    let value = match first_child(part) {
                        Some(v) => self.lower.value(v, false),
                        None => Value::null(eq),
                    };
                    let key = Value::new(eq, ValueKind::Str("default".to_owned()));
                    self.lower.insert(&mut dict, key, value);
                }
                Rule::block => self.block_into(part, &mut dict),
                // The grammar puts nothing else in a parameter.
                _ => {}
            }
        }
        Value::new(span, ValueKind::Map(dict.into_pairs()))
    }

    /// `type: TYPE` from a short form's `: TYPE`.
    fn type_entry(&mut self, pair: Pair<'_, Rule>, dict: &mut DictBuilder) {
        let value = self.lower.key(pair);
        let key = Value::new(value.span, ValueKind::Str("type".to_owned()));
        self.lower.insert(dict, key, value);
    }

    fn block_into(&mut self, pair: Pair<'_, Rule>, dict: &mut DictBuilder) {
        for entry in children(pair) {
            self.lower.entry_into(entry, dict);
        }
    }

    /// `= VALUE [{...}]` of an output.
    fn output_short(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.lower.span(&pair);
        let eq = child_span(&pair, Rule::eq, self.lower.base).unwrap_or(span);
        let mut dict = DictBuilder::default();
        for part in children(pair) {
            match part.as_rule() {
                Rule::value => {
                    let value = self.lower.value(part, false);
                    let key = Value::new(eq, ValueKind::Str("value".to_owned()));
                    self.lower.insert(&mut dict, key, value);
                }
                Rule::block => self.block_into(part, &mut dict),
                // The grammar puts nothing else in an output.
                _ => {}
            }
        }
        Value::new(span, ValueKind::Map(dict.into_pairs()))
    }

    /// `: TYPE [{...}]` of a resource: `type`, then the block's `@` keys
    /// and `properties` (made at the first property line) in order.
    fn resource_short(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.lower.span(&pair);
        let mut dict = DictBuilder::default();
        // The properties so far, and the span of the `properties` key.
        let mut properties: Option<(DictBuilder, Span, Span)> = None;
        // The `@properties` key, once written.
        let mut whole_properties: Option<Span> = None;
        for part in children(pair) {
            match part.as_rule() {
                Rule::type_name => self.type_entry(part, &mut dict),
                Rule::resource_block => {
                    for entry in children(part) {
                        self.resource_entry(
                            entry,
                            &mut dict,
                            &mut properties,
                            &mut whole_properties,
                        );
                    }
                }
                // The grammar puts nothing else in a resource.
                _ => {}
            }
        }
        if let Some((props, _, props_span)) = properties
            && let Some(slot) = dict.get_mut("properties")
        {
            *slot = Value::new(props_span, ValueKind::Map(props.into_pairs()));
        }
        Value::new(span, ValueKind::Map(dict.into_pairs()))
    }

    fn resource_entry(
        &mut self,
        entry: Pair<'_, Rule>,
        dict: &mut DictBuilder,
        properties: &mut Option<(DictBuilder, Span, Span)>,
        whole_properties: &mut Option<Span>,
    ) {
        let entry_span = self.lower.span(&entry);
        let mut parts = children(entry);
        let Some(key_pair) = parts.next() else {
            return;
        };
        let is_attribute = key_pair.as_rule() == Rule::at_key;
        let key = self.lower.key(key_pair);
        let bare_names = is_attribute && key.as_str() == Some("depends_on");
        let value = match parts.next() {
            Some(v) => self.lower.value(v, bare_names),
            None => Value::null(entry_span),
        };
        if is_attribute {
            if key.as_str() == Some("properties") {
                if let Some((_, first, _)) = properties {
                    let first = *first;
                    self.lower.whole_and_items("properties", first, key.span);
                    return;
                }
                *whole_properties = Some(key.span);
            }
            self.lower.insert(dict, key, value);
            return;
        }
        if let Some(first) = *whole_properties {
            self.lower.whole_and_items("properties", first, key.span);
            return;
        }
        match properties {
            Some((props, _, props_span)) => {
                *props_span = props_span.cover(entry_span);
                self.lower.insert(props, key, value);
            }
            None => {
                let placeholder = Value::new(key.span, ValueKind::Str("properties".to_owned()));
                self.lower
                    .insert(dict, placeholder, Value::null(entry_span));
                let mut props = DictBuilder::default();
                let key_span = key.span;
                self.lower.insert(&mut props, key, value);
                *properties = Some((props, key_span, entry_span));
            }
        }
    }

    /// The top-level value (None when there were no items) and every error.
    pub(super) fn finish(mut self) -> (Option<Value>, Vec<SyntaxError>) {
        let Some(span) = self.span else {
            return (None, self.lower.errors);
        };
        for section in [
            Section::Parameters,
            Section::Resources,
            Section::Outputs,
            Section::Conditions,
        ] {
            if let Some((items, keyword)) = self
                .sections
                .get_mut(section.index())
                .and_then(Option::take)
                && let Some(slot) = self.top.get_mut(section.key())
            {
                let pairs = items.into_pairs();
                let end = pairs.last().map_or(keyword, |(_, v)| v.span);
                *slot = Value::new(keyword.cover(end), ValueKind::Map(pairs));
            }
        }
        let value = Value::new(span, ValueKind::Map(self.top.into_pairs()));
        (Some(value), self.lower.errors)
    }
}
