//! Prints a value tree as canonical `.heat` text (docs/dsl.md, "Printing"
//! and "Canonical layout").
//!
//! The guarantee, held by the corpus round trip and unit tests: lowering the
//! printed text with `dsl::parse` gives exactly the same value tree (types,
//! keys and key order), and printing that tree again gives the same text.
//! The printer writes the shortest form that holds the value: short items
//! for definitions that fit them, calls for one-key maps keyed by a HOT
//! function name, `param.P` and resource references where the arguments
//! allow, and the generic forms otherwise. Every comment of the `Attached`
//! set is written exactly once: before or after the line of the entry it is
//! attached to, or, for an entry the short forms fold away (a call's key, a
//! section key, a resource's `type`), with the nearest entry that keeps a
//! line of its own.
//!
//! Printing is two steps: the value becomes a small document tree (`Doc`)
//! whose groups are maps, lists and calls, and the tree is laid out, each
//! group on one line when it fits in 80 columns and holds no comment and no
//! block string.

use std::collections::HashSet;

use crate::comments::{Attached, Handout, Notes};
use crate::span::Span;
use crate::value::{Value, ValueKind, float_literal};

/// Every intrinsic function name of every HOT and CFN template version Heat
/// knows (heat/engine/hot/template.py and cfn/template.py, all versions):
/// a one-key mapping with one of these keys is printed as a call.
const FUNCTION_NAMES: &[&str] = &[
    "and",
    "contains",
    "digest",
    "equals",
    "filter",
    "get_attr",
    "get_file",
    "get_param",
    "get_resource",
    "if",
    "list_concat",
    "list_concat_unique",
    "list_join",
    "make_url",
    "map_merge",
    "map_replace",
    "not",
    "or",
    "repeat",
    "resource_facade",
    "str_replace",
    "str_replace_strict",
    "str_replace_vstrict",
    "str_split",
    "yaql",
    "Fn::And",
    "Fn::Base64",
    "Fn::Equals",
    "Fn::FindInMap",
    "Fn::GetAZs",
    "Fn::GetAtt",
    "Fn::If",
    "Fn::Join",
    "Fn::MemberListToMap",
    "Fn::Not",
    "Fn::Or",
    "Fn::Replace",
    "Fn::ResourceFacade",
    "Fn::Select",
    "Fn::Split",
    "Ref",
];

/// Whether `name` is an intrinsic function of some HOT or CFN version.
pub fn is_function_name(name: &str) -> bool {
    FUNCTION_NAMES.contains(&name)
}

/// Groups are kept on one line when the line stays within this width.
const WIDTH: usize = 80;

/// Words that read as literals, not names, where a value or key is expected.
const LITERALS: &[&str] = &["true", "false", "null"];

/// Top-level keywords: a top-level key spelt like one is written quoted.
const KEYWORDS: &[&str] = &["param", "resource", "output", "condition"];

/// Why a value cannot be printed as a `.heat` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintError {
    /// The top-level value is not a mapping: a `.heat` file is a template
    /// (or environment), which is a mapping. `found` is the value's type
    /// name (`Value::type_name`).
    NotAMapping { found: &'static str, span: Span },
    /// A list or mapping used as a key (Heat's loader cannot build one, and
    /// no `.heat` key can write one).
    CollectionKey { span: Span },
}

/// Prints `value` as a `.heat` file, with `comments` (attached to entries by
/// their start offsets in the source `value` came from) carried over.
pub fn print(value: &Value, comments: &Attached) -> Result<String, PrintError> {
    let ValueKind::Map(entries) = &value.kind else {
        return Err(PrintError::NotAMapping {
            found: value.type_name(),
            span: value.span,
        });
    };
    if let Some(span) = collection_key(value) {
        return Err(PrintError::CollectionKey { span });
    }
    let mut printer = Printer {
        comments: Handout::new(comments),
        sinks: Vec::new(),
        resources: HashSet::new(),
    };
    let items = printer.file(entries);
    Ok(printer.finish(&items))
}

/// A value as `.heat` text without comments: a whole file for a mapping,
/// and the value's expression for anything else (not a `.heat` file, but
/// what the value looks like in one). A list or mapping used as a key
/// (which no loader builds) is written as its expression, which does not
/// parse back.
pub fn printed(value: &Value) -> String {
    match print(value, &Attached::default()) {
        Ok(text) => text,
        Err(PrintError::NotAMapping { .. } | PrintError::CollectionKey { .. }) => {
            let comments = Attached::default();
            let mut printer = Printer {
                comments: Handout::new(&comments),
                sinks: vec![Notes::default()],
                resources: HashSet::new(),
            };
            let doc = printer.value(value, Ctx::NORMAL);
            let mut out = Out::default();
            out.doc(&doc, 0);
            out.text.push('\n');
            out.text
        }
    }
}

/// The span of the first list or mapping used as a key in `value`.
fn collection_key(value: &Value) -> Option<Span> {
    match &value.kind {
        ValueKind::Seq(items) => items.iter().find_map(collection_key),
        ValueKind::Map(entries) => entries.iter().find_map(|(k, v)| match &k.kind {
            ValueKind::Seq(_) | ValueKind::Map(_) => Some(k.span),
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => collection_key(v),
        }),
        ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Int(_)
        | ValueKind::Float(_)
        | ValueKind::Str(_) => None,
    }
}

/// A document: text laid out by `Out`.
#[derive(Debug)]
enum Doc {
    /// Text without line breaks.
    Text(String),
    Concat(Vec<Doc>),
    Group(Group),
    /// A block string: `"""` (or `'''` when raw), its lines, and the
    /// closing line (`"""-` when the string has no final line break).
    Block {
        raw: bool,
        lines: Vec<String>,
        chomp: bool,
    },
}

/// A bracketed run of items: a map, a list, a call's arguments or an item's
/// block.
#[derive(Debug)]
struct Group {
    open: String,
    close: &'static str,
    /// `{ a = 1 }` has spaces inside its braces on one line.
    pad: bool,
    /// Always one item per line (a resource's block).
    broken: bool,
    items: Vec<Item>,
}

/// One entry of a group, or one top-level item, with its comments.
#[derive(Debug)]
struct Item {
    notes: Notes,
    doc: Doc,
}

/// What a top-level item is, for the blank lines between items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Version,
    Entry,
    Param,
    Resource,
    Output,
    Condition,
}

/// How strings and references print where a value is written.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    /// `param.P` and resource references may be used.
    refs: bool,
    /// A string that is an identifier is written bare: the value of
    /// `@depends_on` and the items of its list.
    bare_names: bool,
    /// A bare resource name may be written for `get_resource`: not where
    /// a bare name is (or might be read as) a string.
    bare_refs: bool,
    /// Everything on one line: inside a reference's `[...]`, where no
    /// block string and no comment line can go.
    flat: bool,
}

impl Ctx {
    const NORMAL: Ctx = Ctx {
        refs: true,
        bare_names: false,
        bare_refs: true,
        flat: false,
    };

    /// The value of `@depends_on`, where a bare name (the whole value, or
    /// an item of the list that is the value) is a string rather than a
    /// reference.
    const DEPENDS_ON: Ctx = Ctx {
        refs: true,
        bare_names: true,
        bare_refs: false,
        flat: false,
    };

    /// The context of a value inside a call or map written in `self`.
    fn nested(self) -> Ctx {
        Ctx {
            bare_names: false,
            bare_refs: true,
            ..self
        }
    }

    /// The context of the items of a list that is an item of a list
    /// written in `self`. Under `@depends_on` a bare name there is a string
    /// to the front end, but a reference to docs/dsl.md; neither form is
    /// written there.
    fn inner_list(self) -> Ctx {
        Ctx {
            bare_names: false,
            ..self
        }
    }
}

struct Printer<'a> {
    comments: Handout<'a>,
    /// The comments of the entries being built, innermost last: comments of
    /// entries folded into a line go to the innermost one.
    sinks: Vec<Notes>,
    /// Resources declared by `resource` items that a bare name can refer to.
    resources: HashSet<String>,
}

impl Printer<'_> {
    /// Takes the comments attached to the entry at `offset`, once.
    fn take(&mut self, offset: u32) -> Notes {
        self.comments.take(offset)
    }

    /// Gives the comments of an entry with no line of its own to the entry
    /// being built.
    fn absorb(&mut self, offset: u32) {
        let notes = self.take(offset);
        if notes.is_empty() {
            return;
        }
        match self.sinks.last_mut() {
            Some(sink) => sink.merge(notes),
            None => self.sinks.push(notes),
        }
    }

    /// Builds an entry on a line of its own: its comments, and those of
    /// the entries folded into it. In a flat context it has no line of its
    /// own, and its comments go to the enclosing entry.
    fn item(
        &mut self,
        offset: Option<u32>,
        ctx: Ctx,
        build: impl FnOnce(&mut Self) -> Doc,
    ) -> Item {
        if ctx.flat {
            if let Some(offset) = offset {
                self.absorb(offset);
            }
            return Item {
                notes: Notes::default(),
                doc: build(self),
            };
        }
        let own = offset.map(|o| self.take(o)).unwrap_or_default();
        self.sinks.push(own);
        let doc = build(self);
        let notes = self.sinks.pop().unwrap_or_default();
        Item { notes, doc }
    }

    // ----- the file and its items -----

    fn file(&mut self, entries: &[(Value, Value)]) -> Vec<(Kind, Item)> {
        let template = entries
            .iter()
            .any(|(k, _)| k.as_str() == Some("heat_template_version"));
        // Declare the resources first: references may come before them.
        if let Some((_, defs)) = entries
            .iter()
            .find(|(k, _)| k.as_str() == Some("resources"))
            && let Some(defs) = item_section(defs)
        {
            for (name, _) in defs {
                if let Some(name) = name.as_str().filter(|n| referable(n)) {
                    self.resources.insert(name.to_owned());
                }
            }
        }
        let mut items = Vec::new();
        for (k, v) in entries {
            let section = match k.as_str() {
                Some("parameters") if template => Some(Kind::Param),
                Some("resources") => Some(Kind::Resource),
                Some("outputs") => Some(Kind::Output),
                Some("conditions") => Some(Kind::Condition),
                Some(_) | None => None,
            };
            match (section, item_section(v)) {
                (Some(kind), Some(defs)) => {
                    // The section key's comments go with its first item.
                    let mut carry = Some(self.take(k.span.start));
                    for (name, def) in defs {
                        let mut item = self.item(Some(name.span.start), Ctx::NORMAL, |p| {
                            p.definition(kind, name, def)
                        });
                        if let Some(mut notes) = carry.take() {
                            notes.merge(item.notes);
                            item.notes = notes;
                        }
                        items.push((kind, item));
                    }
                }
                (Some(_) | None, _) => {
                    let kind = match (k.as_str(), &v.kind) {
                        (Some("heat_template_version"), ValueKind::Str(s)) if version_word(s) => {
                            Kind::Version
                        }
                        (_, _) => Kind::Entry,
                    };
                    let item = self.item(Some(k.span.start), Ctx::NORMAL, |p| match kind {
                        Kind::Version => Doc::Text(format!(
                            "heat_template_version {}",
                            v.as_str().unwrap_or_default()
                        )),
                        Kind::Entry
                        | Kind::Param
                        | Kind::Resource
                        | Kind::Output
                        | Kind::Condition => {
                            let key = match k.as_str() {
                                Some(s) if KEYWORDS.contains(&s) => quote(s),
                                Some(_) | None => key_text(k),
                            };
                            Doc::Concat(vec![
                                Doc::Text(key),
                                Doc::Text(" = ".to_owned()),
                                p.value(v, Ctx::NORMAL),
                            ])
                        }
                    });
                    items.push((kind, item));
                }
            }
        }
        items
    }

    /// One definition as its item: the short form when it fits, the
    /// generic one otherwise.
    fn definition(&mut self, kind: Kind, name: &Value, def: &Value) -> Doc {
        let name = name_text(name);
        match kind {
            Kind::Param => self.param(name, def),
            Kind::Resource => self.resource(name, def),
            Kind::Output => self.output(name, def),
            Kind::Condition | Kind::Version | Kind::Entry => {
                self.generic(format!("condition {name} = "), def)
            }
        }
    }

    /// A definition written whole after `head` (`param NAME = `, ...): the
    /// generic form, which holds any value.
    fn generic(&mut self, head: String, def: &Value) -> Doc {
        Doc::Concat(vec![Doc::Text(head), self.value(def, Ctx::NORMAL)])
    }

    /// `param NAME: TYPE [= DEFAULT] [{ ... }]`, `param NAME { ... }` or the
    /// generic `param NAME = VALUE`.
    fn param(&mut self, name: String, def: &Value) -> Doc {
        let entries = match &def.kind {
            ValueKind::Map(entries) if !entries.is_empty() => entries.as_slice(),
            ValueKind::Map(_)
            | ValueKind::Seq(_)
            | ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => {
                return self.generic(format!("param {name} = "), def);
            }
        };
        let mut parts = vec![Doc::Text(format!("param {name}"))];
        let mut rest = entries;
        if let Some((k, t, tail)) = leading(rest, "type")
            && let Some(t) = t.as_str()
        {
            self.absorb(k.span.start);
            parts.push(Doc::Text(format!(": {}", type_text(t))));
            rest = tail;
            if let Some((k, d, tail)) = leading(rest, "default") {
                self.absorb(k.span.start);
                parts.push(Doc::Text(" = ".to_owned()));
                parts.push(self.value(d, Ctx::NORMAL));
                rest = tail;
            }
        }
        self.fields_block(&mut parts, rest);
        Doc::Concat(parts)
    }

    /// `resource NAME: TYPE [{ ... }]` or the generic `resource NAME = VALUE`.
    fn resource(&mut self, name: String, def: &Value) -> Doc {
        let typed = def
            .as_map()
            .and_then(|entries| leading(entries, "type"))
            .and_then(|(k, t, rest)| t.as_str().map(|t| (k, t, rest)));
        let Some((type_key, type_name, rest)) = typed else {
            return self.generic(format!("resource {name} = "), def);
        };
        self.absorb(type_key.span.start);
        let mut parts = vec![Doc::Text(format!(
            "resource {name}: {}",
            type_text(type_name)
        ))];
        if !rest.is_empty() {
            let mut items = Vec::new();
            let mut expanded = false;
            for (k, v) in rest {
                let properties = match (&v.kind, k.as_str()) {
                    (ValueKind::Map(props), Some("properties")) if !expanded => {
                        (!props.is_empty() && call(v).is_none()).then_some(props)
                    }
                    (_, _) => None,
                };
                if let Some(props) = properties {
                    expanded = true;
                    // The `properties` key is folded into its first line.
                    let mut first = true;
                    for (pk, pv) in props {
                        let mut item = self.entry(pk, pv, Ctx::NORMAL);
                        if first {
                            let mut notes = self.take(k.span.start);
                            notes.merge(item.notes);
                            item.notes = notes;
                            first = false;
                        }
                        items.push(item);
                    }
                } else {
                    let ctx = if k.as_str() == Some("depends_on") {
                        Ctx::DEPENDS_ON
                    } else {
                        Ctx::NORMAL
                    };
                    items.push(self.item(Some(k.span.start), ctx, |p| {
                        Doc::Concat(vec![
                            Doc::Text(format!("@{} = ", key_text(k))),
                            p.value(v, ctx),
                        ])
                    }));
                }
            }
            parts.push(Doc::Text(" ".to_owned()));
            parts.push(Doc::Group(block(items, true)));
        }
        Doc::Concat(parts)
    }

    /// `output NAME = VALUE [{ ... }]` or the generic `output NAME := VALUE`.
    fn output(&mut self, name: String, def: &Value) -> Doc {
        let valued = def.as_map().and_then(|entries| leading(entries, "value"));
        let Some((value_key, value, rest)) = valued else {
            return self.generic(format!("output {name} := "), def);
        };
        self.absorb(value_key.span.start);
        let mut parts = vec![
            Doc::Text(format!("output {name} = ")),
            self.value(value, Ctx::NORMAL),
        ];
        self.fields_block(&mut parts, rest);
        Doc::Concat(parts)
    }

    /// The fields a short form does not take, as its `{ ... }` block after
    /// `parts` (nothing when there are none).
    fn fields_block(&mut self, parts: &mut Vec<Doc>, rest: &[(Value, Value)]) {
        if !rest.is_empty() {
            parts.push(Doc::Text(" ".to_owned()));
            let items = rest
                .iter()
                .map(|(k, v)| self.entry(k, v, Ctx::NORMAL))
                .collect();
            parts.push(Doc::Group(block(items, false)));
        }
    }

    /// `KEY = VALUE` on a line of its own.
    fn entry(&mut self, k: &Value, v: &Value, ctx: Ctx) -> Item {
        self.item(Some(k.span.start), ctx, |p| {
            Doc::Concat(vec![
                Doc::Text(key_text(k)),
                Doc::Text(" = ".to_owned()),
                p.value(v, ctx),
            ])
        })
    }

    // ----- values -----

    fn value(&mut self, v: &Value, ctx: Ctx) -> Doc {
        match &v.kind {
            ValueKind::Null => Doc::Text("null".to_owned()),
            ValueKind::Bool(b) => Doc::Text(b.to_string()),
            ValueKind::Int(n) => Doc::Text(n.to_string()),
            ValueKind::Float(f) => Doc::Text(float_literal(*f)),
            ValueKind::Str(s) => self.string(s, ctx),
            ValueKind::Seq(items) if items.is_empty() => Doc::Text("[]".to_owned()),
            ValueKind::Map(entries) if entries.is_empty() => Doc::Text("{}".to_owned()),
            ValueKind::Seq(items) => {
                let items = items
                    .iter()
                    .map(|item| {
                        // Only the items of the outermost list keep bare names.
                        let inner = match item.kind {
                            ValueKind::Seq(_) => ctx.inner_list(),
                            ValueKind::Null
                            | ValueKind::Bool(_)
                            | ValueKind::Int(_)
                            | ValueKind::Float(_)
                            | ValueKind::Str(_)
                            | ValueKind::Map(_) => ctx,
                        };
                        self.item(Some(item.span.start), inner, |p| p.value(item, inner))
                    })
                    .collect();
                Doc::Group(Group {
                    open: "[".to_owned(),
                    close: "]",
                    pad: false,
                    broken: false,
                    items,
                })
            }
            ValueKind::Map(entries) => {
                if let Some((key, name, arg)) = call(v) {
                    if let Some(doc) = self.reference(key, name, arg, ctx) {
                        return doc;
                    }
                    if name == "str_replace"
                        && let Some(doc) = self.interpolation(key, arg, ctx)
                    {
                        return doc;
                    }
                    return self.call(key, name, arg, ctx.nested());
                }
                let inner = ctx.nested();
                let items = entries
                    .iter()
                    .map(|(k, v)| self.entry(k, v, inner))
                    .collect();
                Doc::Group(Group {
                    open: "{".to_owned(),
                    close: "}",
                    pad: true,
                    broken: false,
                    items,
                })
            }
        }
    }

    fn string(&mut self, s: &str, ctx: Ctx) -> Doc {
        if ctx.bare_names && ident(s) && !LITERALS.contains(&s) {
            return Doc::Text(s.to_owned());
        }
        if !ctx.flat
            && let Some(doc) = block_string(s)
        {
            return doc;
        }
        Doc::Text(quote(s))
    }

    /// `NAME(...)`: no argument for null, the items of a list of two or
    /// more, named arguments for a map, otherwise the one argument.
    fn call(&mut self, key: &Value, name: &str, arg: &Value, ctx: Ctx) -> Doc {
        self.absorb(key.span.start);
        let items = match &arg.kind {
            ValueKind::Null => return Doc::Text(format!("{name}()")),
            ValueKind::Seq(items) if items.len() >= 2 => items
                .iter()
                .map(|item| self.item(Some(item.span.start), ctx, |p| p.value(item, ctx)))
                .collect(),
            ValueKind::Map(entries) if !entries.is_empty() => {
                entries.iter().map(|(k, v)| self.entry(k, v, ctx)).collect()
            }
            ValueKind::Seq(_)
            | ValueKind::Map(_)
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => vec![self.item(None, ctx, |p| p.value(arg, ctx))],
        };
        Doc::Group(Group {
            open: format!("{name}("),
            close: ")",
            pad: false,
            broken: false,
            items,
        })
    }

    /// `param.P...`, `R` or `R.A...` for `get_param`, `get_resource` and
    /// `get_attr` calls whose arguments fit (docs/dsl.md): each part after
    /// the head is `.name` when it is an identifier, `[EXPR]` otherwise.
    fn reference(&mut self, key: &Value, name: &str, arg: &Value, ctx: Ctx) -> Option<Doc> {
        if !ctx.refs {
            return None;
        }
        let (head, path): (&str, &[Value]) = match (name, &arg.kind) {
            // One part is the name itself; more are a list.
            ("get_param", ValueKind::Seq(items)) if items.len() >= 2 => ("param", items),
            ("get_param", ValueKind::Seq(_)) => return None,
            (
                "get_param",
                ValueKind::Null
                | ValueKind::Bool(_)
                | ValueKind::Int(_)
                | ValueKind::Float(_)
                | ValueKind::Str(_)
                | ValueKind::Map(_),
            ) => ("param", std::slice::from_ref(arg)),
            // Where a bare name is a string, `R` cannot be a reference.
            ("get_resource", ValueKind::Str(r)) if self.resources.contains(r) && ctx.bare_refs => {
                (r.as_str(), &[][..])
            }
            ("get_attr", ValueKind::Seq(items)) => match items.as_slice() {
                [first, path @ ..] if !path.is_empty() => {
                    let r = first.as_str().filter(|r| self.resources.contains(*r))?;
                    (r, path)
                }
                _ => return None,
            },
            (_, _) => return None,
        };
        if !path.iter().all(one_line) {
            return None;
        }
        let mut text = head.to_owned();
        self.absorb(key.span.start);
        if let ValueKind::Seq(items) = &arg.kind {
            for item in items {
                self.absorb(item.span.start);
            }
        }
        for seg in path {
            match &seg.kind {
                ValueKind::Str(s) if ident(s) => {
                    text.push('.');
                    text.push_str(s);
                }
                ValueKind::Null
                | ValueKind::Bool(_)
                | ValueKind::Int(_)
                | ValueKind::Float(_)
                | ValueKind::Str(_)
                | ValueKind::Seq(_)
                | ValueKind::Map(_) => {
                    text.push('[');
                    text.push_str(&self.flat_value(seg));
                    text.push(']');
                }
            }
        }
        Some(Doc::Text(text))
    }

    /// A value on one line (for `[EXPR]` and `${EXPR}`); the comments of its
    /// entries go to the entry being built. The value holds no multi-line
    /// string (`one_line`).
    fn flat_value(&mut self, v: &Value) -> String {
        let flat = Ctx {
            refs: true,
            bare_names: false,
            bare_refs: true,
            flat: true,
        };
        let doc = self.value(v, flat);
        let mut out = Out::default();
        // In a flat context nothing can refuse to be flat.
        let _ = out.flat(&doc, usize::MAX);
        out.text
    }

    /// `"...${EXPR}..."` for a `str_replace` that an interpolated string
    /// lowers to: `template` and `params` in that order, and placeholders
    /// named and ordered exactly as the lowering generates them
    /// (`__hotc_N__`, skipping numbers the text holds).
    fn interpolation(&mut self, key: &Value, arg: &Value, ctx: Ctx) -> Option<Doc> {
        let [(template_key, template), (params_key, params)] = arg.as_map()? else {
            return None;
        };
        if template_key.as_str() != Some("template") || params_key.as_str() != Some("params") {
            return None;
        }
        let template = template.as_str()?;
        let params = params.as_map()?;
        if params.is_empty() || !params.iter().all(|(_, v)| one_line(v)) {
            return None;
        }
        // The literal pieces between the placeholders, in order.
        let mut pieces = Vec::with_capacity(params.len() + 1);
        let mut rest = template;
        for (k, _) in params {
            let k = k.as_str()?;
            let at = rest.find(k)?;
            let (before, after) = rest.split_at(at);
            pieces.push(before);
            rest = after.strip_prefix(k)?;
        }
        let literal: String = pieces.concat() + rest;
        let mut next = 0usize;
        for (k, _) in params {
            let mut placeholder = format!("__hotc_{next}__");
            while literal.contains(&placeholder) {
                next += 1;
                placeholder = format!("__hotc_{next}__");
            }
            next += 1;
            if k.as_str() != Some(placeholder.as_str()) {
                return None;
            }
        }
        for offset in [
            key.span.start,
            template_key.span.start,
            params_key.span.start,
        ] {
            self.absorb(offset);
        }
        let mut segments = Vec::with_capacity(pieces.len() * 2 + 1);
        for (piece, (k, v)) in pieces.iter().zip(params) {
            self.absorb(k.span.start);
            segments.push(Segment::Text(piece));
            segments.push(Segment::Expr(self.flat_value(v)));
        }
        let block = if ctx.flat { None } else { block_body(template) };
        match block {
            Some((_, chomp)) => {
                // The block's closing line stands for the final line break.
                let last = if chomp {
                    rest
                } else {
                    rest.strip_suffix('\n').unwrap_or(rest)
                };
                segments.push(Segment::Text(last));
                Some(Doc::Block {
                    raw: false,
                    lines: block_lines(&segments),
                    chomp,
                })
            }
            None => {
                segments.push(Segment::Text(rest));
                let mut out = String::from("\"");
                for (i, seg) in segments.iter().enumerate() {
                    match seg {
                        Segment::Text(t) => {
                            let before_expr = matches!(segments.get(i + 1), Some(Segment::Expr(_)));
                            push_text(&mut out, t, before_expr, true);
                        }
                        Segment::Expr(e) => {
                            out.push_str("${");
                            out.push_str(e);
                            out.push('}');
                        }
                    }
                }
                out.push('"');
                Some(Doc::Text(out))
            }
        }
    }

    // ----- layout -----

    /// Lays out the top-level items with their comments, and the comments
    /// that belong to no printed entry at the end.
    fn finish(&mut self, items: &[(Kind, Item)]) -> String {
        let mut out = Out::default();
        let mut prev: Option<(Kind, bool)> = None;
        for (kind, item) in items {
            let text = Out::item_text(item, 0);
            let multi = text.contains('\n');
            if let Some((prev_kind, prev_multi)) = prev
                && (prev_kind != *kind || prev_multi || multi)
            {
                out.text.push('\n');
            }
            out.text.push_str(&text);
            out.text.push('\n');
            prev = Some((*kind, multi));
        }
        let sunk: Vec<String> = self.sinks.drain(..).flat_map(notes_lines).collect();
        self.comments.write_rest(sunk, &mut out.text);
        out.text
    }
}

/// A key, its value, and the entries after them.
type Leading<'v> = (&'v Value, &'v Value, &'v [(Value, Value)]);

/// The first of `entries` when its key is the string `key`: that key, its
/// value, and the entries after it (a short form's leading field).
fn leading<'v>(entries: &'v [(Value, Value)], key: &str) -> Option<Leading<'v>> {
    match entries {
        [(k, v), rest @ ..] if k.as_str() == Some(key) => Some((k, v, rest)),
        [] | [_, ..] => None,
    }
}

fn notes_lines(notes: Notes) -> Vec<String> {
    let mut lines = notes.before;
    lines.extend(notes.trailing);
    lines
}

/// The block of a top-level item: on the item's line when it fits, like a
/// map, except a resource's (`spread`), which has one line per entry.
fn block(items: Vec<Item>, spread: bool) -> Group {
    Group {
        open: "{".to_owned(),
        close: "}",
        pad: true,
        broken: spread,
        items,
    }
}

/// The definitions of a section written as items: a non-empty mapping with
/// string names.
fn item_section(v: &Value) -> Option<&[(Value, Value)]> {
    match &v.kind {
        ValueKind::Map(entries)
            if !entries.is_empty() && entries.iter().all(|(k, _)| k.as_str().is_some()) =>
        {
            Some(entries)
        }
        ValueKind::Map(_)
        | ValueKind::Seq(_)
        | ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Int(_)
        | ValueKind::Float(_)
        | ValueKind::Str(_) => None,
    }
}

/// A one-key mapping keyed by a function name: the key, the name and the
/// argument.
fn call(v: &Value) -> Option<(&Value, &str, &Value)> {
    match &v.kind {
        ValueKind::Map(entries) => match entries.as_slice() {
            [(k, arg)] => k
                .as_str()
                .filter(|name| is_function_name(name))
                .map(|name| (k, name, arg)),
            _ => None,
        },
        ValueKind::Seq(_)
        | ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Int(_)
        | ValueKind::Float(_)
        | ValueKind::Str(_) => None,
    }
}

/// Whether a value can be written on one line: it holds no multi-line
/// string, which would be a block.
fn one_line(v: &Value) -> bool {
    match &v.kind {
        ValueKind::Str(s) => block_body(s).is_none(),
        ValueKind::Seq(items) => items.iter().all(one_line),
        ValueKind::Map(entries) => entries.iter().all(|(k, v)| one_line(k) && one_line(v)),
        ValueKind::Null | ValueKind::Bool(_) | ValueKind::Int(_) | ValueKind::Float(_) => true,
    }
}

/// `[A-Za-z_][A-Za-z0-9_-]*`.
fn ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A name a bare identifier can refer to: an identifier that is not a
/// literal and not `param`.
fn referable(s: &str) -> bool {
    ident(s) && !LITERALS.contains(&s) && s != "param"
}

/// A version written bare: `[A-Za-z0-9._-]+`.
fn version_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A type name written bare: an identifier with `::` parts.
fn type_word(s: &str) -> bool {
    let mut parts = s.split("::");
    parts.next().is_some_and(ident)
        && parts.all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
        && !LITERALS.contains(&s)
}

fn type_text(t: &str) -> String {
    if type_word(t) { t.to_owned() } else { quote(t) }
}

/// The name of a definition: an identifier, or a string.
fn name_text(name: &Value) -> String {
    match name.as_str() {
        Some(s) if ident(s) => s.to_owned(),
        Some(_) | None => key_text(name),
    }
}

/// A key: an identifier or string for string keys, a literal otherwise.
fn key_text(k: &Value) -> String {
    match &k.kind {
        ValueKind::Str(s) if ident(s) && !LITERALS.contains(&s.as_str()) => s.clone(),
        ValueKind::Str(s) => quote(s),
        ValueKind::Null => "null".to_owned(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Int(n) => n.to_string(),
        ValueKind::Float(f) => float_literal(*f),
        // `print` refuses these before printing; `printed` writes them as
        // they look, knowing they cannot be read back.
        ValueKind::Seq(_) | ValueKind::Map(_) => printed(k).trim_end().to_owned(),
    }
}

/// A piece of a string's text: literal text, or the text of an expression
/// written inside `${...}`.
enum Segment<'t> {
    Text(&'t str),
    Expr(String),
}

/// Writes literal text into a string, escaped. A `$` before `{` is doubled
/// (`$${` reads back as `${`), and one just before an interpolation is
/// written `\$`; `quote` says whether `"` needs escaping (in `"..."`).
fn push_text(out: &mut String, text: &str, before_expr: bool, quote: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if quote => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '$' if next == Some('{') => out.push_str("$$"),
            '$' if next.is_none() && before_expr => out.push_str("\\$"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
}

/// Characters written as `\u{...}`: controls, and those that editors hide.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// A one-line string: `"..."` with escapes.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    push_text(&mut out, s, false, true);
    out.push('"');
    out
}

/// The text of a multi-line string without its final line break, and
/// whether it lacks one (`"""-`); `None` for a string of one line (a final
/// line break alone does not make a block) or of blank lines only.
fn block_body(s: &str) -> Option<(&str, bool)> {
    let (body, chomp) = match s.strip_suffix('\n') {
        Some(body) => (body, false),
        None => (s, true),
    };
    (body.contains('\n') && !body.trim().is_empty()).then_some((body, chomp))
}

/// A multi-line string as a block: `'''` (raw) when it holds `${` and a raw
/// block can hold it exactly, `"""` otherwise.
fn block_string(s: &str) -> Option<Doc> {
    let (body, chomp) = block_body(s)?;
    let raw = s.contains("${")
        && body.split('\n').all(|l| {
            !l.trim_start().starts_with("'''")
                && !l.trim_start_matches(' ').starts_with('\t')
                && !l.chars().any(|c| c != '\t' && needs_escape(c))
        });
    let lines = if raw {
        body.split('\n').map(str::to_owned).collect()
    } else {
        block_lines(&[Segment::Text(body)])
    };
    Some(Doc::Block { raw, lines, chomp })
}

/// The escaped lines of a `"""` block. Besides the escapes of `"..."` (but
/// that of `"`), TABs in a line's indentation (the closing line's
/// indentation is compared with it) and a `"""` that would close the block
/// are escaped.
fn block_lines(segments: &[Segment<'_>]) -> Vec<String> {
    let mut lines = vec![String::new()];
    // Whether the current line has no text yet (only indentation).
    let mut line_start = true;
    for (i, seg) in segments.iter().enumerate() {
        let text = match seg {
            Segment::Expr(e) => {
                if let Some(line) = lines.last_mut() {
                    line.push_str("${");
                    line.push_str(e);
                    line.push('}');
                }
                line_start = false;
                continue;
            }
            Segment::Text(t) => *t,
        };
        let before_expr = matches!(segments.get(i + 1), Some(Segment::Expr(_)));
        let mut parts = text.split('\n').peekable();
        while let Some(part) = parts.next() {
            let last = parts.peek().is_none();
            let Some(line) = lines.last_mut() else { break };
            let mut rest = part;
            if line_start {
                let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                let (lead, tail) = rest.split_at(indent);
                line.push_str(&lead.replace('\t', "\\t"));
                rest = match tail.strip_prefix("\"\"\"") {
                    Some(after) => {
                        line.push_str("\\\"\"\"");
                        after
                    }
                    None => tail,
                };
                if !rest.is_empty() || !lead.is_empty() {
                    line_start = false;
                }
            }
            push_text(line, rest, last && before_expr, false);
            if !rest.is_empty() {
                line_start = false;
            }
            if !last {
                lines.push(String::new());
                line_start = true;
            }
        }
    }
    lines
}

/// Laid-out text, the column it has reached, and the comment that ends the
/// current line.
///
/// A comment at the end of a line attaches, when the text is read back, to
/// the last entry that starts on that line (`comments::attach`). So a
/// group stays on one line only if its entries have no comment lines and
/// no entry starts after one that has a trailing comment (the line's item
/// counts, with the entries folded into it).
#[derive(Default)]
struct Out {
    text: String,
    col: usize,
    /// The trailing comment of the current line, written at its end.
    pending: Option<String>,
}

impl Out {
    fn push(&mut self, s: &str) {
        match s.rfind('\n') {
            Some(i) => self.col = s.len() - i - 1,
            None => self.col += s.chars().count(),
        }
        self.text.push_str(s);
    }

    /// Ends the line with its trailing comment, if any.
    fn end_line(&mut self) {
        if let Some(c) = self.pending.take() {
            self.text.push_str(" #");
            self.text.push_str(&c);
        }
    }

    fn newline(&mut self, indent: usize) {
        self.end_line();
        self.text.push('\n');
        self.text.extend(std::iter::repeat_n(' ', indent));
        self.col = indent;
    }

    /// Lays out `doc` at the current position; `indent` is the indentation
    /// of the current line.
    fn doc(&mut self, doc: &Doc, indent: usize) {
        match doc {
            Doc::Text(t) => self.push(t),
            Doc::Concat(parts) => {
                for part in parts {
                    self.doc(part, indent);
                }
            }
            Doc::Block { raw, lines, chomp } => {
                let quotes = if *raw { "'''" } else { "\"\"\"" };
                self.push(quotes);
                // The lines are string text: no comment goes after them.
                for line in lines {
                    self.text.push('\n');
                    self.col = 0;
                    if !line.is_empty() {
                        self.text.extend(std::iter::repeat_n(' ', indent + 2));
                        self.push(line);
                    }
                }
                self.text.push('\n');
                self.text.extend(std::iter::repeat_n(' ', indent + 2));
                self.col = indent + 2;
                self.push(quotes);
                if *chomp {
                    self.push("-");
                }
            }
            Doc::Group(group) => self.group(group, indent),
        }
    }

    fn group(&mut self, group: &Group, indent: usize) {
        if !group.broken {
            let mut flat = Out {
                text: String::new(),
                col: 0,
                pending: self.pending.clone(),
            };
            let budget = WIDTH.saturating_sub(self.col);
            if flat.flat_group(group, budget) {
                self.push(&flat.text);
                self.pending = flat.pending;
                return;
            }
        }
        self.push(&group.open);
        if group.items.is_empty() {
            self.push(group.close);
            return;
        }
        for item in &group.items {
            let text = Out::item_text(item, indent + 2);
            self.newline(indent + 2);
            self.push(&text);
        }
        self.newline(indent);
        self.push(group.close);
    }

    /// An item's text at `indent` (from its comment lines to its last
    /// line, without the indentation of its first line), with its trailing
    /// comment at the end of its first line.
    fn item_text(item: &Item, indent: usize) -> String {
        let mut before = item.notes.before.clone();
        let mut trailing = item.notes.trailing.clone();
        // Nothing may follow the `"""` that opens a block string: the
        // comment goes on a line before.
        if opens_block(&item.doc)
            && let Some(t) = trailing.take()
        {
            before.push(t);
        }
        let mut body = Out {
            text: String::new(),
            col: indent,
            pending: trailing,
        };
        body.doc(&item.doc, indent);
        body.end_line();
        let mut text = String::new();
        for c in &before {
            text.push('#');
            text.push_str(c);
            text.push('\n');
            text.extend(std::iter::repeat_n(' ', indent));
        }
        text.push_str(&body.text);
        text
    }

    /// Writes `doc` on one line; false when it holds a block string or a
    /// comment line, an entry after one with a trailing comment, or passes
    /// `budget` columns.
    fn flat(&mut self, doc: &Doc, budget: usize) -> bool {
        match doc {
            Doc::Text(t) => self.push(t),
            Doc::Concat(parts) => {
                for part in parts {
                    if !self.flat(part, budget) {
                        return false;
                    }
                }
            }
            Doc::Block { .. } => return false,
            Doc::Group(group) => {
                if group.broken || !self.flat_group(group, budget) {
                    return false;
                }
            }
        }
        self.col <= budget
    }

    fn flat_group(&mut self, group: &Group, budget: usize) -> bool {
        self.push(&group.open);
        if group.pad && !group.items.is_empty() {
            self.push(" ");
        }
        for (i, item) in group.items.iter().enumerate() {
            // The comment pending would read back as this entry's.
            if !item.notes.before.is_empty() || self.pending.is_some() {
                return false;
            }
            self.pending.clone_from(&item.notes.trailing);
            if i > 0 {
                self.push(", ");
            }
            if !self.flat(&item.doc, budget) {
                return false;
            }
        }
        if group.pad && !group.items.is_empty() {
            self.push(" ");
        }
        self.push(group.close);
        self.col <= budget
    }
}

/// Whether the first line of `doc` ends by opening a block string.
fn opens_block(doc: &Doc) -> bool {
    /// What ends the first line: a block string (`Some(true)`), a group's
    /// bracket (`Some(false)`: a group that holds a block is never on one
    /// line), or nothing yet (`None`).
    fn first_line(doc: &Doc) -> Option<bool> {
        match doc {
            Doc::Text(_) => None,
            Doc::Block { .. } => Some(true),
            Doc::Group(_) => Some(false),
            Doc::Concat(parts) => parts.iter().find_map(first_line),
        }
    }
    first_line(doc) == Some(true)
}

#[cfg(test)]
mod tests;
