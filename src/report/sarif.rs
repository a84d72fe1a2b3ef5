//! SARIF 2.1.0 output, for code scanning services (GitHub, Azure DevOps) and
//! SARIF viewers.
//!
//! One run, whose driver lists a rule for each code that occurs (sorted by
//! code), and one result per diagnostic. Secondary labels become related
//! locations and automatic fixes become SARIF fixes. Columns count Unicode
//! code points, which the run declares with `columnKind`, and end columns are
//! exclusive, as SARIF defines them. Paths under the working directory are
//! written relative to it (against the `%SRCROOT%` base), others as absolute
//! `file:` URIs.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use hotc_compiler::diagnostics::codes::{CodeInfo, lookup};
use hotc_compiler::diagnostics::{Diagnostic, Severity};
use hotc_grammar::Span;
use serde_json::{Value, json};

use super::{FileReport, Unreadable};

/// The OASIS schema of the errata 01 edition, the one SARIF 2.1.0 tools
/// validate against.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// The whole SARIF log for a run, pretty-printed, ending in a newline.
///
/// `cwd` is the directory relative paths are resolved against; without it
/// paths are written as given.
pub(crate) fn render(
    files: &[FileReport],
    unreadable: &[Unreadable],
    cwd: Option<&Path>,
) -> String {
    let locator = Locator { cwd };

    // Rules are indexed in code order; results refer to them by index too.
    let used: BTreeMap<&str, Option<&CodeInfo>> = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .map(|d| (d.code, lookup(d.code)))
        .collect();
    let rule_index: BTreeMap<&str, usize> = used.keys().enumerate().map(|(i, c)| (*c, i)).collect();
    let rules: Vec<Value> = used.iter().map(|(code, info)| rule(code, *info)).collect();

    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.diagnostics
                .iter()
                .map(|d| result(&locator, file, d, &rule_index))
        })
        .collect();

    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|u| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", u.name, u.message) },
                "locations": [{
                    "physicalLocation": { "artifactLocation": locator.artifact(Path::new(&u.name)) }
                }],
            })
        })
        .collect();

    let mut driver = json!({
        "name": "hotc",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let information_uri = option_env!("CARGO_PKG_HOMEPAGE").unwrap_or("");
    if !information_uri.is_empty() {
        driver["informationUri"] = json!(information_uri);
    }

    let mut run = json!({
        "tool": { "driver": driver },
        "invocations": [{
            "executionSuccessful": unreadable.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = cwd.and_then(directory_uri) {
        run["originalUriBaseIds"] = json!({ SRCROOT: { "uri": root } });
    }

    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut out =
        serde_json::to_string_pretty(&log).expect("a JSON value always serializes to a string");
    out.push('\n');
    out
}

fn rule(code: &str, info: Option<&CodeInfo>) -> Value {
    let Some(info) = info else {
        // The code table is the single source of codes, so this only happens
        // if the compiler and its table disagree; still emit a valid rule.
        return json!({ "id": code });
    };
    json!({
        "id": info.code,
        "name": info.name,
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": doc_summary(info.doc).unwrap_or_else(|| info.summary.to_owned()) },
        "help": { "text": info.doc, "markdown": info.doc },
        "defaultConfiguration": { "level": level(info.severity) },
    })
}

fn result(
    locator: &Locator<'_>,
    file: &FileReport,
    d: &Diagnostic,
    rule_index: &BTreeMap<&str, usize>,
) -> Value {
    let artifact = locator.artifact(&file.path);
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": region(file, d.primary.span),
        }
    });
    if !d.primary.message.is_empty() {
        location["message"] = json!({ "text": d.primary.message });
    }
    let mut result = json!({
        "ruleId": d.code,
        "ruleIndex": rule_index.get(d.code).copied().expect("every code used has a rule"),
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [location],
    });
    if !d.secondary.is_empty() {
        let related: Vec<Value> = d
            .secondary
            .iter()
            .zip(1..)
            .map(|(label, id)| {
                json!({
                    "id": id,
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": region(file, label.span),
                    },
                    "message": { "text": label.message },
                })
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(file, edit.span),
                    "insertedContent": { "text": edit.replacement },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.description },
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": replacements,
            }],
        }]);
    }
    result
}

fn region(file: &FileReport, span: Span) -> Value {
    let r = file.region(span);
    json!({
        "startLine": r.line,
        "startColumn": r.column,
        "endLine": r.end_line,
        "endColumn": r.end_column,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The first paragraph of a code's markdown page that is prose (not a
/// heading, list, code block or quote), on one line.
fn doc_summary(doc: &str) -> Option<String> {
    let mut in_fence = false;
    for paragraph in doc.split("\n\n") {
        let trimmed = paragraph.trim();
        let fences = trimmed
            .lines()
            .filter(|l| l.trim_start().starts_with("```"))
            .count();
        let starts_fence = trimmed.starts_with("```");
        if in_fence || starts_fence {
            // An odd number of fences toggles whether we are inside a block.
            if fences % 2 == 1 {
                in_fence = !in_fence;
            }
            continue;
        }
        let structural = ['#', '-', '*', '>', '|', '<'];
        if trimmed.is_empty() || trimmed.starts_with(structural) {
            continue;
        }
        return Some(trimmed.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    None
}

/// Builds SARIF artifact locations from paths.
struct Locator<'a> {
    cwd: Option<&'a Path>,
}

impl Locator<'_> {
    fn artifact(&self, path: &Path) -> Value {
        let Some(cwd) = self.cwd else {
            return json!({ "uri": relative_uri(path) });
        };
        let absolute = normalize(&cwd.join(path));
        match absolute.strip_prefix(normalize(cwd)) {
            Ok(relative) => json!({ "uri": relative_uri(relative), "uriBaseId": SRCROOT }),
            Err(_) => json!({ "uri": file_uri(&absolute) }),
        }
    }
}

/// Resolves `.` and `..` without touching the disk (symbolic links are taken
/// at face value, which is what a user reading the paths expects).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Prefix(_) | Component::RootDir | Component::Normal(_) => out.push(component),
        }
    }
    out
}

/// A relative URI reference: percent-encoded segments joined by `/`.
fn relative_uri(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(encode_segment(&s.to_string_lossy())),
            Component::ParentDir => Some("..".to_owned()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect();
    segments.join("/")
}

/// An absolute `file:` URI for a normalized absolute path.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                // Windows drive letters: file:///C:/dir.
                uri.push('/');
                uri.push_str(&prefix.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::Normal(s) => {
                uri.push('/');
                uri.push_str(&encode_segment(&s.to_string_lossy()));
            }
            Component::RootDir | Component::CurDir | Component::ParentDir => {}
        }
    }
    if uri == "file://" {
        // The root directory itself.
        uri.push('/');
    }
    uri
}

/// The `file:` URI of a directory, ending in `/` as SARIF requires of base URIs.
fn directory_uri(dir: &Path) -> Option<String> {
    if !dir.is_absolute() {
        return None;
    }
    let mut uri = file_uri(&normalize(dir));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// Percent-encodes everything in a path segment except RFC 3986 unreserved
/// characters and the sub-delimiters that are safe in paths. `:` is encoded
/// so that a relative reference can never be mistaken for a scheme.
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
