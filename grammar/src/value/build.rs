//! The value builder: PyYAML's Composer and SafeConstructor (as Heat's
//! loader configures them) over hotc's syntax tree.
//!
//! It runs in two passes, like PyYAML. The compose pass walks the document
//! in order and binds every alias to the node its anchor names, reporting
//! undefined aliases and duplicate anchors (PyYAML refuses a second `&name`
//! in one document; for recovery the alias then binds to the most recent
//! definition). The construct pass builds values, caching every anchored
//! node's value so that an alias is a copy of it; the copy's top value
//! carries the alias's span, everything inside it the spans of the anchored
//! definition.
//!
//! Guarantees: no panics; recursion only follows the tree's nesting and
//! stops at [`MAX_VALUE_DEPTH`] (an alias copy that would end deeper is
//! refused); alias copies produce at most [`MAX_ALIAS_NODES`] values in
//! total, which stops "billion laughs" inputs; an alias to a node still
//! being built is refused (PyYAML would build a self-referential object that
//! cannot be printed). Construction errors are reported with a null put in
//! place of the bad value, and building continues.
//!
//! Rules, as in PyYAML 6 SafeConstructor with Heat's str/timestamp override:
//! - an untagged plain scalar, or any scalar tagged with the non-specific
//!   `!` (PyYAML resolves those implicitly even when quoted), gets its YAML
//!   1.1 type from `yaml::resolve`; other untagged scalars are strings;
//! - explicit `!!str`/`!!timestamp` give strings, `!!int`/`!!float`/
//!   `!!bool`/`!!null` convert with Python's rules, `!!seq`/`!!map` need a
//!   node of that kind, `!!omap`/`!!pairs` give lists of `[key, value]`
//!   pairs; `!!set` and `!!binary` build Python types a template cannot
//!   hold and are refused; every other tag has no constructor;
//! - the implicit `<<` (merge) and `=` (value) types have no constructor
//!   either, so they are errors except as mapping keys: `<<: map` or
//!   `<<: [maps]` merges (merged pairs first, earlier maps in a list winning,
//!   own keys overriding), and `=` is the string "=";
//! - duplicate keys collapse as in a Python dict (see `key`), reported as
//!   `DuplicateKey` warnings between a mapping's own keys only (overriding a
//!   merged key is what merging is for);
//! - in the JSON flavor, plain scalars are JSON literals and numbers: an
//!   integer without fraction or exponent is an int, any other number a
//!   float, and `NaN`/`Infinity`/`-Infinity` floats.
//!
//! Integers beyond `i128` (Python has no limit) are kept as the string of
//! their text and reported as `IntegerTooLarge`.

use std::collections::HashMap;

use super::key::{DictBuilder, Inserted};
use super::{Value, ValueKind, decimal_number};
use crate::Flavor;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::span::Span;
use crate::yaml::resolve::{
    self, ImplicitTag, IntError, Resolved, construct_bool, construct_float, construct_int,
};
use crate::yaml::syntax::{Document, Mapping, Node, NodeKind, Scalar, ScalarStyle, Stream};

/// The deepest a value may sit in the tree (the root is at depth 0). The
/// parsers stop nesting at `yaml::MAX_DEPTH`; only alias copies placed deep
/// in a tree can go further, and this bounds them (Python itself fails
/// printing values nested about 1000 deep).
pub const MAX_VALUE_DEPTH: usize = 2 * crate::yaml::MAX_DEPTH;

/// The most values alias copies may produce in one document.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

const TAG_STR: &str = "tag:yaml.org,2002:str";
const TAG_TIMESTAMP: &str = "tag:yaml.org,2002:timestamp";
const TAG_NULL: &str = "tag:yaml.org,2002:null";
const TAG_BOOL: &str = "tag:yaml.org,2002:bool";
const TAG_INT: &str = "tag:yaml.org,2002:int";
const TAG_FLOAT: &str = "tag:yaml.org,2002:float";
const TAG_SEQ: &str = "tag:yaml.org,2002:seq";
const TAG_MAP: &str = "tag:yaml.org,2002:map";
const TAG_OMAP: &str = "tag:yaml.org,2002:omap";
const TAG_PAIRS: &str = "tag:yaml.org,2002:pairs";
const TAG_SET: &str = "tag:yaml.org,2002:set";
const TAG_BINARY: &str = "tag:yaml.org,2002:binary";
const TAG_MERGE: &str = "tag:yaml.org,2002:merge";
const TAG_VALUE: &str = "tag:yaml.org,2002:value";
/// The non-specific tag: PyYAML resolves such a node as if untagged.
const TAG_NON_SPECIFIC: &str = "!";

/// Builds the value of one document, as PyYAML's `construct_document`.
pub fn build(doc: &Document, flavor: Flavor) -> (Value, Vec<SyntaxError>) {
    let mut builder = Builder::new(flavor);
    if flavor == Flavor::Yaml {
        builder.compose(&doc.root, 0);
    }
    let value = builder.value(&doc.root, 0);
    (value, builder.errors)
}

/// What `yaml.load` returns for a whole stream: null for no document, the
/// document's value for one, and for more a `MultipleDocuments` error at the
/// second document (its `---` if it has one), still returning the first.
pub fn build_stream(stream: &Stream, flavor: Flavor) -> (Value, Vec<SyntaxError>) {
    let Some((first, rest)) = stream.documents.split_first() else {
        return (Value::null(Span::empty(0)), Vec::new());
    };
    let (value, mut errors) = build(first, flavor);
    if let Some(second) = rest.first() {
        errors.push(SyntaxError::new(
            SyntaxErrorKind::MultipleDocuments,
            second.start_marker.unwrap_or(second.span),
        ));
    }
    (value, errors)
}

/// An anchored node's value, kept for alias copies.
struct Cached {
    value: Value,
    /// Levels below the value itself (0 for a scalar).
    height: usize,
    /// Values in it, itself included.
    count: usize,
}

/// How a mapping key node acts, from its resolved tag.
enum KeyRole {
    Merge,
    /// The `=` value key, which PyYAML retags as a string.
    ValueKey,
    Plain,
}

struct Builder<'a> {
    flavor: Flavor,
    errors: Vec<SyntaxError>,
    /// Compose pass: anchor name to its current definition.
    anchors: HashMap<&'a str, &'a Node>,
    /// Compose pass result: alias node (by address) to its anchored node.
    targets: HashMap<usize, &'a Node>,
    /// Values of anchored nodes built so far, by node address.
    cache: HashMap<usize, Cached>,
    /// Anchored nodes under construction (ancestors of the current node).
    in_progress: Vec<usize>,
    /// Values produced by alias copies so far.
    expanded: usize,
    /// Set once the expansion cap is hit: later aliases become null silently.
    expansion_stopped: bool,
    /// Set once a too-deep value is reported, so one deep subtree does not
    /// produce thousands of identical errors.
    too_deep_reported: bool,
}

/// A node's identity for the caches: its address, stable while the tree
/// is borrowed.
fn addr(node: &Node) -> usize {
    std::ptr::from_ref(node).addr()
}

/// The node's explicit tag, ignoring the non-specific `!`.
fn explicit_tag(node: &Node) -> Option<&str> {
    node.tag
        .as_ref()
        .map(|t| t.resolved.as_str())
        .filter(|t| *t != TAG_NON_SPECIFIC)
}

impl<'a> Builder<'a> {
    fn new(flavor: Flavor) -> Self {
        Builder {
            flavor,
            errors: Vec::new(),
            anchors: HashMap::new(),
            targets: HashMap::new(),
            cache: HashMap::new(),
            in_progress: Vec::new(),
            expanded: 0,
            expansion_stopped: false,
            too_deep_reported: false,
        }
    }

    fn error(&mut self, kind: SyntaxErrorKind, span: Span) {
        self.errors.push(SyntaxError::new(kind, span));
    }

    /// The compose pass: binds aliases in document order.
    fn compose(&mut self, node: &'a Node, depth: usize) {
        if depth > MAX_VALUE_DEPTH {
            // The construct pass reports it.
            return;
        }
        if let NodeKind::Alias(alias) = &node.kind {
            match self.anchors.get(alias.name.as_str()) {
                Some(&target) => {
                    self.targets.insert(addr(node), target);
                }
                None => self.error(
                    SyntaxErrorKind::UndefinedAlias {
                        name: alias.name.clone(),
                    },
                    node.span,
                ),
            }
            return;
        }
        if let Some(anchor) = &node.anchor {
            // Registered before the children, as PyYAML does, so that an
            // alias inside the node refers to the node itself.
            if let Some(previous) = self.anchors.insert(&anchor.name, node) {
                let first = previous.anchor.as_ref().map_or(previous.span, |a| a.span);
                self.error(
                    SyntaxErrorKind::DuplicateAnchor {
                        name: anchor.name.clone(),
                        first,
                    },
                    anchor.span,
                );
            }
        }
        match &node.kind {
            NodeKind::Sequence(seq) => {
                for item in &seq.items {
                    self.compose(item, depth + 1);
                }
            }
            NodeKind::Mapping(map) => {
                for entry in &map.entries {
                    self.compose(&entry.key, depth + 1);
                    self.compose(&entry.value, depth + 1);
                }
            }
            NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
        }
    }

    /// The node an alias is bound to, or the node itself.
    fn target(&self, node: &'a Node) -> Option<&'a Node> {
        match node.kind {
            NodeKind::Alias(_) => self.targets.get(&addr(node)).copied(),
            _ => Some(node),
        }
    }

    fn too_deep(&mut self, span: Span) -> Value {
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.error(SyntaxErrorKind::TooDeep, span);
        }
        Value::null(span)
    }

    /// PyYAML's `construct_object`: the value of any node at `depth`.
    fn value(&mut self, node: &'a Node, depth: usize) -> Value {
        if let NodeKind::Alias(alias) = &node.kind {
            return self.alias(node, &alias.name, depth);
        }
        if depth > MAX_VALUE_DEPTH {
            return self.too_deep(node.span);
        }
        if node.anchor.is_none() {
            return self.construct(node, depth);
        }
        let key = addr(node);
        if let Some(cached) = self.cache.get(&key) {
            return cached.value.clone();
        }
        self.in_progress.push(key);
        let value = self.construct(node, depth);
        self.in_progress.pop();
        let (height, count) = measure(&value);
        self.cache.insert(
            key,
            Cached {
                value: value.clone(),
                height,
                count,
            },
        );
        value
    }

    /// A copy of the aliased node's value, with the alias's span on top.
    fn alias(&mut self, node: &'a Node, name: &str, depth: usize) -> Value {
        let Some(target) = self.targets.get(&addr(node)).copied() else {
            // Undefined: reported by the compose pass.
            return Value::null(node.span);
        };
        let key = addr(target);
        if self.in_progress.contains(&key) {
            self.error(
                SyntaxErrorKind::RecursiveAlias {
                    name: name.to_owned(),
                },
                node.span,
            );
            return Value::null(node.span);
        }
        if !self.cache.contains_key(&key) {
            // The definition was only used where PyYAML does not construct
            // it (a merge key or a merged mapping): construct it now.
            self.value(target, depth);
        }
        if self.expansion_stopped {
            return Value::null(node.span);
        }
        let Some(cached) = self.cache.get(&key) else {
            return Value::null(node.span);
        };
        if depth + cached.height > MAX_VALUE_DEPTH {
            return self.too_deep(node.span);
        }
        if self.expanded + cached.count > MAX_ALIAS_NODES {
            self.expansion_stopped = true;
            self.error(
                SyntaxErrorKind::AliasExpansionLimit {
                    limit: MAX_ALIAS_NODES,
                },
                node.span,
            );
            return Value::null(node.span);
        }
        self.expanded += cached.count;
        let mut value = cached.value.clone();
        value.span = node.span;
        value
    }

    /// Builds a non-alias node from its tag (explicit or resolved).
    fn construct(&mut self, node: &'a Node, depth: usize) -> Value {
        let span = node.span;
        let tag = explicit_tag(node);
        match (&node.kind, tag) {
            (NodeKind::Scalar(scalar), None) => self.implicit_scalar(node, scalar),
            (NodeKind::Sequence(seq), None | Some(TAG_SEQ)) => {
                let items = seq
                    .items
                    .iter()
                    .map(|item| self.value(item, depth + 1))
                    .collect();
                Value::new(span, ValueKind::Seq(items))
            }
            (NodeKind::Mapping(map), None | Some(TAG_MAP)) => self.mapping(node, map, depth),
            (_, Some(tag)) => self.tagged(node, tag, depth),
            (NodeKind::Alias(alias), None) => self.alias(node, &alias.name, depth),
        }
    }

    /// An untagged (or `!`-tagged) scalar.
    fn implicit_scalar(&mut self, node: &Node, scalar: &Scalar) -> Value {
        let span = node.span;
        let text = &scalar.value;
        let implicit = scalar.style == ScalarStyle::Plain || node.tag.is_some();
        if !implicit {
            return Value::new(span, ValueKind::Str(text.clone()));
        }
        if self.flavor == Flavor::Json {
            return self.json_scalar(span, text);
        }
        let kind = match resolve::resolve_plain(text) {
            Resolved::Null => ValueKind::Null,
            Resolved::Bool(b) => ValueKind::Bool(b),
            Resolved::Int(n) => ValueKind::Int(n),
            Resolved::Float(f) => ValueKind::Float(f),
            Resolved::Str => ValueKind::Str(text.clone()),
            Resolved::IntTooLarge => {
                self.error(SyntaxErrorKind::IntegerTooLarge, span);
                ValueKind::Str(text.clone())
            }
            Resolved::Invalid(tag) => return self.invalid(tag.tag_name(), span),
            Resolved::Merge => return self.no_constructor(TAG_MERGE, span),
            Resolved::Value => return self.no_constructor(TAG_VALUE, span),
        };
        Value::new(span, kind)
    }

    /// A JSON literal or number, as Python's json module reads it.
    fn json_scalar(&mut self, span: Span, text: &str) -> Value {
        let kind = match text {
            "true" => ValueKind::Bool(true),
            "false" => ValueKind::Bool(false),
            "null" => ValueKind::Null,
            "NaN" => ValueKind::Float(f64::NAN),
            "Infinity" => ValueKind::Float(f64::INFINITY),
            "-Infinity" => ValueKind::Float(f64::NEG_INFINITY),
            // The JSON parser only makes valid numbers, so `None` is an
            // overflow.
            _ => decimal_number(text).unwrap_or_else(|| {
                self.error(SyntaxErrorKind::IntegerTooLarge, span);
                ValueKind::Str(text.to_owned())
            }),
        };
        Value::new(span, kind)
    }

    fn no_constructor(&mut self, tag: &str, span: Span) -> Value {
        self.error(
            SyntaxErrorKind::UnknownTag {
                tag: tag.to_owned(),
            },
            span,
        );
        Value::null(span)
    }

    fn invalid(&mut self, tag: &str, span: Span) -> Value {
        self.error(
            SyntaxErrorKind::InvalidTaggedValue {
                tag: tag.to_owned(),
            },
            span,
        );
        Value::null(span)
    }

    /// A node with an explicit tag, by SafeConstructor's constructor table.
    fn tagged(&mut self, node: &'a Node, tag: &str, depth: usize) -> Value {
        let span = node.span;
        match tag {
            TAG_STR | TAG_TIMESTAMP => match self.scalar_text(node, depth) {
                Some(text) => Value::new(span, ValueKind::Str(text)),
                None => self.invalid(tag, span),
            },
            TAG_NULL => match self.scalar_text(node, depth) {
                Some(_) => Value::null(span),
                None => self.invalid(tag, span),
            },
            TAG_BOOL => match self
                .scalar_text(node, depth)
                .and_then(|t| construct_bool(&t))
            {
                Some(b) => Value::new(span, ValueKind::Bool(b)),
                None => self.invalid(tag, span),
            },
            TAG_INT => match self
                .scalar_text(node, depth)
                .map(|t| (construct_int(&t), t))
            {
                Some((Ok(n), _)) => Value::new(span, ValueKind::Int(n)),
                Some((Err(IntError::TooLarge), text)) => {
                    self.error(SyntaxErrorKind::IntegerTooLarge, span);
                    Value::new(span, ValueKind::Str(text))
                }
                Some((Err(IntError::Invalid), _)) | None => self.invalid(tag, span),
            },
            TAG_FLOAT => match self
                .scalar_text(node, depth)
                .and_then(|t| construct_float(&t))
            {
                Some(f) => Value::new(span, ValueKind::Float(f)),
                None => self.invalid(tag, span),
            },
            TAG_SEQ => match &node.kind {
                NodeKind::Sequence(_) => self.construct_untagged(node, depth),
                _ => self.invalid(tag, span),
            },
            TAG_MAP => match &node.kind {
                NodeKind::Mapping(map) => self.mapping(node, map, depth),
                _ => self.invalid(tag, span),
            },
            TAG_OMAP | TAG_PAIRS => self.pairs(node, tag, depth),
            TAG_SET | TAG_BINARY => {
                self.error(
                    SyntaxErrorKind::UnsupportedTag {
                        tag: tag.to_owned(),
                    },
                    span,
                );
                Value::null(span)
            }
            _ => self.no_constructor(tag, span),
        }
    }

    /// A sequence built as if it had no tag.
    fn construct_untagged(&mut self, node: &'a Node, depth: usize) -> Value {
        match &node.kind {
            NodeKind::Sequence(seq) => {
                let items = seq
                    .items
                    .iter()
                    .map(|item| self.value(item, depth + 1))
                    .collect();
                Value::new(node.span, ValueKind::Seq(items))
            }
            NodeKind::Mapping(map) => self.mapping(node, map, depth),
            NodeKind::Scalar(scalar) => self.implicit_scalar(node, scalar),
            NodeKind::Alias(alias) => self.alias(node, &alias.name, depth),
        }
    }

    /// SafeConstructor's `construct_scalar`: a scalar's text, or for a
    /// mapping the text of the value under its `=` key (a YAML 1.1 corner
    /// PyYAML keeps); `None` where PyYAML raises "expected a scalar node".
    fn scalar_text(&self, node: &'a Node, depth: usize) -> Option<String> {
        if depth > MAX_VALUE_DEPTH {
            return None;
        }
        match &self.target(node)?.kind {
            NodeKind::Scalar(scalar) => Some(scalar.value.clone()),
            NodeKind::Mapping(map) => {
                let entry = map
                    .entries
                    .iter()
                    .find(|e| matches!(self.key_role(&e.key), KeyRole::ValueKey))?;
                self.scalar_text(&entry.value, depth + 1)
            }
            NodeKind::Sequence(_) | NodeKind::Alias(_) => None,
        }
    }

    /// `!!omap` and `!!pairs`: a sequence of one-pair mappings, built as a
    /// list of `[key, value]` lists (Python's list of tuples, as json.dumps
    /// prints it). Keys need not be hashable or distinct.
    fn pairs(&mut self, node: &'a Node, tag: &str, depth: usize) -> Value {
        let NodeKind::Sequence(seq) = &node.kind else {
            return self.invalid(tag, node.span);
        };
        let mut out = Vec::with_capacity(seq.items.len());
        for item in &seq.items {
            let one = self.target(item).and_then(|t| match &t.kind {
                NodeKind::Mapping(map) => match map.entries.as_slice() {
                    [entry] => Some(entry),
                    _ => None,
                },
                _ => None,
            });
            let Some(entry) = one else {
                return self.invalid(tag, item.span);
            };
            let key = self.value(&entry.key, depth + 2);
            let value = self.value(&entry.value, depth + 2);
            out.push(Value::new(item.span, ValueKind::Seq(vec![key, value])));
        }
        Value::new(node.span, ValueKind::Seq(out))
    }

    /// How a key node acts in a mapping, from its resolved tag.
    fn key_role(&self, key: &'a Node) -> KeyRole {
        if self.flavor == Flavor::Json {
            return KeyRole::Plain;
        }
        let Some(key) = self.target(key) else {
            return KeyRole::Plain;
        };
        let tag = match (explicit_tag(key), &key.kind) {
            (Some(tag), _) => tag,
            // Only `<<` and `=` resolve to these tags; skip pest for the rest.
            (None, NodeKind::Scalar(scalar))
                if (scalar.style == ScalarStyle::Plain || key.tag.is_some())
                    && scalar.value.starts_with(['<', '=']) =>
            {
                match resolve::classify(&scalar.value) {
                    ImplicitTag::Merge => TAG_MERGE,
                    ImplicitTag::Value => TAG_VALUE,
                    _ => return KeyRole::Plain,
                }
            }
            _ => return KeyRole::Plain,
        };
        match tag {
            TAG_MERGE => KeyRole::Merge,
            TAG_VALUE => KeyRole::ValueKey,
            _ => KeyRole::Plain,
        }
    }

    /// SafeConstructor's `flatten_mapping` then `construct_mapping`.
    fn mapping(&mut self, node: &'a Node, map: &'a Mapping, depth: usize) -> Value {
        let mut merged: Vec<(Value, Value)> = Vec::new();
        // Own pairs, each with where an unhashable key is reported: like
        // PyYAML, at the key's node, which for an alias is the anchored node.
        let mut own: Vec<(Value, Value, Span)> = Vec::with_capacity(map.entries.len());
        for entry in &map.entries {
            let key_node_span = self.target(&entry.key).map_or(entry.key.span, |t| t.span);
            match self.key_role(&entry.key) {
                KeyRole::Merge => self.merge(&entry.value, &mut merged, depth),
                KeyRole::ValueKey => {
                    let key = self.tagged(&entry.key, TAG_STR, depth + 1);
                    let value = self.value(&entry.value, depth + 1);
                    own.push((key, value, key_node_span));
                }
                KeyRole::Plain => {
                    let key = self.value(&entry.key, depth + 1);
                    let value = self.value(&entry.value, depth + 1);
                    own.push((key, value, key_node_span));
                }
            }
        }
        let mut dict = DictBuilder::default();
        for (key, value) in merged {
            // Merged keys come from built mappings, so they are hashable.
            dict.insert(key, value, false);
        }
        for (key, value, key_node_span) in own {
            let key_span = key.span;
            match dict.insert(key, value, true) {
                Inserted::New
                | Inserted::Replaced {
                    first_marked: None, ..
                } => {}
                Inserted::Replaced {
                    key,
                    first_marked: Some(first),
                    ..
                } => self.error(
                    SyntaxErrorKind::DuplicateKey {
                        key: key.key_text(),
                        first,
                    },
                    key_span,
                ),
                Inserted::Unhashable => {
                    self.error(SyntaxErrorKind::UnhashableKey, key_node_span);
                }
            }
        }
        Value::new(node.span, ValueKind::Map(dict.into_pairs()))
    }

    /// Collects the pairs a `<<` value contributes: a mapping's own pairs,
    /// or for a list of mappings each one's pairs, the last mapping's first
    /// (so that earlier mappings win once inserted), as PyYAML orders them.
    /// A bad merge is reported where PyYAML reports it: at the offending
    /// node, which for an alias is the anchored node.
    fn merge(&mut self, value: &'a Node, merged: &mut Vec<(Value, Value)>, depth: usize) {
        let Some(target) = self.target(value) else {
            // An undefined alias, already reported.
            return;
        };
        match &target.kind {
            NodeKind::Mapping(_) => {
                let pairs = self.merge_source(value, depth);
                merged.extend(pairs);
            }
            NodeKind::Sequence(seq) => {
                let mut groups = Vec::with_capacity(seq.items.len());
                for item in &seq.items {
                    match self.target(item) {
                        Some(t) if matches!(t.kind, NodeKind::Mapping(_)) => {
                            groups.push(self.merge_source(item, depth + 1));
                        }
                        Some(t) => self.error(SyntaxErrorKind::InvalidMerge, t.span),
                        None => {}
                    }
                }
                for group in groups.into_iter().rev() {
                    merged.extend(group);
                }
            }
            NodeKind::Scalar(_) | NodeKind::Alias(_) => {
                self.error(SyntaxErrorKind::InvalidMerge, target.span);
            }
        }
    }

    /// The pairs of a mapping node merged into another. PyYAML takes the
    /// node's pairs without constructing the node itself, so an explicit
    /// tag on an inline merged mapping is ignored.
    fn merge_source(&mut self, node: &'a Node, depth: usize) -> Vec<(Value, Value)> {
        let built = match &node.kind {
            NodeKind::Mapping(map) if explicit_tag(node).is_some() => {
                self.mapping(node, map, depth + 1)
            }
            _ => self.value(node, depth + 1),
        };
        match built.kind {
            ValueKind::Map(pairs) => pairs,
            // Only after an error already reported for the merged node.
            _ => Vec::new(),
        }
    }
}

/// The height and value count of a value, without recursion.
fn measure(value: &Value) -> (usize, usize) {
    let mut height = 0;
    let mut count = 0;
    let mut stack = vec![(value, 0usize)];
    while let Some((v, level)) = stack.pop() {
        count += 1;
        height = height.max(level);
        match &v.kind {
            ValueKind::Seq(items) => stack.extend(items.iter().map(|i| (i, level + 1))),
            ValueKind::Map(pairs) => {
                for (k, val) in pairs {
                    stack.push((k, level + 1));
                    stack.push((val, level + 1));
                }
            }
            _ => {}
        }
    }
    (height, count)
}
