//! `hotc schema import`: read the resource-type schemas of a real Heat and
//! write them as data files, one per type.
//!
//! Two sources give the same facts. `--heat-url` asks a Heat API
//! (`GET /resource_types`, then `GET /resource_types/{type}` for each), which
//! offers only the types whose service the cloud has and never hidden ones.
//! `--heat-python` runs `tests/oracle/heat_schemas.py` (carried in the
//! binary) with a Python that has openstack-heat installed, which builds the
//! same dicts as the engine for every registered type, hidden ones included,
//! and adds the support status of properties and attributes (the script's
//! docstring says exactly what it adds).
//!
//! Guarantees: every file written is an object naming its type, with
//! `properties` and `attributes` objects, in one canonical form (keys sorted
//! at every depth, two-space indent, final newline), so that re-imports diff
//! cleanly. Nothing is written unless the source could be read; a type that
//! could not be imported is reported and leaves its old file alone. A
//! complete import (no `--type`) removes the files of types that the
//! previous import listed in `manifest.json` and this one no longer has;
//! files the importer did not write (a hand-written schema) are never
//! touched.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{ArgGroup, Args, Subcommand};
use serde_json::{Map, Value};

use super::{print_error, write_stderr, write_stdout};
use crate::ExitStatus;
use crate::walk::describe;

/// The importer's Python half. It is compiled in so that `--heat-python`
/// works from any directory, not only from a checkout of hotc.
const HEAT_SCHEMAS_PY: &str = include_str!("../../tests/oracle/heat_schemas.py");

/// The file in the output directory that records the last import.
const MANIFEST: &str = "manifest.json";

#[derive(Debug, Args)]
#[command(about = "Work with resource-type schemas")]
pub(crate) struct SchemaArgs {
    #[command(subcommand)]
    command: SchemaCommand,
}

#[derive(Debug, Subcommand)]
enum SchemaCommand {
    Import(ImportArgs),
}

#[derive(Debug, Args)]
#[command(
    about = "Import resource-type schemas from a Heat",
    long_about = "Import resource-type schemas from a Heat.\n\n\
        Writes one JSON file per type, in Heat's API form, under\n\
        DIR/<Namespace>/<Service>/<Name>.json (OS::Nova::Server goes to\n\
        DIR/OS/Nova/Server.json), and DIR/manifest.json, which records the\n\
        Heat version, the source, the date and the types.\n\n\
        --heat-url asks a Heat API; it offers only the types whose service\n\
        the cloud has, and no hidden types. --heat-python reads every type\n\
        registered in a Heat installation (plugins included), hidden ones too.\n\n\
        Exit status: 0 when every type was imported, 1 when some could not\n\
        be (they are listed, the others are written), 2 when the source\n\
        could not be read.",
    group(ArgGroup::new("source").required(true).args(["heat_url", "heat_python"]))
)]
pub(crate) struct ImportArgs {
    /// A Heat API endpoint with its project: https://heat.example.com/v1/PROJECT.
    #[arg(long, value_name = "URL")]
    heat_url: Option<String>,

    /// A Keystone token, sent as X-Auth-Token with every request to the API.
    #[arg(long, value_name = "TOKEN", requires = "heat_url")]
    token: Option<String>,

    /// The Heat release to record in the manifest (the API does not say).
    #[arg(long, value_name = "VERSION", requires = "heat_url")]
    heat_version: Option<String>,

    /// A Python interpreter that has openstack-heat installed.
    #[arg(long, value_name = "PYTHON")]
    heat_python: Option<PathBuf>,

    /// A heat.conf whose plugin_dirs and environment_dir to use (repeatable).
    #[arg(long, value_name = "FILE", requires = "heat_python")]
    heat_config: Vec<PathBuf>,

    /// Import only this type (repeatable); other files are left as they are.
    #[arg(long = "type", value_name = "TYPE")]
    types: Vec<String>,

    /// The directory to write the schemas to.
    #[arg(long, value_name = "DIR", default_value = "stdlib/schemas")]
    out: PathBuf,
}

pub(crate) fn run(args: &SchemaArgs) -> ExitStatus {
    match &args.command {
        SchemaCommand::Import(args) => import(args),
    }
}

/// Where the schemas of one import came from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    HeatPython { config_files: Vec<PathBuf> },
    HeatUrl { url: String },
}

impl Source {
    fn to_json(&self) -> Value {
        let mut out = Map::new();
        match self {
            Source::HeatPython { config_files } => {
                out.insert("kind".into(), "heat-python".into());
                let files = config_files
                    .iter()
                    .map(|f| Value::from(f.to_string_lossy().into_owned()));
                out.insert("config_files".into(), Value::Array(files.collect()));
            }
            Source::HeatUrl { url } => {
                out.insert("kind".into(), "heat-url".into());
                out.insert("url".into(), url.clone().into());
            }
        }
        Value::Object(out)
    }
}

/// What one import read from a Heat, before anything is written.
#[derive(Debug)]
struct Import {
    /// The Heat release the schemas came from, when known.
    heat_version: Option<String>,
    source: Source,
    /// Each type's schema, checked by `check_schema`.
    types: BTreeMap<String, Value>,
    /// Type names that stand for another type (`OS::Quantum*` ->
    /// `OS::Neutron*`), from the global environment.
    aliases: BTreeMap<String, String>,
    /// Types that could not be imported, with the reason.
    failures: BTreeMap<String, String>,
    /// Whether every type the source has was asked for (no `--type`): only
    /// then can a type missing from this import be taken as gone.
    complete: bool,
}

fn import(args: &ImportArgs) -> ExitStatus {
    let read = match (&args.heat_url, &args.heat_python) {
        (Some(url), _) => from_url(url, args.token.as_deref(), &args.types),
        (None, Some(python)) => from_python(python, &args.heat_config, &args.types),
        // clap's required "source" group rules this out.
        (None, None) => Err("give --heat-url or --heat-python".to_owned()),
    };
    let mut import = match read {
        Ok(import) => import,
        Err(message) => {
            print_error(&message);
            return ExitStatus::Error;
        }
    };
    if let Some(version) = &args.heat_version {
        import.heat_version = Some(version.clone());
    }
    let written = match write_import(&args.out, &import, &today()) {
        Ok(written) => written,
        Err(message) => {
            print_error(&message);
            return ExitStatus::Error;
        }
    };
    let mut warnings = String::new();
    for (name, reason) in import.failures.iter().chain(&written.skipped) {
        warnings.push_str(&format!("warning: {name} not imported: {reason}\n"));
    }
    write_stderr(&warnings);
    let _ = write_stdout(&summary(&import, &written, &args.out));
    if import.failures.is_empty() && written.skipped.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

/// The report printed after an import: how many types, by support status.
fn summary(import: &Import, written: &Written, out: &Path) -> String {
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, schema) in &import.types {
        if written.skipped.contains_key(name) {
            continue;
        }
        *by_status.entry(type_status(schema)).or_default() += 1;
    }
    let statuses: Vec<String> = by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
    let version = import
        .heat_version
        .as_deref()
        .unwrap_or("of unknown version");
    let kind = match import.source {
        Source::HeatPython { .. } => "heat-python",
        Source::HeatUrl { .. } => "heat-url",
    };
    let count = match written.written {
        1 => "1 resource type".to_owned(),
        n => format!("{n} resource types"),
    };
    let mut text = format!(
        "imported {count} from Heat {version} ({kind}) into {}\n",
        out.display()
    );
    if !statuses.is_empty() {
        text.push_str(&format!("  support status: {}\n", statuses.join(", ")));
    }
    if !import.aliases.is_empty() {
        text.push_str(&format!(
            "  {} aliases recorded in {MANIFEST}\n",
            import.aliases.len()
        ));
    }
    for name in &written.removed {
        text.push_str(&format!("  removed {name} (no longer in Heat)\n"));
    }
    text
}

/// The type-level support status of a checked schema (`SUPPORTED` when the
/// source gave none).
fn type_status(schema: &Value) -> &str {
    schema
        .get("support_status")
        .and_then(|s| s.get("status"))
        .and_then(Value::as_str)
        .unwrap_or("SUPPORTED")
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

/// Runs the importer script with `python` and reads its JSON report.
fn from_python(python: &Path, config_files: &[PathBuf], only: &[String]) -> Result<Import, String> {
    let mut cmd = Command::new(python);
    cmd.arg("-c").arg(HEAT_SCHEMAS_PY);
    for file in config_files {
        cmd.arg("--config-file").arg(file);
    }
    cmd.arg("--").args(only);
    let output = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {}", python.display(), describe(&e)))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{} could not read Heat's schemas ({}); is openstack-heat installed for it?\n{}",
            python.display(),
            output.status,
            tail.join("\n")
        ));
    }
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "{} printed something that is not JSON: {e}",
            python.display()
        )
    })?;
    let mut import = Import {
        heat_version: report
            .get("heat_version")
            .and_then(Value::as_str)
            .map(str::to_owned),
        source: Source::HeatPython {
            config_files: config_files.to_vec(),
        },
        types: BTreeMap::new(),
        aliases: BTreeMap::new(),
        failures: BTreeMap::new(),
        complete: only.is_empty(),
    };
    let types = report
        .get("types")
        .and_then(Value::as_object)
        .ok_or("the importer script's report has no \"types\" object")?;
    for (name, schema) in types {
        match check_schema(name, schema) {
            Ok(()) => {
                import.types.insert(name.clone(), schema.clone());
            }
            Err(reason) => {
                import.failures.insert(name.clone(), reason);
            }
        }
    }
    for (name, target) in report
        .get("aliases")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(target) = target.as_str() {
            import.aliases.insert(name.clone(), target.to_owned());
        }
    }
    for (name, reason) in report
        .get("errors")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let reason = reason
            .as_str()
            .map_or_else(|| reason.to_string(), str::to_owned);
        import.failures.insert(name.clone(), reason);
    }
    Ok(import)
}

/// A Heat API client: the endpoint (with its project) and the token.
struct Api {
    client: reqwest::blocking::Client,
    base: reqwest::Url,
    token: Option<String>,
}

impl Api {
    fn new(url: &str, token: Option<&str>) -> Result<Self, String> {
        let base = reqwest::Url::parse(url).map_err(|e| format!("{url} is not a URL: {e}"))?;
        if base.cannot_be_a_base() || !matches!(base.scheme(), "http" | "https") {
            return Err(format!("{url} is not an http(s) URL"));
        }
        let client = reqwest::blocking::Client::builder()
            .user_agent(concat!("hotc/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot start an HTTP client: {e}"))?;
        Ok(Api {
            client,
            base,
            token: token.map(str::to_owned),
        })
    }

    /// The endpoint's URL with `segments` appended (each one escaped, so a
    /// type name is one path segment whatever it holds).
    fn url(&self, segments: &[&str]) -> reqwest::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// GETs `url` and reads the body as JSON; an error status becomes the
    /// message Heat gave with it.
    fn get(&self, url: reqwest::Url) -> Result<Value, String> {
        let mut request = self
            .client
            .get(url.clone())
            .header("Accept", "application/json");
        if let Some(token) = &self.token {
            request = request.header("X-Auth-Token", token);
        }
        // The URL is already at the start of the message.
        let response = request
            .send()
            .map_err(|e| format!("GET {url}: {}", error_chain(&e.without_url())))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().unwrap_or_default();
            return Err(format!(
                "GET {url}: HTTP {status}: {}",
                heat_error_message(&body)
            ));
        }
        response
            .json()
            .map_err(|e| format!("GET {url}: the answer is not JSON: {e}"))
    }
}

/// An error and its causes on one line (reqwest's own message alone says
/// only "error sending request").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The message of a Heat error body (`{"error": {"type", "message"}}`), or
/// the start of the body when it is something else.
fn heat_error_message(body: &str) -> String {
    if let Ok(value) = serde_json::from_str::<Value>(body)
        && let Some(error) = value.get("error")
    {
        let kind = error.get("type").and_then(Value::as_str).unwrap_or("error");
        let message = error.get("message").and_then(Value::as_str).unwrap_or("");
        return format!("{kind}: {message}");
    }
    body.trim().chars().take(200).collect()
}

/// Lists the API's types (with their descriptions) and fetches each schema.
fn from_url(url: &str, token: Option<&str>, only: &[String]) -> Result<Import, String> {
    let api = Api::new(url, token)?;
    let mut listing = api.url(&["resource_types"]);
    // The single-type GET never returns the description (its route ignores
    // `with_description`); the listing does.
    listing
        .query_pairs_mut()
        .append_pair("with_description", "true");
    let listed = parse_listing(&api.get(listing)?)?;
    let names: Vec<String> = if only.is_empty() {
        listed.keys().cloned().collect()
    } else {
        only.to_vec()
    };
    let mut import = Import {
        heat_version: None,
        source: Source::HeatUrl {
            url: url.to_owned(),
        },
        types: BTreeMap::new(),
        aliases: BTreeMap::new(),
        failures: BTreeMap::new(),
        complete: only.is_empty(),
    };
    for name in names {
        let fetched = api
            .get(api.url(&["resource_types", &name]))
            .and_then(|mut schema| {
                if let (Some(Some(description)), Some(fields)) =
                    (listed.get(&name), schema.as_object_mut())
                {
                    fields.insert("description".into(), description.clone().into());
                }
                check_schema(&name, &schema).map(|()| schema)
            });
        match fetched {
            Ok(schema) => {
                import.types.insert(name, schema);
            }
            Err(reason) => {
                import.failures.insert(name, reason);
            }
        }
    }
    Ok(import)
}

/// The names in a `GET /resource_types` answer, each with its description
/// when the API gave one (`with_description` is understood since Heat 6;
/// older APIs answer with a plain list of names).
fn parse_listing(answer: &Value) -> Result<BTreeMap<String, Option<String>>, String> {
    let items = answer
        .get("resource_types")
        .and_then(Value::as_array)
        .ok_or("the resource_types answer has no \"resource_types\" list")?;
    let mut listed = BTreeMap::new();
    for item in items {
        match item {
            Value::String(name) => {
                listed.insert(name.clone(), None);
            }
            Value::Object(fields) => {
                let name = fields
                    .get("resource_type")
                    .and_then(Value::as_str)
                    .ok_or("a resource_types entry has no \"resource_type\"")?;
                let description = fields
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                listed.insert(name.to_owned(), description);
            }
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::Array(_) => {
                return Err(format!("unexpected resource_types entry {item}"));
            }
        }
    }
    Ok(listed)
}

/// Whether `schema` has the shape of Heat's API form for type `name`.
fn check_schema(name: &str, schema: &Value) -> Result<(), String> {
    let Some(fields) = schema.as_object() else {
        return Err("the schema is not a JSON object".to_owned());
    };
    match fields.get("resource_type").and_then(Value::as_str) {
        Some(found) if found == name => {}
        Some(found) => return Err(format!("the schema is for {found}")),
        None => return Err("the schema has no \"resource_type\"".to_owned()),
    }
    for key in ["properties", "attributes"] {
        if !fields.get(key).is_some_and(Value::is_object) {
            return Err(format!("the schema has no \"{key}\" object"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// What `write_import` did.
#[derive(Debug, Default)]
struct Written {
    written: usize,
    /// Types not written because their name cannot be a path, with why.
    skipped: BTreeMap<String, String>,
    /// Types whose file was removed because a complete import lacked them.
    removed: Vec<String>,
}

/// The file of type `name` under the output directory:
/// `OS::Nova::Server` -> `OS/Nova/Server.json`. Every `::`-separated part
/// must be a plain file name, so that no name can reach outside the
/// directory or collide with the manifest.
fn type_path(name: &str) -> Result<PathBuf, String> {
    let parts: Vec<&str> = name.split("::").collect();
    let (Some((last, dirs)), true) = (parts.split_last(), parts.len() >= 2) else {
        return Err("a type name has at least two `::`-separated parts".to_owned());
    };
    for part in &parts {
        let plain = !part.is_empty()
            && !part.starts_with('.')
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !plain {
            return Err(format!(
                "the part {part:?} is not a plain name (letters, digits, `_`, `-` and `.`)"
            ));
        }
    }
    let mut path: PathBuf = dirs.iter().collect();
    path.push(format!("{last}.json"));
    Ok(path)
}

/// `value` with the keys of every object sorted, written with a two-space
/// indent and a final newline: the one form every schema file has.
fn canonical_json(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(fields) => {
                let mut keys: Vec<&String> = fields.keys().collect();
                keys.sort();
                let mut out = Map::new();
                for key in keys {
                    if let Some(v) = fields.get(key) {
                        out.insert(key.clone(), sorted(v));
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => value.clone(),
        }
    }
    // Serialising a `Value` cannot fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(&sorted(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// The previous import's manifest in `out`, if there is one.
fn read_manifest(out: &Path) -> Result<Option<Value>, String> {
    let path = out.join(MANIFEST);
    match fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            format!(
                "{}: not a manifest hotc wrote ({e}); move it away first",
                path.display()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {}", path.display(), describe(&e))),
    }
}

/// The string items of `manifest[key]` (an array) or its keys (an object).
fn manifest_names(manifest: Option<&Value>, key: &str) -> BTreeSet<String> {
    match manifest.and_then(|m| m.get(key)) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::Object(fields)) => fields.keys().cloned().collect(),
        Some(Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)) | None => {
            BTreeSet::new()
        }
    }
}

/// Writes each type's file and the manifest under `out`, and (for a
/// complete import) removes the files of types that are gone.
///
/// The manifest of a complete import lists exactly its types; a partial one
/// (`--type`) adds its types and aliases to those already listed.
fn write_import(out: &Path, import: &Import, today: &str) -> Result<Written, String> {
    let old = read_manifest(out)?;
    let mut written = Written::default();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    for (name, schema) in &import.types {
        let relative = match type_path(name) {
            Ok(path) => path,
            Err(reason) => {
                written.skipped.insert(name.clone(), reason);
                continue;
            }
        };
        let path = out.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {}", dir.display(), describe(&e)))?;
        }
        fs::write(&path, canonical_json(schema))
            .map_err(|e| format!("{}: {}", path.display(), describe(&e)))?;
        written.written += 1;
        listed.insert(name.clone());
    }

    let mut aliases: BTreeMap<String, Value> = BTreeMap::new();
    if import.complete {
        for name in manifest_names(old.as_ref(), "types") {
            if listed.contains(&name) || import.failures.contains_key(&name) {
                continue;
            }
            let Ok(relative) = type_path(&name) else {
                continue;
            };
            let path = out.join(&relative);
            match fs::remove_file(&path) {
                Ok(()) => written.removed.push(name),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("{}: {}", path.display(), describe(&e))),
            }
            remove_empty_parents(out, &relative);
        }
        // A type that failed this time keeps its file, so it stays listed.
        for name in manifest_names(old.as_ref(), "types") {
            if import.failures.contains_key(&name) {
                listed.insert(name);
            }
        }
    } else {
        listed.extend(manifest_names(old.as_ref(), "types"));
        if let Some(Value::Object(old_aliases)) = old.as_ref().and_then(|m| m.get("aliases")) {
            aliases.extend(old_aliases.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    aliases.extend(
        import
            .aliases
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.clone()))),
    );

    let mut manifest = Map::new();
    manifest.insert(
        "aliases".into(),
        Value::Object(aliases.into_iter().collect()),
    );
    manifest.insert(
        "generator".into(),
        concat!("hotc schema import (hotc ", env!("CARGO_PKG_VERSION"), ")").into(),
    );
    manifest.insert("heat_version".into(), import.heat_version.clone().into());
    manifest.insert("imported_on".into(), today.into());
    manifest.insert("source".into(), import.source.to_json());
    manifest.insert(
        "types".into(),
        Value::Array(listed.into_iter().map(Value::from).collect()),
    );
    let path = out.join(MANIFEST);
    fs::create_dir_all(out).map_err(|e| format!("{}: {}", out.display(), describe(&e)))?;
    fs::write(&path, canonical_json(&Value::Object(manifest)))
        .map_err(|e| format!("{}: {}", path.display(), describe(&e)))?;
    Ok(written)
}

/// Removes the directories of `relative` (a file under `out`) that are now
/// empty, deepest first; stops at the first one that is not.
fn remove_empty_parents(out: &Path, relative: &Path) {
    let mut dir = relative.parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        // `remove_dir` refuses a directory that still has files: that is the
        // stop condition, not an error.
        if fs::remove_dir(out.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March first
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (see the bounds above).
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests;
