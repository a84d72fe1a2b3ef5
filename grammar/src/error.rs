//! Syntax errors as typed data: a kind and a span. Messages, codes and help
//! are rendered in one place, in compiler/src/diagnostics.

use crate::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
}

impl SyntaxError {
    pub fn new(kind: SyntaxErrorKind, span: Span) -> Self {
        SyntaxError { kind, span }
    }
}

/// What went wrong. Every variant is something Heat's loader rejects, except
/// where a variant says otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum SyntaxErrorKind {
    /// A TAB in indentation. `replacement` is the run of spaces that the
    /// whole-file fix (see `yaml::tabs`) puts in its place.
    TabIndent { replacement: String },
    /// A TAB where a token would start, outside indentation (`key:\tvalue`).
    TabSeparator,
    /// A character that cannot start any token.
    UnexpectedChar { found: char },
    /// A character YAML does not allow in a stream at all (control characters).
    NonPrintable { found: char },
    /// `key: value: more` or a `:` after a multi-line key.
    MappingValueNotAllowed,
    /// `- item` where a sequence entry cannot start.
    SequenceEntryNotAllowed,
    /// `? key` where a complex key cannot start.
    ComplexKeyNotAllowed,
    /// A simple key (one line, at most 1024 characters) without its `:`.
    ExpectedColon,
    /// A token where the grammar wanted something else.
    Unexpected {
        expected: &'static str,
        found: &'static str,
    },
    /// A `[` or `{` that is never closed: the span is where the closing
    /// bracket was expected (the end of the text), `open` the opening one.
    UnclosedFlow { close: char, open: Span },
    /// A quoted scalar that reaches the end of the text: the span is the end,
    /// `open` the opening quote.
    UnterminatedQuoted { open: Span },
    /// An unknown `\` escape in a double-quoted scalar.
    InvalidEscape { found: String },
    /// A bad block scalar header (`|`/`>` with junk after the indicators).
    InvalidBlockHeader,
    /// A block scalar's explicit indentation digit was 0.
    ZeroIndentIndicator,
    /// A document marker (`---`/`...`) inside a quoted scalar.
    DocumentMarkerInScalar,
    /// An anchor or alias with no name.
    EmptyAnchorName,
    /// An anchor or alias name with a character names cannot have.
    InvalidAnchorChar { found: char },
    /// A bad tag (`!<` not closed, unknown handle).
    InvalidTag,
    /// A `%` directive that is malformed.
    InvalidDirective,
    /// A `%TAG` handle used but never declared.
    UndeclaredTagHandle { handle: String },
    /// Nesting deeper than `yaml::MAX_DEPTH`.
    TooDeep,
    /// More than one document: Heat loads exactly one.
    MultipleDocuments,
    /// `*name` with no earlier `&name`.
    UndefinedAlias { name: String },
    /// Aliases expand to more nodes than the cap allows (a "billion laughs").
    AliasExpansionLimit { limit: usize },
    /// An alias that refers to a node containing itself.
    RecursiveAlias { name: String },
    /// A tag SafeLoader has no constructor for (`!Ref`, `!!python/...`).
    UnknownTag { tag: String },
    /// A value that its explicit tag cannot construct (`!!int abc`), or
    /// that its implicit tag cannot (`0x_` resolves as an int, but Python's
    /// `int("", 16)` fails).
    InvalidTaggedValue { tag: String },
    /// A tag SafeLoader constructs into a Python type no template value can
    /// be (`!!set` makes a set, `!!binary` bytes). Heat's loader accepts it;
    /// hotc cannot represent the value and puts a null in its place.
    UnsupportedTag { tag: String },
    /// An integer beyond the range of `i128`. Heat's loader accepts it
    /// (Python integers are unbounded); hotc keeps the text as a string.
    IntegerTooLarge,
    /// A second `&name` for an anchor already defined in the document.
    /// `first` is the earlier anchor.
    DuplicateAnchor { name: String, first: Span },
    /// A mapping or sequence used as a mapping key.
    UnhashableKey,
    /// `<<` whose value is not a mapping or a list of mappings.
    InvalidMerge,
    /// A key that appears twice in one mapping. Heat accepts this (last one
    /// wins), so it renders as a warning. `first` is the earlier key.
    DuplicateKey { key: String, first: Span },
    /// A JSON document that is not valid JSON (only used when JSON is asked
    /// for explicitly; `crate::parse` falls back to YAML as Heat does).
    Json { message: String },
    /// `.heat`: text the grammar cannot read. `expected` names what could
    /// stand here (`` `=` ``, "a value"), `found` says what does (`` `foo` ``,
    /// "end of line"); the span is the offending token, or empty at a line
    /// or file end.
    DslExpected {
        expected: Vec<&'static str>,
        found: String,
    },
    /// `.heat`: a string without its closing quote, which a one-line string
    /// needs before its line ends and a block string (`"""`, `'''`) before
    /// the text ends. The span is empty where the quote was expected;
    /// `open` is the opening quote.
    DslUnterminatedString { open: Span },
    /// `.heat`: a `[`, `{`, `(` or `${` that is never closed. The span is
    /// empty where `close` was expected; `open` is the opening bracket.
    DslUnclosed { close: char, open: Span },
    /// `.heat`: an unknown `\` escape in a double-quoted string (`found` is
    /// the escape as written, `\q`), or a `\u{...}` that is no character.
    DslInvalidEscape { found: String },
    /// `.heat`: a line of a block string indented less than the closing
    /// `"""` line, whose indentation every line must start with. The span
    /// is the line's indentation; `closing` the closing line's.
    DslBlockIndentation { closing: Span },
    /// `.heat`: a bare name that is neither `param`, a resource declared in
    /// the file, nor a call. `candidates` are the declared resources' names
    /// (and `param`) it may be a typo of; `parameter` says a parameter has
    /// exactly this name (so `param.NAME` was probably meant).
    DslUnknownName {
        name: String,
        candidates: Vec<String>,
        parameter: bool,
    },
    /// `.heat`: `param` without `.NAME` after it (and no resource is named
    /// `param`).
    DslBareParam,
    /// `.heat`: a key written both as a whole and item by item: a section
    /// (`parameters = {...}` and `param` items) or a resource's properties
    /// (`@properties = ...` and property lines). The span is the later of
    /// the two, which is dropped; `first` is the earlier.
    DslWholeAndItems { key: String, first: Span },
}

impl SyntaxErrorKind {
    /// True for findings that Heat's loader accepts.
    pub fn is_warning(&self) -> bool {
        matches!(self, SyntaxErrorKind::DuplicateKey { .. })
    }
}
