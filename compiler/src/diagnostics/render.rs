//! The one place where findings become words.
//!
//! `syntax` renders the front end's `SyntaxError`s and `finding` renders the
//! structure rules' `Finding`s; both pick the code, write a short headline,
//! a label on the offending node and help that says how to fix it. Every
//! variant has its own text: the matches below have no catch-all arm, so a
//! new variant cannot be added without deciding what it says.

use hotc_grammar::yaml::MAX_DEPTH;
use hotc_grammar::{Span, SyntaxError, SyntaxErrorKind};

use super::Severity;
use super::codes::{self, CodeInfo};
use super::finding::{
    ConstraintProblem, Definition, Expected, FieldProblem, Finding, FindingKind, GivenBy,
    GroupProblem, KeyPlace, Reference, Shape, UnknownKey,
};
use super::{Diagnostic, Edit, Fix, Label};
use crate::params::{MergeProblem, ValueProblem};
use crate::source::LoadErrorKind;
use crate::versions::{self, HotVersion};

pub(crate) mod plan;
mod schema;

/// Renders one error of the YAML/JSON front end.
pub(crate) fn syntax(error: &SyntaxError) -> Diagnostic {
    let span = error.span;
    let d = |info: &CodeInfo, message: String, label: &str| {
        Diagnostic::new(info, message, Label::new(span, label))
    };
    match &error.kind {
        SyntaxErrorKind::TabIndent { replacement } => {
            // A run of TABs is one finding; the span covers the run.
            let what = if span.len() > 1 { "TABs" } else { "TAB" };
            let spaces = plural(replacement.chars().count(), "space");
            d(
                &codes::TAB_INDENTATION,
                "TAB character in indentation".to_owned(),
                &if span.len() > 1 {
                    format!("{} TABs here, read as {spaces}", span.len())
                } else {
                    format!("TAB here, read as {spaces}")
                },
            )
            .with_help(format!(
                "YAML indents with spaces only, and Heat refuses the file; replace the {what} with {spaces}, or run `hotc fmt --fix` to expand every TAB"
            ))
            .with_fix(Fix {
                description: format!("Replace the {what} with {spaces}"),
                edits: vec![Edit {
                    span,
                    replacement: replacement.clone(),
                }],
            })
        }
        SyntaxErrorKind::TabSeparator => d(
            &codes::TAB_INDENTATION,
            "TAB character where a token starts".to_owned(),
            "TAB here",
        )
        .with_help("YAML separates tokens with spaces here; replace the TAB with a space")
        .with_fix(Fix {
            description: "Replace the TAB with a space".to_owned(),
            edits: vec![Edit {
                span,
                replacement: " ".to_owned(),
            }],
        }),
        SyntaxErrorKind::UnexpectedChar { found } => d(
            &codes::SYNTAX_ERROR,
            format!("unexpected character `{}`", found.escape_debug()),
            "cannot start any token",
        )
        .with_help(match found {
            '@' | '`' => "`@` and `` ` `` are reserved in YAML; quote the whole value",
            _ => "if this is part of a string, quote the whole value",
        }),
        SyntaxErrorKind::NonPrintable { found } => d(
            &codes::SYNTAX_ERROR,
            format!("non-printable character U+{:04X}", u32::from(*found)),
            "control character",
        )
        .with_help("YAML does not allow control characters in a file; delete it"),
        SyntaxErrorKind::MappingValueNotAllowed => d(
            &codes::SYNTAX_ERROR,
            "mapping value not allowed here".to_owned(),
            "unexpected `:`",
        )
        .with_help(
            "a `: ` inside a plain value starts a mapping; quote the value (\"a: b\"), \
             or put the nested mapping on its own, more indented line",
        ),
        SyntaxErrorKind::SequenceEntryNotAllowed => d(
            &codes::SYNTAX_ERROR,
            "list item not allowed here".to_owned(),
            "unexpected `-`",
        )
        .with_help("start the list on the line after its key, or check this line's indentation"),
        SyntaxErrorKind::ComplexKeyNotAllowed => d(
            &codes::SYNTAX_ERROR,
            "complex key not allowed here".to_owned(),
            "unexpected `?`",
        )
        .with_help("`?` starts a complex key; quote the value if `?` is meant as text"),
        SyntaxErrorKind::ExpectedColon => d(
            &codes::SYNTAX_ERROR,
            "expected `:` after a key".to_owned(),
            "this key has no `:`",
        )
        .with_help("write the key, a `:`, a space, then the value (`key: value`)"),
        SyntaxErrorKind::Unexpected { expected, found } => d(
            &codes::SYNTAX_ERROR,
            format!("expected {expected}, found {found}"),
            &format!("unexpected {found}"),
        )
        .with_help("check the indentation and the brackets around this line"),
        SyntaxErrorKind::UnclosedFlow { close, open } => d(
            &codes::SYNTAX_ERROR,
            format!("unclosed `{}`", opening(*close)),
            &format!("expected `{close}` before the end"),
        )
        .with_secondary(Label::new(*open, "opened here"))
        .with_help(format!("add the missing `{close}`")),
        SyntaxErrorKind::UnterminatedQuoted { open } => d(
            &codes::SYNTAX_ERROR,
            "unterminated quoted string".to_owned(),
            "expected the closing quote before the end",
        )
        .with_secondary(Label::new(*open, "the string starts here"))
        .with_help("end the string with the same quote character it starts with"),
        SyntaxErrorKind::InvalidEscape { found } => d(
            &codes::SYNTAX_ERROR,
            format!("invalid escape `{found}` in a double-quoted string"),
            "unknown escape",
        )
        .with_help(
            "write a literal backslash as `\\\\`, or use single quotes, where backslashes are plain text",
        ),
        SyntaxErrorKind::InvalidBlockHeader => d(
            &codes::SYNTAX_ERROR,
            "invalid block scalar header".to_owned(),
            "unexpected text after `|` or `>`",
        )
        .with_help(
            "after `|` or `>` only an indentation digit (1-9), `+` or `-`, and a comment may follow",
        ),
        SyntaxErrorKind::ZeroIndentIndicator => d(
            &codes::SYNTAX_ERROR,
            "block scalar indentation indicator is 0".to_owned(),
            "must be 1-9",
        )
        .with_help("use a digit from 1 to 9, or leave it out to detect the indentation"),
        SyntaxErrorKind::DocumentMarkerInScalar => d(
            &codes::SYNTAX_ERROR,
            "document marker inside a quoted string".to_owned(),
            "ends the document",
        )
        .with_help("a line starting with `---` or `...` ends the document even in quotes; indent that line"),
        SyntaxErrorKind::EmptyAnchorName => d(
            &codes::SYNTAX_ERROR,
            "anchor or alias without a name".to_owned(),
            "name missing",
        )
        .with_help("write the name right after `&` or `*`, as in `&defaults` and `*defaults`"),
        SyntaxErrorKind::InvalidAnchorChar { found } => d(
            &codes::SYNTAX_ERROR,
            format!(
                "character `{}` cannot be part of an anchor or alias name",
                found.escape_debug()
            ),
            "not allowed in a name",
        )
        .with_help("use letters, digits, `-` and `_` in anchor names"),
        SyntaxErrorKind::InvalidTag => d(
            &codes::INVALID_TAG,
            "malformed tag".to_owned(),
            "bad tag",
        )
        .with_help("HOT needs no tags; remove it, or quote the value if `!` is meant as text"),
        SyntaxErrorKind::InvalidDirective => d(
            &codes::SYNTAX_ERROR,
            "malformed directive".to_owned(),
            "bad directive",
        )
        .with_help("the only directives are `%YAML 1.1` and `%TAG !handle! prefix`; quote values that start with `%`"),
        SyntaxErrorKind::UndeclaredTagHandle { handle } => d(
            &codes::INVALID_TAG,
            format!("undeclared tag handle `{handle}`"),
            "no %TAG directive declares this",
        )
        .with_help("HOT needs no tags; remove it"),
        SyntaxErrorKind::TooDeep => d(
            &codes::NESTING_TOO_DEEP,
            format!("nesting deeper than {MAX_DEPTH} levels"),
            "too deep",
        )
        .with_help("flatten the data; no template needs this much nesting"),
        SyntaxErrorKind::MultipleDocuments => d(
            &codes::MULTIPLE_DOCUMENTS,
            "more than one document in the file".to_owned(),
            "a second document starts here",
        )
        .with_help("Heat reads exactly one document per file; move the rest to another file"),
        SyntaxErrorKind::UndefinedAlias { name } => d(
            &codes::BAD_ALIAS,
            format!("undefined alias `*{name}`"),
            "no anchor with this name before here",
        )
        .with_help(format!(
            "put `&{name}` on the node to reuse; an anchor must come before its aliases"
        )),
        SyntaxErrorKind::AliasExpansionLimit { limit } => d(
            &codes::BAD_ALIAS,
            format!("aliases expand to more than {limit} nodes"),
            "expansion stops here",
        )
        .with_help("aliases of aliases grow exponentially; write the data out or reuse less"),
        SyntaxErrorKind::RecursiveAlias { name } => d(
            &codes::BAD_ALIAS,
            format!("alias `*{name}` refers to a node that contains it"),
            "recursive alias",
        )
        .with_help("Heat cannot use self-referencing data; copy the part you need instead"),
        SyntaxErrorKind::UnknownTag { tag } => d(
            &codes::INVALID_TAG,
            format!("tag `{}` is not supported", short_tag(tag)),
            "Heat's loader cannot construct this",
        )
        .with_help(unknown_tag_help(tag)),
        SyntaxErrorKind::InvalidTaggedValue { tag } => d(
            &codes::INVALID_TAG,
            format!("value cannot be read as `{}`", short_tag(tag)),
            "does not fit its tag",
        )
        .with_help("fix the value, or remove the tag to let YAML pick the type"),
        SyntaxErrorKind::UnsupportedTag { tag } => d(
            &codes::UNREPRESENTABLE_VALUE,
            format!("`{}` makes a value no template can use", short_tag(tag)),
            "hotc reads this as null",
        )
        .with_help("Heat's loader builds a set or bytes here, which no property or function expects; write a list or a string instead"),
        SyntaxErrorKind::IntegerTooLarge => d(
            &codes::UNREPRESENTABLE_VALUE,
            "integer too large for hotc".to_owned(),
            "hotc keeps this as text",
        )
        .with_help("Heat reads it as an integer but hotc cannot; quote it if it is meant as text"),
        SyntaxErrorKind::DuplicateAnchor { name, first } => d(
            &codes::BAD_ALIAS,
            format!("anchor `&{name}` is defined twice"),
            "defined again here",
        )
        .with_secondary(Label::new(*first, "first defined here"))
        .with_help("Heat's loader rejects a repeated anchor; give the second one another name"),
        SyntaxErrorKind::UnhashableKey => d(
            &codes::INVALID_MAPPING_KEY,
            "a list or mapping cannot be a mapping key".to_owned(),
            "collection used as a key",
        )
        .with_help("use a string key; write one entry per key if several were meant"),
        SyntaxErrorKind::InvalidMerge => d(
            &codes::INVALID_MAPPING_KEY,
            "merge key `<<` needs a mapping or a list of mappings".to_owned(),
            "cannot merge this",
        )
        .with_help("point `<<` at an anchored mapping, as in `<<: *defaults`"),
        SyntaxErrorKind::DuplicateKey { key, first } => d(
            &codes::DUPLICATE_KEY,
            format!("duplicate key `{key}`"),
            "this one wins",
        )
        .with_secondary(Label::new(*first, "first defined here, then silently dropped"))
        .with_help("remove one of the two, or rename one if both are needed"),
        SyntaxErrorKind::Json { message } => d(
            &codes::SYNTAX_ERROR,
            format!("invalid JSON: {message}"),
            "here",
        )
        .with_help("fix the JSON, or write the file as YAML"),
        SyntaxErrorKind::DslExpected { expected, found } => d(
            &codes::DSL_SYNTAX_ERROR,
            format!("expected {}, found {found}", alternatives(expected)),
            &match found.as_str() {
                "end of line" => "the line ends here".to_owned(),
                "end of file" => "the file ends here".to_owned(),
                _ => format!("unexpected {found}"),
            },
        )
        .with_help(dsl_expected_help(expected, found)),
        SyntaxErrorKind::DslUnterminatedString { open } => {
            let block = open.len() == 3;
            d(
                &codes::DSL_SYNTAX_ERROR,
                "unterminated string".to_owned(),
                if block {
                    "expected the closing line before the end"
                } else {
                    "expected the closing quote before the line ends"
                },
            )
            .with_secondary(Label::new(*open, "the string starts here"))
            .with_help(if block {
                "end a block string with a line holding only its three quotes (`\"\"\"` or `'''`)"
            } else {
                "close the string on its own line; for text over several lines use a `\"\"\"` block string"
            })
        }
        SyntaxErrorKind::DslUnclosed { close, open } => {
            let opening = match close {
                ']' => "[",
                ')' => "(",
                '}' if open.len() == 2 => "${",
                _ => "{",
            };
            d(
                &codes::DSL_SYNTAX_ERROR,
                format!("unclosed `{opening}`"),
                &format!("expected `{close}` here"),
            )
            .with_secondary(Label::new(*open, "opened here"))
            .with_help(format!("add the missing `{close}`"))
        }
        SyntaxErrorKind::DslInvalidEscape { found } => d(
            &codes::DSL_SYNTAX_ERROR,
            format!("invalid escape `{found}` in a string"),
            "unknown escape",
        )
        .with_help(
            "the escapes are `\\\\`, `\\\"`, `\\n`, `\\t`, `\\r`, `\\0`, `\\$` and `\\u{263A}`; \
             for backslashes as plain text use a raw string, `'...'`",
        ),
        SyntaxErrorKind::DslBlockIndentation { closing } => d(
            &codes::DSL_SYNTAX_ERROR,
            "block string line indented less than its closing quotes".to_owned(),
            "less indented than the closing line",
        )
        .with_secondary(Label::new(*closing, "the closing line's indentation"))
        .with_help(
            "the closing line's indentation is removed from every line, so each line must \
             start with it; indent this line further, or the closing quotes less",
        ),
        SyntaxErrorKind::DslUnknownName {
            name,
            candidates,
            parameter,
        } => {
            let suggestion = crate::suggest::nearest(name, candidates.iter().map(String::as_str));
            let (label, help) = if *parameter {
                (
                    format!("a parameter is written `param.{name}`"),
                    format!("refer to the parameter as `param.{name}`"),
                )
            } else if suggestion == Some("param") {
                (
                    "did you mean `param`?".to_owned(),
                    "refer to a parameter as `param.NAME`, as in `param.flavor`".to_owned(),
                )
            } else if let Some(s) = suggestion {
                (
                    format!("did you mean `{s}`?"),
                    format!("`{s}` is a resource declared in this file; a bare name must be one"),
                )
            } else {
                (
                    "not a parameter, resource or call".to_owned(),
                    format!(
                        "declare a resource `{name}`, write `param.NAME` for a parameter, \
                         add `(...)` for a function call, or quote it if it is text: \"{name}\""
                    ),
                )
            };
            d(&codes::UNKNOWN_NAME, format!("unknown name `{name}`"), &label).with_help(help)
        }
        SyntaxErrorKind::DslBareParam => d(
            &codes::DSL_SYNTAX_ERROR,
            "`param` without a parameter name".to_owned(),
            "expected `param.NAME`",
        )
        .with_help("refer to a parameter as `param.NAME`, as in `param.flavor`"),
        SyntaxErrorKind::DslWholeAndItems { key, first } => {
            let help = match key.as_str() {
                "properties" => {
                    "write the properties either as property lines or as `@properties = ...`, not both"
                        .to_owned()
                }
                section => {
                    let keyword = match section {
                        "parameters" => "param",
                        "resources" => "resource",
                        "outputs" => "output",
                        _ => "condition",
                    };
                    format!(
                        "write `{section}` either as `{keyword}` items or as `{section} = ...`, not both"
                    )
                }
            };
            d(
                &codes::MIXED_SECTION_FORMS,
                format!("`{key}` is written both whole and item by item"),
                "this one is dropped",
            )
            .with_secondary(Label::new(*first, "first written here"))
            .with_help(help)
        }
    }
}

/// "`=`, a value or `}`": the DSL parser's names of what may come next.
fn alternatives(expected: &[&str]) -> String {
    match expected.split_last() {
        None => "something else".to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The help for a `.heat` parse error, from what was expected and found.
fn dsl_expected_help(expected: &[&str], found: &str) -> String {
    let expects = |name: &str| expected.contains(&name);
    if found == "`:`" && expects("`=`") {
        "`.heat` writes `KEY = VALUE`, not `KEY: VALUE`".to_owned()
    } else if expects("a value") {
        "write a value: a quoted string, a number, `true`, `false`, `null`, a list `[...]`, \
         a map `{...}`, a call `f(...)` or a reference (`param.NAME`, a resource)"
            .to_owned()
    } else if expects("a line break") {
        "put each item or entry on its own line, or separate them with `,`".to_owned()
    } else if expects("`=`") {
        "write `=` between a key and its value".to_owned()
    } else if expected.iter().any(|e| e.starts_with("a top-level item")) {
        "a top-level line is `KEY = VALUE` or starts with `param`, `resource`, `output`, \
         `condition` or `heat_template_version`"
            .to_owned()
    } else {
        "see docs/dsl.md for the `.heat` syntax".to_owned()
    }
}

/// A tag as people write it: `!!set` for `tag:yaml.org,2002:set`.
fn short_tag(tag: &str) -> String {
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some(name) => format!("!!{name}"),
        None => tag.to_owned(),
    }
}

/// The help for a tag Heat's SafeLoader has no constructor for. A short
/// CloudFormation tag gets the HOT function that does the same job.
fn unknown_tag_help(tag: &str) -> String {
    // CloudFormation's short form, its HOT function and how a call looks.
    const CFN: &[(&str, &str)] = &[
        ("Ref", "`{get_resource: server}` or `{get_param: flavor}`"),
        ("GetAtt", "`{get_attr: [server, first_address]}`"),
        ("Join", "`{list_join: [',', [a, b]]}`"),
        ("Sub", "`{str_replace: {template: ..., params: {...}}}`"),
        ("Split", "`{str_split: [',', 'a,b']}`"),
        ("If", "`{if: [condition, yes_value, no_value]}`"),
        ("Equals", "`{equals: [a, b]}`"),
        ("Not", "`{not: condition}`"),
        ("And", "`{and: [a, b]}`"),
        ("Or", "`{or: [a, b]}`"),
    ];
    let short = tag.trim_start_matches('!');
    if let Some((_, call)) = CFN.iter().find(|(name, _)| *name == short) {
        return format!(
            "CloudFormation short tags do not work in HOT; write the function as a one-key mapping, as in {call}"
        );
    }
    "Heat loads YAML with SafeLoader, which knows only the standard tags; remove the tag, or quote the value if `!` is meant as text".to_owned()
}

/// Renders one finding of the structure rules.
pub(crate) fn finding(finding: &Finding) -> Diagnostic {
    let span = finding.span;
    let d = |info: &CodeInfo, message: String, label: String| {
        Diagnostic::new(info, message, Label::new(span, label))
    };
    match &finding.kind {
        FindingKind::MissingTemplateVersion => d(
            &codes::MISSING_TEMPLATE_VERSION,
            "template has no `heat_template_version`".to_owned(),
            "resources defined here, but no version".to_owned(),
        )
        .with_help(format!(
            "add `heat_template_version: {}` (or the version it was written for) as the first line",
            HotVersion::LATEST.date()
        )),
        FindingKind::UnknownTemplateVersion { found, suggestion } => {
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use {}", one_of(HotVersion::all_names().into_iter())),
            };
            d(
                &codes::UNKNOWN_TEMPLATE_VERSION,
                format!("unknown heat_template_version `{found}`"),
                "not a HOT version".to_owned(),
            )
            .with_help(help)
        }
        FindingKind::TemplateVersionNotString { found } => d(
            &codes::UNKNOWN_TEMPLATE_VERSION,
            "heat_template_version is not a string".to_owned(),
            format!("expected a version string, found {}", shape(*found)),
        )
        .with_help(format!(
            "Heat sees no version unless it is a string; write a date such as `{}`",
            HotVersion::LATEST.date()
        )),
        FindingKind::AmbiguousTemplateVersion { key, hot_key } => d(
            &codes::UNKNOWN_TEMPLATE_VERSION,
            format!("template has both `heat_template_version` and `{key}`"),
            "a CloudFormation version key".to_owned(),
        )
        .with_secondary(Label::new(*hot_key, "HOT version key"))
        .with_help(format!(
            "remove `{key}`; a HOT template has only `heat_template_version`"
        )),
        FindingKind::UnknownKey(unknown) => unknown_key(span, unknown),
        FindingKind::UnknownEnvironmentSection {
            name,
            suggestion,
            template_section,
        } => {
            let label = suggestion.map_or_else(
                || "not an environment section".to_owned(),
                |s| format!("did you mean `{s}`?"),
            );
            let help = if let Some(s) = suggestion {
                format!("rename it to `{s}`")
            } else if *template_section {
                "this is a template section; if the file is a template, add `heat_template_version`"
                    .to_owned()
            } else {
                format!(
                    "an environment file has only these sections: {}",
                    list(versions::ENVIRONMENT_SECTIONS.iter().copied())
                )
            };
            d(
                &codes::UNKNOWN_ENVIRONMENT_SECTION,
                format!("unknown environment section `{name}`"),
                label,
            )
            .with_help(help)
        }
        FindingKind::SectionWrongType {
            section,
            expected,
            found,
            empty_ok,
        } => {
            let help = match (expected, empty_ok) {
                (Expected::Mapping, true) => {
                    "write `name: definition` entries, or leave the section empty"
                }
                (Expected::Mapping, false) => "write `name: definition` entries, or `{}` for none",
                (Expected::List, true) => "write `- ` entries, or leave the section empty",
                (Expected::List, false) => "write `- ` entries, or `[]` for none",
                (Expected::String | Expected::StringOrList | Expected::StringOrBool, _) => {
                    "change the value's type"
                }
            };
            d(
                &codes::SECTION_WRONG_TYPE,
                format!("`{section}` must be {}", expected_text(*expected)),
                format!("found {}", shape(*found)),
            )
            .with_help(help)
        }
        FindingKind::DefinitionNotAMapping {
            definition,
            name,
            found,
        } => {
            let (what, help) = match definition {
                Definition::Resource => (
                    "resource",
                    "give the resource its keys on indented lines: `type:`, `properties:`, ...",
                ),
                Definition::Output => (
                    "output",
                    "give the output its keys on indented lines: `value:` and optionally `description:`",
                ),
                Definition::Parameter => (
                    "parameter",
                    "give the parameter its keys on indented lines: `type:` and optionally `default:`, ...",
                ),
            };
            d(
                &codes::DEFINITION_NOT_A_MAPPING,
                format!("{what} `{name}` is not a mapping"),
                format!("expected a mapping, found {}", shape(*found)),
            )
            .with_help(help)
        }
        FindingKind::ResourceMissingType {
            resource,
            present,
            misspelt,
        } => {
            let message = format!("resource `{resource}` has no type");
            match (misspelt, present) {
                (Some(key), _) => {
                    misspelt_key(&codes::RESOURCE_MISSING_TYPE, span, message, key, "type")
                }
                (None, true) => d(
                    &codes::RESOURCE_MISSING_TYPE,
                    message,
                    "empty type".to_owned(),
                )
                .with_help(RESOURCE_TYPE_HELP),
                (None, false) => d(
                    &codes::RESOURCE_MISSING_TYPE,
                    message,
                    "no `type` key".to_owned(),
                )
                .with_help(RESOURCE_TYPE_HELP),
            }
        }
        FindingKind::InvalidResourceField {
            resource,
            field,
            problem,
        } => resource_field(span, resource, field, problem),
        FindingKind::OutputMissingValue { output, misspelt } => {
            let message = format!("output `{output}` has no value");
            match misspelt {
                Some(key) => misspelt_key(&codes::OUTPUT_MISSING_VALUE, span, message, key, "value"),
                None => d(&codes::OUTPUT_MISSING_VALUE, message, "no `value` key".to_owned())
                    .with_help("add `value:` with what the output publishes, such as `{get_attr: [server, first_address]}`"),
            }
        }
        FindingKind::MissingParameterType {
            parameter,
            misspelt,
        } => {
            let message = format!("parameter `{parameter}` has no type");
            match misspelt {
                Some(key) => {
                    misspelt_key(&codes::INVALID_PARAMETER_TYPE, span, message, key, "type")
                }
                None => d(
                    &codes::INVALID_PARAMETER_TYPE,
                    message,
                    "no `type` key".to_owned(),
                )
                .with_help(format!(
                    "add `type:` with {}",
                    one_of(versions::PARAMETER_TYPES.iter().copied())
                )),
            }
        }
        FindingKind::UnknownParameterType {
            parameter,
            found,
            suggestion,
        } => {
            let help = match suggestion {
                Some(s) if s.eq_ignore_ascii_case(found) => {
                    format!("write `{s}`: HOT type names are lower case")
                }
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use {}", one_of(versions::PARAMETER_TYPES.iter().copied())),
            };
            d(
                &codes::INVALID_PARAMETER_TYPE,
                format!("unknown type `{found}` for parameter `{parameter}`"),
                "not a parameter type".to_owned(),
            )
            .with_help(help)
        }
        FindingKind::ParameterTypeNotString { parameter, found } => d(
            &codes::INVALID_PARAMETER_TYPE,
            format!("type of parameter `{parameter}` is not a string"),
            format!("expected a type name, found {}", shape(*found)),
        )
        .with_help(format!(
            "use {}",
            one_of(versions::PARAMETER_TYPES.iter().copied())
        )),
        FindingKind::InvalidConstraint { parameter, problem } => {
            constraint(span, parameter, problem)
        }
        FindingKind::ParameterTagsNotAList { parameter, found } => d(
            &codes::INVALID_PARAMETER_FIELD,
            format!("tags of parameter `{parameter}` must be a list"),
            format!("found {}", shape(*found)),
        )
        .with_help("write the tags as a list, as in `tags: [network]`"),
        FindingKind::InvalidParameterGroup(problem) => group(span, problem),
        FindingKind::DefaultViolatesConstraint { parameter, problem } => match problem {
            ValueProblem::InvalidDefault { value, reason } => d(
                &codes::PARAMETER_DEFAULT_VIOLATES_CONSTRAINT,
                format!("default of parameter `{parameter}` breaks a constraint"),
                reason.clone(),
            )
            .with_help(format!(
                "Heat refuses it: `Parameter '{parameter}' is invalid: Invalid default {value} ({reason})`; change the default or the constraint"
            )),
            ValueProblem::InvalidValue { reason } => d(
                &codes::PARAMETER_DEFAULT_VIOLATES_CONSTRAINT,
                format!("default of parameter `{parameter}` is invalid"),
                reason.clone(),
            )
            .with_help(format!(
                "Heat refuses it: `Parameter '{parameter}' is invalid: {reason}`; give a default of the parameter's type that meets its constraints"
            )),
        },
        FindingKind::InvalidAllowedPattern {
            parameter,
            pattern,
            message,
        } => d(
            &codes::INVALID_ALLOWED_PATTERN,
            format!("`allowed_pattern` of parameter `{parameter}` is not a valid regular expression"),
            message.clone(),
        )
        .with_help(format!(
            "Heat compiles `{pattern}` with Python's `re` and refuses the template; escape a literal `[`, `(`, `*` or `?` with `\\`"
        )),
        FindingKind::Schema(finding) => schema::finding(span, finding),
        FindingKind::EmptyEnvironmentSection { name } => d(
            &codes::EMPTY_ENVIRONMENT_SECTION,
            format!("environment section `{name}` is empty"),
            "no value".to_owned(),
        )
        .with_help(format!(
            "Heat rejects an empty environment section; remove `{name}:` or give it {}",
            if name == "event_sinks" || name == "encrypted_param_names" {
                "`[]`"
            } else {
                "`{}`"
            }
        )),
        FindingKind::UnknownReference {
            via,
            name,
            suggestion,
            in_output,
        } => unknown_reference(span, *via, name, suggestion.as_deref(), *in_output),
        FindingKind::UnknownParameter {
            name,
            suggestion,
            in_output,
        } => unknown_parameter(span, name, suggestion.as_deref(), *in_output),
        FindingKind::RemovedFunction {
            name,
            version,
            removed,
            instead,
        } => d(
            &codes::FUNCTION_NOT_IN_VERSION,
            format!(
                "function `{name}` is not supported in HOT {}",
                version.date()
            ),
            format!("removed in {}", removed.date()),
        )
        .with_help(match instead {
            Some(f) => format!("use the HOT function `{f}` instead"),
            None => format!(
                "HOT dropped this CloudFormation function in {}; rewrite the value without it",
                removed.date()
            ),
        }),
        FindingKind::FunctionNotYet {
            name,
            version,
            since,
        } => {
            let mut diagnostic = d(
                &codes::FUNCTION_NOT_IN_VERSION,
                format!(
                    "`{name}` is not a function in HOT {}; Heat reads this mapping as plain data",
                    version.date()
                ),
                format!("a function from {} on", since.date()),
            )
            .with_help(format!(
                "set `heat_template_version: {}` or later to call `{name}`",
                since.date()
            ));
            // Heat accepts the template, so this is a warning: the value is
            // passed on as it is.
            diagnostic.severity = Severity::Warning;
            diagnostic
        }
        FindingKind::FunctionWithExtraKeys { name, others } => d(
            &codes::FUNCTION_WITH_EXTRA_KEYS,
            format!("`{name}` has other keys next to it, so it is not called"),
            format!("Heat reads this mapping, with {}, as plain data", list(others.iter().map(String::as_str))),
        )
        .with_help(format!(
            "a function call is a mapping with one key; move {} elsewhere, or rename `{name}` if it is meant as data",
            list(others.iter().map(String::as_str))
        )),
        FindingKind::UndefinedCondition { name, suggestion } => d(
            &codes::UNDEFINED_CONDITION,
            format!("undefined condition `{name}`"),
            suggestion.as_ref().map_or_else(
                || "not defined in `conditions`".to_owned(),
                |s| format!("did you mean `{s}`?"),
            ),
        )
        .with_help(match suggestion {
            Some(s) => format!("rename it to `{s}`"),
            None => format!("define `{name}` in the `conditions` section"),
        }),
        FindingKind::UnusedCondition { name } => d(
            &codes::UNUSED_CONDITION,
            format!("condition `{name}` is never used"),
            "defined here".to_owned(),
        )
        .with_help(format!(
            "give a resource or output `condition: {name}`, use it in `if`, or remove it"
        )),
        FindingKind::UnusedParameter { name } => d(
            &codes::UNUSED_PARAMETER,
            format!("parameter `{name}` is never used"),
            "declared here, but no `get_param` reads it".to_owned(),
        )
        .with_help(format!(
            "use it with `{{get_param: {name}}}`, or remove it"
        )),
        FindingKind::DependencyCycle { path, edges } => dependency_cycle(path, edges),
        FindingKind::RedundantDependsOn {
            resource,
            target,
            via,
            reference,
            removal,
        } => redundant_depends_on(span, resource, target, *via, *reference, *removal),
        FindingKind::OutputRevealsHiddenParameter {
            output,
            output_span,
            parameter,
            declaration,
        } => d(
            &codes::OUTPUT_REVEALS_HIDDEN_PARAMETER,
            format!("output `{output}` reveals hidden parameter `{parameter}`"),
            format!("reads `{parameter}`"),
        )
        .with_secondary(Label::new(
            *output_span,
            "shown in clear text by `openstack stack output show`",
        ))
        .with_secondary(Label::new(*declaration, "declared `hidden: true` here"))
        .with_help(format!(
            "Heat masks a hidden parameter in `stack show`, but not an output built from it; leave `{parameter}` out of the output, or drop `hidden` if the value is not secret"
        )),
        FindingKind::MissingFile {
            path,
            resolved,
            reason,
        } => {
            let (label, help) = match reason {
                LoadErrorKind::NotFound => (
                    format!("no file at `{resolved}`"),
                    "paths are relative to the template's directory; create the file or fix the path"
                        .to_owned(),
                ),
                LoadErrorKind::Unreadable(why) => (
                    format!("`{resolved}` cannot be read: {why}"),
                    "get_file inlines the file as text; it must be a readable UTF-8 file".to_owned(),
                ),
                // Rules never report a URL; should one come through, say what
                // is known and no more.
                LoadErrorKind::Remote => (
                    "a URL, which hotc does not fetch".to_owned(),
                    "check that the URL is reachable from where the stack is created".to_owned(),
                ),
            };
            d(
                &codes::MISSING_FILE,
                format!("`get_file` names a missing file `{path}`"),
                label,
            )
            .with_help(help)
        }
        FindingKind::UnknownAttribute {
            resource,
            type_name,
            attribute,
            outputs,
            suggestion,
        } => {
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None if outputs.is_empty() => format!(
                    "`{type_name}` has no outputs; a nested stack's attributes are its template's outputs"
                ),
                None => format!(
                    "a nested stack's attributes are its template's outputs: {}",
                    one_of(outputs.iter().map(String::as_str))
                ),
            };
            d(
                &codes::UNKNOWN_ATTRIBUTE,
                format!("resource `{resource}` has no attribute `{attribute}`"),
                format!("not an output of `{type_name}`"),
            )
            .with_help(help)
        }
        FindingKind::NestedStackCycle { resource, chain } => d(
            &codes::NESTED_STACK_DEPTH,
            format!(
                "the nested stack of resource `{resource}` nests itself: {}",
                chain.join(" → ")
            ),
            "a template that comes back to itself".to_owned(),
        )
        .with_help(format!(
            "Heat stops at depth {}: `Recursion depth exceeds {}.`; end the recursion (a resource `condition` can)",
            crate::lint::MAX_NESTED_DEPTH,
            crate::lint::MAX_NESTED_DEPTH
        )),
        FindingKind::NestedStackTooDeep { resource, depth } => d(
            &codes::NESTED_STACK_DEPTH,
            format!(
                "nested stacks under resource `{resource}` go {depth} levels deep; Heat allows {}",
                crate::lint::MAX_NESTED_DEPTH
            ),
            "the first of the nested templates".to_owned(),
        )
        .with_help(format!(
            "Heat refuses it: `Recursion depth exceeds {}.`; flatten a level",
            crate::lint::MAX_NESTED_DEPTH
        )),
        FindingKind::InvalidParameterValue {
            parameter,
            reason,
            given_by,
        } => d(
            &codes::INVALID_PARAMETER_VALUE,
            format!("the value given for parameter `{parameter}` is invalid"),
            format!("{}: {reason}", given_by_text(given_by)),
        )
        .with_help(format!(
            "give a value of the parameter's type that meets its constraints; Heat: `Parameter '{parameter}' is invalid: {reason}`"
        )),
        FindingKind::ParameterNotInTemplate {
            parameter,
            template,
            given_by,
            suggestion,
        } => {
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "remove it, or move it to `parameter_defaults`, which may name parameters a template lacks".to_owned(),
            };
            d(
                &codes::PARAMETER_NOT_IN_TEMPLATE,
                format!("`{template}` has no parameter `{parameter}`"),
                format!(
                    "{}; Heat: `The Parameter ({parameter}) was not defined in template.`",
                    given_by_text(given_by)
                ),
            )
            .with_help(help)
        }
        FindingKind::ParameterValueMissing { parameter } => d(
            &codes::PARAMETER_VALUE_MISSING,
            format!("parameter `{parameter}` has no value"),
            "no default, and no -P, --parameter-file or environment gives it".to_owned(),
        )
        .with_help(format!(
            "give it with `-P {parameter}=...` or in an environment's `parameters`, or add a `default`; Heat: `The Parameter ({parameter}) was not provided.`"
        )),
        FindingKind::EnvironmentMergeFailed(problem) => {
            let (label, help) = merge_problem(problem);
            d(
                &codes::ENVIRONMENT_MERGE_FAILED,
                "Heat cannot merge the environment files".to_owned(),
                label,
            )
            .with_help(help)
        }
        FindingKind::InvalidRegistryAction {
            resource,
            key,
            value,
            suggestion,
        } => {
            let valid = if *key == "hooks" {
                crate::lint::stack::HOOK_TYPES
            } else {
                crate::lint::stack::RESTRICTED_ACTIONS
            };
            let shown = value.as_deref().map_or_else(|| "this value".to_owned(), |v| format!("`{v}`"));
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use {}", one_of(valid.iter().copied())),
            };
            d(
                &codes::INVALID_REGISTRY_ACTION,
                format!("invalid `{key}` for resource `{resource}`"),
                format!("{shown} is not one of Heat's {key}"),
            )
            .with_help(help)
        }
        FindingKind::RegistryTypeNotFound {
            resource,
            type_name,
            target,
            suggestion,
        } => {
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "map it to a type Heat has, or to a template file".to_owned(),
            };
            d(
                &codes::REGISTRY_TYPE_NOT_FOUND,
                format!("`{type_name}` is mapped to `{target}`, which Heat does not have"),
                format!("resource `{resource}` has type `{type_name}`; Heat: `The Resource Type ({type_name}) could not be found.`"),
            )
            .with_help(help)
        }
        FindingKind::FunctionFails {
            resource,
            property,
            message,
        } => d(
            &codes::FUNCTION_FAILS,
            format!("this function fails in property `{property}` of resource `{resource}`"),
            format!("Heat: {message}"),
        )
        .with_help(
            "Heat resolves properties with the parameters' values when it validates the stack \
             and refuses it (`Property error: ...`); fix the arguments, or the parameter's type \
             or value",
        ),
        FindingKind::RegistryFileNotFound {
            path,
            resolved,
            reason,
        } => {
            let label = match reason {
                LoadErrorKind::NotFound => format!("no file at `{resolved}`"),
                LoadErrorKind::Unreadable(why) => format!("`{resolved}` cannot be read: {why}"),
                LoadErrorKind::Remote => "a URL, which hotc does not fetch".to_owned(),
            };
            d(
                &codes::REGISTRY_FILE_NOT_FOUND,
                format!("the registry names a missing file `{path}`"),
                label,
            )
            .with_help(
                "heatclient reads every registry value without `::` as a file, relative to the \
                 environment file, and stops when one cannot be read (`Could not fetch contents \
                 for ...`); create the file, fix the path, or map the type to a type name",
            )
        }
        FindingKind::NestedTemplateNotFound {
            resource,
            path,
            resolved,
            reason,
            via,
        } => {
            let label = match reason {
                LoadErrorKind::NotFound => format!("no file at `{resolved}`"),
                LoadErrorKind::Unreadable(why) => format!("`{resolved}` cannot be read: {why}"),
                LoadErrorKind::Remote => "a URL, which hotc does not fetch".to_owned(),
            };
            let label = match via {
                Some(env) => format!("{label} (mapped by `{env}`)"),
                None => label,
            };
            d(
                &codes::NESTED_TEMPLATE_NOT_FOUND,
                format!("resource `{resource}` names a missing template `{path}`"),
                label,
            )
            .with_help(format!(
                "paths are relative to the file that names them; create it or fix the path; Heat: `Could not fetch remote template \"{path}\"`"
            ))
        }
        FindingKind::NestedParameterNotGiven {
            resource,
            type_name,
            parameter,
        } => d(
            &codes::NESTED_PARAMETER_NOT_GIVEN,
            format!("resource `{resource}` does not give parameter `{parameter}` of `{type_name}`"),
            format!("`{parameter}` has no default in `{type_name}`"),
        )
        .with_help(format!(
            "add `{parameter}` to the resource's properties (or give it in an environment's parameter_defaults); Heat: `Property {parameter} not assigned`"
        )),
    }
}

/// Where a given value came from, in words (never the value itself: it
/// may be hidden).
fn given_by_text(given_by: &GivenBy) -> String {
    match given_by {
        GivenBy::CommandLine => "given by -P or --parameter-file".to_owned(),
        GivenBy::Environment { file, section } => format!("given in `{section}` of `{file}`"),
    }
}

/// HOT065's label and help, by Heat's message for each merge failure.
fn merge_problem(problem: &MergeProblem) -> (String, String) {
    match problem {
        MergeProblem::ConflictingStrategy {
            file,
            param,
            strategy,
        } => (
            format!("`{param}` is merged with `{strategy}` here but with another strategy before"),
            format!(
                "give `{param}` one strategy in every file; Heat: `Conflicting merge strategy '{strategy}' for parameter '{param}' in file '{file}'.`"
            ),
        ),
        MergeProblem::InvalidStrategy { param, .. } => (
            format!("boolean `{param}` cannot be merged"),
            format!(
                "use `overwrite` for it; Heat: `Invalid merge strategy 'merge' for parameter '{param}'.`"
            ),
        ),
        MergeProblem::InvalidParameter { param, reason, .. } => (
            format!(
                "`{param}` cannot be merged as its type says{}",
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(": {reason}")
                }
            ),
            "give a string or a list (a JSON parameter: JSON) to merge".to_owned(),
        ),
        MergeProblem::HeatFails { reason, .. } => (
            format!("Heat's merge fails here with a Python error: {reason}"),
            "use `overwrite`, or values of the same type in every file".to_owned(),
        ),
        MergeProblem::NotAMapping { file } => (
            format!("`{file}` is not a mapping"),
            "an environment is a mapping of sections".to_owned(),
        ),
        MergeProblem::WrongSection { section, .. } | MergeProblem::EmptySection { section, .. } => {
            (
                format!("section `{section}`"),
                "see the environment file's own findings".to_owned(),
            )
        }
    }
}

/// HOT050: an error, except for `get_resource` in an output, which Heat
/// accepts and fails only that output for.
fn unknown_reference(
    span: Span,
    via: Reference,
    name: &str,
    suggestion: Option<&str>,
    in_output: bool,
) -> Diagnostic {
    let what = match via {
        Reference::GetResource => "`get_resource`",
        Reference::GetAttr => "`get_attr`",
        Reference::DependsOn => "`depends_on`",
    };
    let mut diagnostic = Diagnostic::new(
        &codes::UNKNOWN_REFERENCE,
        format!("{what} names unknown resource `{name}`"),
        Label::new(
            span,
            suggestion.map_or_else(
                || "not a resource of this template".to_owned(),
                |s| format!("did you mean `{s}`?"),
            ),
        ),
    )
    .with_help(match (suggestion, in_output) {
        (Some(s), _) => format!("rename it to `{s}`"),
        (None, false) => "name a resource defined in the `resources` section".to_owned(),
        (None, true) => "name a resource defined in the `resources` section; Heat creates the stack but the output fails".to_owned(),
    });
    if in_output {
        diagnostic.severity = Severity::Warning;
    }
    diagnostic
}

/// HOT051: an error, except in an output, where Heat creates the stack and
/// fails only the output.
fn unknown_parameter(
    span: Span,
    name: &str,
    suggestion: Option<&str>,
    in_output: bool,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        &codes::UNKNOWN_PARAMETER,
        format!("`get_param` names undeclared parameter `{name}`"),
        Label::new(
            span,
            suggestion.map_or_else(
                || "not a parameter of this template".to_owned(),
                |s| format!("did you mean `{s}`?"),
            ),
        ),
    )
    .with_help(match (suggestion, in_output) {
        (Some(s), _) => format!("rename it to `{s}`"),
        (None, false) => format!("declare `{name}` in the `parameters` section"),
        (None, true) => format!(
            "declare `{name}` in the `parameters` section; Heat creates the stack but the output fails"
        ),
    });
    if in_output {
        diagnostic.severity = Severity::Warning;
    }
    diagnostic
}

/// HOT057: the first step is the primary label, every other step a
/// secondary one.
fn dependency_cycle(path: &[String], edges: &[(Span, Reference)]) -> Diagnostic {
    let step = |i: usize, via: Reference| {
        let from = path.get(i).map_or("", String::as_str);
        let to = path.get(i + 1).map_or("", String::as_str);
        match via {
            Reference::GetResource | Reference::GetAttr => format!("`{from}` refers to `{to}`"),
            Reference::DependsOn => format!("`{from}` depends on `{to}`"),
        }
    };
    let names: Vec<String> = path.iter().map(|n| format!("`{n}`")).collect();
    let mut steps = edges.iter().enumerate();
    let primary = steps.next().map_or_else(
        || Label::new(Span::default(), "here"),
        |(i, (span, via))| Label::new(*span, step(i, *via)),
    );
    let mut diagnostic = Diagnostic::new(
        &codes::DEPENDENCY_CYCLE,
        if path.len() == 2 {
            format!(
                "resource {} depends on itself",
                names.first().map_or("", String::as_str)
            )
        } else {
            format!("dependency cycle: {}", names.join(" -> "))
        },
        primary,
    );
    for (i, (span, via)) in steps {
        diagnostic = diagnostic.with_secondary(Label::new(*span, step(i, *via)));
    }
    diagnostic.with_help(
        "no resource of a cycle can be created first; remove one of these references (a `depends_on` is often redundant)",
    )
}

fn redundant_depends_on(
    span: Span,
    resource: &str,
    target: &str,
    via: Reference,
    reference: Span,
    removal: Option<Span>,
) -> Diagnostic {
    let call = match via {
        Reference::GetResource => "get_resource",
        Reference::GetAttr => "get_attr",
        Reference::DependsOn => "depends_on",
    };
    let diagnostic = Diagnostic::new(
        &codes::REDUNDANT_DEPENDS_ON,
        format!("`{resource}` already depends on `{target}`"),
        Label::new(span, "redundant `depends_on` entry"),
    )
    .with_secondary(Label::new(
        reference,
        format!("this `{call}` already makes `{resource}` wait for `{target}`"),
    ))
    .with_help(format!(
        "Heat orders a resource after every resource its `get_resource` and `get_attr` calls name; remove `{target}` from `depends_on`"
    ));
    match removal {
        Some(cut) => diagnostic.with_fix(Fix {
            description: format!("Remove `{target}` from `depends_on`"),
            edits: vec![Edit {
                span: cut,
                replacement: String::new(),
            }],
        }),
        None => diagnostic,
    }
}

/// How a resource gets a type.
const RESOURCE_TYPE_HELP: &str =
    "add `type:` with a resource type such as `OS::Heat::RandomString` or a template file name";

/// A required key that is missing because it is misspelt; `span` is the
/// misspelt key.
fn misspelt_key(
    info: &CodeInfo,
    span: Span,
    message: String,
    key: &str,
    wanted: &str,
) -> Diagnostic {
    Diagnostic::new(
        info,
        message,
        Label::new(span, format!("did you mean `{wanted}`?")),
    )
    .with_help(format!("rename `{key}` to `{wanted}`"))
}

fn unknown_key(span: Span, unknown: &UnknownKey) -> Diagnostic {
    let (info, what) = match unknown.place {
        KeyPlace::Section => (&codes::UNKNOWN_SECTION, "template section".to_owned()),
        KeyPlace::Resource => (&codes::UNKNOWN_RESOURCE_KEY, "resource key".to_owned()),
        KeyPlace::Output => (&codes::UNKNOWN_OUTPUT_KEY, "output key".to_owned()),
        KeyPlace::Parameter => (&codes::UNKNOWN_PARAMETER_KEY, "parameter key".to_owned()),
    };
    let key = &unknown.key;
    let message = match &unknown.owner {
        Some(owner) => format!("unknown {what} `{key}` in `{owner}`"),
        None => format!("unknown {what} `{key}`"),
    };
    let version = unknown.version.date();
    let (label, mut help) = if let Some(since) = unknown.since {
        (
            format!("needs heat_template_version {} or later", since.date()),
            format!(
                "`{key}` exists from {} on; this template is {version}. Raise heat_template_version or remove `{key}`",
                since.date()
            ),
        )
    } else if let Some(s) = unknown.suggestion {
        (
            format!("did you mean `{s}`?"),
            format!("rename it to `{s}`"),
        )
    } else {
        (
            format!("not a {what}"),
            format!(
                "valid keys in {version} are {}",
                list(versions::names(unknown.place.place(), unknown.version))
            ),
        )
    };
    if unknown.place == KeyPlace::Output {
        help.push_str(
            "; Heat ignores it in a top-level stack but rejects it when this template is used as a nested template",
        );
    }
    Diagnostic::new(info, message, Label::new(span, label)).with_help(help)
}

fn resource_field(span: Span, resource: &str, field: &str, problem: &FieldProblem) -> Diagnostic {
    let info = &codes::INVALID_RESOURCE_FIELD;
    match problem {
        FieldProblem::WrongType { expected, found } => {
            let help = match (field, expected) {
                ("properties" | "metadata" | "update_policy", _) if *found == Shape::Null => {
                    format!("an empty `{field}:` is null; write `{field}: {{}}` or remove the key")
                }
                ("depends_on", _) => {
                    "name the resources this one waits for: `depends_on: other` or `depends_on: [a, b]`".to_owned()
                }
                ("condition", _) => "name a condition from the `conditions` section, or write true or false".to_owned(),
                (_, Expected::String) => format!("quote the value to make it a string: `{field}: \"...\"`"),
                (_, _) => format!("change `{field}` to {}", expected_text(*expected)),
            };
            Diagnostic::new(
                info,
                format!(
                    "`{field}` of resource `{resource}` must be {}",
                    expected_text(*expected)
                ),
                Label::new(span, format!("found {}", shape(*found))),
            )
            .with_help(help)
        }
        FieldProblem::DependencyNotString { found } => Diagnostic::new(
            info,
            format!("`depends_on` of resource `{resource}` must list resource names"),
            Label::new(
                span,
                format!("expected a resource name, found {}", shape(*found)),
            ),
        )
        .with_help("write each dependency as the name of a resource in this template"),
        FieldProblem::UnknownDeletionPolicy {
            found,
            version,
            suggestion,
            since,
        } => {
            let allowed = one_of(versions::names(versions::Place::DeletionPolicy, *version));
            let help = match (since, suggestion) {
                (Some(since), Some(s)) => format!(
                    "lower-case policies need heat_template_version {} or later; write `{s}` or raise the version",
                    since.date()
                ),
                (Some(since), None) => format!(
                    "this needs heat_template_version {} or later; {} allows {allowed}",
                    since.date(),
                    version.date()
                ),
                (None, Some(s)) => format!("did you mean `{s}`?"),
                (None, None) => format!("use {allowed}"),
            };
            Diagnostic::new(
                info,
                format!("invalid deletion policy `{found}` for resource `{resource}`"),
                Label::new(span, "not a deletion policy"),
            )
            .with_help(help)
        }
    }
}

fn constraint(span: Span, parameter: &str, problem: &ConstraintProblem) -> Diagnostic {
    let info = &codes::INVALID_PARAMETER_CONSTRAINT;
    let d = |message: String, label: String, help: String| {
        Diagnostic::new(info, message, Label::new(span, label)).with_help(help)
    };
    let kinds =
        "`length`, `range`, `modulo`, `allowed_values`, `allowed_pattern` or `custom_constraint`";
    match problem {
        ConstraintProblem::NotAList { found } => d(
            format!("constraints of parameter `{parameter}` must be a list"),
            format!("found {}", shape(*found)),
            "write each constraint as a `- ` list entry".to_owned(),
        ),
        ConstraintProblem::EntryNotAMapping { found } => d(
            format!("constraint of parameter `{parameter}` is not a mapping"),
            format!("found {}", shape(*found)),
            format!("write the constraint as a mapping with one of {kinds}"),
        ),
        ConstraintProblem::UnknownKey { key, suggestion } => d(
            format!("unknown constraint `{key}` in parameter `{parameter}`"),
            suggestion.map_or_else(
                || "not a constraint".to_owned(),
                |s| format!("did you mean `{s}`?"),
            ),
            format!("a constraint has one of {kinds}, and optionally `description`"),
        ),
        ConstraintProblem::NoConstraint { modulo_since } => match modulo_since {
            Some(since) => d(
                format!("`modulo` does not work in this version (parameter `{parameter}`)"),
                format!("needs heat_template_version {} or later", since.date()),
                format!(
                    "Heat reports \"No constraint expressed\" for `modulo` before {}; raise heat_template_version",
                    since.date()
                ),
            ),
            None => d(
                format!("constraint of parameter `{parameter}` expresses nothing"),
                "no constraint here".to_owned(),
                format!("add one of {kinds}"),
            ),
        },
        ConstraintProblem::BoundsNotAMapping { kind, found } => d(
            format!("`{kind}` of parameter `{parameter}` must be a mapping"),
            format!("found {}", shape(*found)),
            bounds_help(kind),
        ),
        ConstraintProblem::UnknownBound {
            kind,
            key,
            allowed,
            suggestion,
        } => d(
            format!("unknown key `{key}` in `{kind}` of parameter `{parameter}`"),
            suggestion.map_or_else(
                || format!("not a key of `{kind}`"),
                |s| format!("did you mean `{s}`?"),
            ),
            format!("`{kind}` takes {}", list(allowed.iter().copied())),
        ),
        ConstraintProblem::BoundNotANumber { kind, bound } => d(
            format!("`{bound}` of `{kind}` in parameter `{parameter}` is not a number"),
            "expected a number".to_owned(),
            bounds_help(kind),
        ),
        ConstraintProblem::BoundNotWhole { kind, bound } => d(
            format!("`{bound}` of `{kind}` in parameter `{parameter}` is not a whole number"),
            "expected a whole number".to_owned(),
            bounds_help(kind),
        ),
        ConstraintProblem::NoBounds { kind } => d(
            format!("`{kind}` of parameter `{parameter}` has no bounds"),
            "neither `min` nor `max`".to_owned(),
            bounds_help(kind),
        ),
        ConstraintProblem::ModuloIncomplete { missing } => d(
            format!("`modulo` of parameter `{parameter}` has no `{missing}`"),
            format!("`{missing}` missing"),
            bounds_help("modulo"),
        ),
        ConstraintProblem::ModuloZeroStep => d(
            format!("`modulo` step of parameter `{parameter}` is 0"),
            "step cannot be 0".to_owned(),
            bounds_help("modulo"),
        ),
        ConstraintProblem::ModuloOffsetTooLarge => d(
            format!("`modulo` offset of parameter `{parameter}` is not smaller than its step"),
            "offset too large".to_owned(),
            "the offset must be smaller than the step, by absolute value".to_owned(),
        ),
        ConstraintProblem::ModuloSignsDiffer => d(
            format!("`modulo` step and offset of parameter `{parameter}` have different signs"),
            "sign differs from the step".to_owned(),
            "make the step and the offset both positive or both negative".to_owned(),
        ),
        ConstraintProblem::AllowedValuesNotAList { found } => d(
            format!("`allowed_values` of parameter `{parameter}` must be a list"),
            format!("found {}", shape(*found)),
            "write the values as a list, as in `allowed_values: [small, large]`".to_owned(),
        ),
        ConstraintProblem::PatternNotAString { found } => d(
            format!("`allowed_pattern` of parameter `{parameter}` must be a string"),
            format!("found {}", shape(*found)),
            "quote the pattern to make it a string".to_owned(),
        ),
        ConstraintProblem::WrongTypeForConstraint {
            kind,
            param_type,
            valid_types,
        } => d(
            format!("`{kind}` does not apply to parameter `{parameter}` of type {param_type}"),
            format!("invalid for {param_type}"),
            format!(
                "`{kind}` works on {}; {}",
                list(valid_types.iter().copied()),
                match *kind {
                    "range" if param_type == "string" => "to limit a string's size use `length`",
                    "length" if param_type == "number" => "to limit a number use `range`",
                    _ => "remove it or change the parameter's type",
                }
            ),
        ),
    }
}

fn bounds_help(kind: &str) -> String {
    match kind {
        "modulo" => "write `modulo: {step: 2, offset: 0}` with whole numbers, the offset smaller than the step".to_owned(),
        "length" => "write `length: {min: 1, max: 255}` with whole numbers; either bound may be left out".to_owned(),
        _ => format!("write `{kind}: {{min: 1, max: 10}}` with numbers; either bound may be left out"),
    }
}

fn group(span: Span, problem: &GroupProblem) -> Diagnostic {
    let info = &codes::INVALID_PARAMETER_GROUP;
    match problem {
        GroupProblem::GroupNotAMapping { found } => Diagnostic::new(
            info,
            "parameter group is not a mapping",
            Label::new(span, format!("found {}", shape(*found))),
        )
        .with_help("write each group as a mapping with `label`, `description` and `parameters`"),
        GroupProblem::MissingParameters { label } => Diagnostic::new(
            info,
            match label {
                Some(label) => format!("parameter group `{label}` lists no parameters"),
                None => "parameter group lists no parameters".to_owned(),
            },
            Label::new(span, "no `parameters` list"),
        )
        .with_help("add `parameters:` with a list of parameter names"),
        GroupProblem::ParametersNotAList { found } => Diagnostic::new(
            info,
            "`parameters` of a parameter group must be a list",
            Label::new(span, format!("found {}", shape(*found))),
        )
        .with_help("write the names as a list, as in `parameters: [flavor, image]`"),
        GroupProblem::UnknownParameter { name, suggestion } => Diagnostic::new(
            info,
            format!("parameter group lists undefined parameter `{name}`"),
            Label::new(
                span,
                suggestion.as_ref().map_or_else(
                    || "not a parameter of this template".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                ),
            ),
        )
        .with_help(match suggestion {
            Some(s) => format!("rename it to `{s}`"),
            None => "list only parameters defined in the `parameters` section".to_owned(),
        }),
        GroupProblem::AlreadyGrouped { name, first } => Diagnostic::new(
            info,
            format!("parameter `{name}` is in more than one group"),
            Label::new(span, "listed again here"),
        )
        .with_secondary(Label::new(*first, "first listed here"))
        .with_help("a parameter belongs to one group only; remove one of the listings"),
    }
}

/// "a mapping", "a list", ... for messages.
fn expected_text(expected: Expected) -> &'static str {
    match expected {
        Expected::Mapping => "a mapping",
        Expected::List => "a list",
        Expected::String => "a string",
        Expected::StringOrList => "a resource name or a list of them",
        Expected::StringOrBool => "a condition name or a boolean",
    }
}

/// How a found value is described.
fn shape(shape: Shape) -> &'static str {
    match shape {
        Shape::Null => "an empty value (null)",
        Shape::Bool => "a boolean",
        Shape::Int => "an integer",
        Shape::Float => "a number",
        Shape::Str => "a string",
        Shape::Seq => "a list",
        Shape::Map => "a mapping",
    }
}

/// The opening bracket for a closing one.
fn opening(close: char) -> char {
    match close {
        ']' => '[',
        '}' => '{',
        other => other,
    }
}

/// "`a`, `b` and `c`".
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    join(items, "and")
}

/// "`a`, `b` or `c`", for alternatives.
fn one_of<'a>(items: impl Iterator<Item = &'a str>) -> String {
    join(items, "or")
}

fn join<'a>(items: impl Iterator<Item = &'a str>, conjunction: &str) -> String {
    let quoted: Vec<String> = items.map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests;
