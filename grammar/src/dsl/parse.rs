//! The `.heat` front end: `parse` lowers `.heat` text to the HOT value
//! tree docs/dsl.md defines, spanned in the `.heat` text, with every syntax
//! error and the span of every comment. It never fails and never panics.
//!
//! Steps: a lexical scan (`scan.rs`) finds comments, checks nesting depth
//! and marks where top-level items may start; pest parses the whole file
//! with `dsl.pest`; `lower.rs` turns the items into values. When pest
//! rejects the file, the text is cut at the scan's item starts and each
//! piece is parsed on its own: a piece that fails gives one error and is
//! skipped, the others are lowered as usual, so one mistake does not hide
//! the rest of the file (nor the findings about it). pest's errors are
//! turned into `SyntaxErrorKind` values here, with readable names for what
//! was expected; pest's own types stay inside this crate.

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};

use super::grammar::{DslParser, Rule};
use super::lower::{Declared, Item, Template, declare};
use super::scan::{Scan, scan};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::span::Span;
use crate::value::Value;

/// A parsed `.heat` source: the template's value tree (None when the text
/// holds no item that could be read), every syntax error (sorted by
/// position), and the span of every `#` comment, from `#` to the end of its
/// line, for `comments::attach`.
#[derive(Debug, Clone)]
pub struct DslParsed {
    pub value: Option<Value>,
    pub errors: Vec<SyntaxError>,
    pub comments: Vec<Span>,
}

/// Lowers `.heat` text to a value tree. Never panics.
pub fn parse(src: &str) -> DslParsed {
    let scanned = scan(src);
    let mut errors = Vec::new();
    let mut items = Vec::new();
    let whole = match scanned.too_deep {
        // Too deep for pest: go straight to the pieces, where the deep one
        // is skipped.
        Some(_) => None,
        None => DslParser::parse(Rule::file, src).ok(),
    };
    let mut declared = Declared::default();
    match whole {
        Some(pairs) => collect_items(pairs, 0, &mut items),
        None => parse_pieces(src, &scanned, &mut items, &mut errors, &mut declared),
    }
    declare(&items, &mut declared);
    let mut template = Template::new(&declared);
    for item in items {
        template.item(item);
    }
    let (value, lower_errors) = template.finish();
    errors.extend(lower_errors);
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    DslParsed {
        value,
        errors,
        comments: scanned.comments,
    }
}

/// The `item` pairs of a parsed `file`, with `base` as their offset.
fn collect_items<'i>(
    pairs: pest::iterators::Pairs<'i, Rule>,
    base: usize,
    out: &mut Vec<Item<'i>>,
) {
    for file in pairs {
        for pair in file.into_inner() {
            if pair.as_rule() == Rule::item {
                out.push(Item { pair, base });
            }
        }
    }
}

/// Parses `src` piece by piece after the whole did not parse. Names
/// declared in pieces that fail are still collected (by their `resource`
/// or `param` line) so that references to them do not add errors.
fn parse_pieces<'i>(
    src: &'i str,
    scanned: &Scan,
    items: &mut Vec<Item<'i>>,
    errors: &mut Vec<SyntaxError>,
    declared: &mut Declared,
) {
    let bounds = &scanned.boundaries;
    for (n, &start) in bounds.iter().enumerate() {
        let end = bounds.get(n + 1).copied().unwrap_or(src.len());
        let Some(piece) = src.get(start..end) else {
            continue;
        };
        if let Some(deep) = scanned
            .too_deep
            .filter(|d| d.start() >= start && d.start() < end)
        {
            errors.push(SyntaxError::new(SyntaxErrorKind::TooDeep, deep));
            declare_by_line(piece, declared);
            continue;
        }
        match DslParser::parse(Rule::file, piece) {
            Ok(pairs) => collect_items(pairs, start, items),
            Err(e) => {
                errors.push(convert(src, piece, start, &e));
                declare_by_line(piece, declared);
            }
        }
    }
}

/// The names a piece that did not parse declares, read from its lines
/// that start with `resource NAME` or `param NAME`.
fn declare_by_line(piece: &str, declared: &mut Declared) {
    for line in piece.lines() {
        let line = line.trim_start();
        let (rest, into) = if let Some(rest) = line.strip_prefix("resource") {
            (rest, &mut declared.resources)
        } else if let Some(rest) = line.strip_prefix("param") {
            (rest, &mut declared.params)
        } else {
            continue;
        };
        let rest_trimmed = rest.trim_start_matches([' ', '\t']);
        if rest_trimmed.len() == rest.len() {
            continue;
        }
        let name: String = rest_trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            into.insert(name);
        }
    }
}

/// Converts a pest error on `piece` (which starts at `base` in `src`).
fn convert(src: &str, piece: &str, base: usize, error: &pest::error::Error<Rule>) -> SyntaxError {
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((p, _)) => p,
    };
    let at = base + pos;
    // A bracket left open with nothing wrong before the end: say so, at
    // the end of the piece's last code (before trailing comments), with
    // the bracket as the other label.
    if pos >= piece.trim_end().len() {
        let piece_scan = scan(piece);
        if let Some(&(open, close)) = piece_scan.unclosed.last() {
            let end = base + code_end(piece, &piece_scan.comments);
            return SyntaxError::new(
                SyntaxErrorKind::DslUnclosed {
                    close,
                    open: Span::new(base + open.start(), base + open.end()),
                },
                Span::empty(end),
            );
        }
    }
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => expected_names(positives),
        // pest's own limits (its stack guard): the nesting is too deep for
        // it even below `MAX_DEPTH`.
        ErrorVariant::CustomError { .. } => {
            return SyntaxError::new(SyntaxErrorKind::TooDeep, Span::empty(at));
        }
    };
    let (found, span) = found_at(src, at);
    SyntaxError::new(SyntaxErrorKind::DslExpected { expected, found }, span)
}

/// The end of the last code in `text`: its length without trailing
/// whitespace and comments.
fn code_end(text: &str, comments: &[Span]) -> usize {
    let mut end = text.trim_end().len();
    for comment in comments.iter().rev() {
        if comment.end() == end {
            end = text.get(..comment.start()).unwrap_or("").trim_end().len();
        }
    }
    end
}

/// The names of what pest expected, each once, in a fixed order.
fn expected_names(rules: &[Rule]) -> Vec<&'static str> {
    let mut names: Vec<(u8, &'static str)> = rules.iter().filter_map(|r| name_of(*r)).collect();
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(|(_, n)| n).collect()
}

/// What stands at `at`, in words, and its span: a word, a string's quote,
/// one character, or (as an empty span) the end of a line or of the text.
fn found_at(src: &str, at: usize) -> (String, Span) {
    let rest = src.get(at..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return ("end of file".to_owned(), Span::empty(src.len()));
    };
    if c == '\n' || c == '\r' {
        return ("end of line".to_owned(), Span::empty(at));
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.';
    if is_word(c) {
        let len = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        let word = rest.get(..len).unwrap_or("");
        return (format!("`{word}`"), Span::new(at, at + len));
    }
    let text = if c == '`' {
        "a backquote".to_owned()
    } else if c.is_control() {
        format!("the control character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    };
    (text, Span::new(at, at + c.len_utf8()))
}

/// A readable name for each rule, with a rank that orders a list of them
/// (brackets and separators last). None for rules pest never reports as
/// expected (those inside atomic rules, and whole-file rules).
fn name_of(rule: Rule) -> Option<(u8, &'static str)> {
    Some(match rule {
        // pest names the whole `file` when nothing at all could start.
        Rule::item | Rule::file => (
            0,
            "a top-level item (`param`, `resource`, `output`, `condition`, `heat_template_version` or `KEY = VALUE`)",
        ),
        Rule::version_item | Rule::kw_version => (0, "`heat_template_version`"),
        Rule::kw_param => (0, "`param`"),
        Rule::kw_resource => (0, "`resource`"),
        Rule::kw_output => (0, "`output`"),
        Rule::kw_condition => (0, "`condition`"),
        Rule::param_item => (0, "a `param` item"),
        Rule::resource_item => (0, "a `resource` item"),
        Rule::output_item => (0, "an `output` item"),
        Rule::condition_item => (0, "a `condition` item"),
        Rule::version_word => (1, "a version such as `2021-04-16`"),
        Rule::name => (1, "a name"),
        Rule::generic => (2, "`=` and a value"),
        Rule::output_generic => (2, "`:=` and a value"),
        Rule::param_short => (2, "`:` and a type, or a `{` block"),
        Rule::resource_short => (2, "`:` and a resource type"),
        Rule::output_short => (2, "`=` and a value"),
        Rule::type_name | Rule::path_name => (1, "a type"),
        Rule::default => (3, "`=` and a default value"),
        Rule::block | Rule::resource_block => (4, "a `{` block"),
        Rule::resource_entry => (1, "a property (`KEY = VALUE`) or `@KEY = VALUE`"),
        Rule::at_key => (1, "`@KEY`"),
        Rule::entry | Rule::named_arguments => (1, "an entry (`KEY = VALUE`)"),
        Rule::key | Rule::ident_key => (1, "a key"),
        Rule::value | Rule::positional_arguments => (1, "a value"),
        Rule::ident => (1, "a name"),
        Rule::number => (1, "a number"),
        Rule::literal => (1, "`true`, `false` or `null`"),
        Rule::string => (1, "a string"),
        Rule::raw_string => (1, "a raw string"),
        Rule::block_string | Rule::raw_block => (1, "a block string"),
        Rule::list => (1, "a list"),
        Rule::map => (1, "a map"),
        Rule::call => (1, "a call"),
        Rule::reference => (1, "a reference"),
        Rule::dot_access => (5, "`.NAME`"),
        Rule::index_access => (5, "`[...]`"),
        Rule::interpolation => (1, "`${...}`"),
        Rule::eq => (3, "`=`"),
        Rule::colon_eq => (3, "`:=`"),
        Rule::colon => (3, "`:`"),
        Rule::open_brace => (4, "`{`"),
        Rule::close_brace => (6, "`}`"),
        Rule::open_bracket => (4, "`[`"),
        Rule::close_bracket => (6, "`]`"),
        Rule::open_paren => (4, "`(`"),
        Rule::close_paren => (6, "`)`"),
        Rule::sep => (7, "a line break"),
        Rule::EOI => (8, "the end of the file"),
        Rule::block_open => (7, "a line break after the opening quotes"),
        // Silent rules, never reported.
        Rule::WHITESPACE
        | Rule::comment
        | Rule::line_char
        | Rule::nl
        | Rule::hws
        | Rule::items
        | Rule::ident_start
        | Rule::ident_char
        | Rule::int_digits
        | Rule::fraction
        | Rule::exponent
        | Rule::arguments
        | Rule::string_piece
        | Rule::block_piece
        | Rule::string_end
        | Rule::string_text
        | Rule::escape
        | Rule::dollar_escape
        | Rule::dollar
        | Rule::raw_text
        | Rule::raw_end
        | Rule::block_line
        | Rule::indent
        | Rule::block_text
        | Rule::block_close
        | Rule::chomp
        | Rule::raw_block_line
        | Rule::raw_block_text
        | Rule::raw_block_close
        | Rule::unterminated => return None,
    })
}

#[cfg(test)]
mod tests;
