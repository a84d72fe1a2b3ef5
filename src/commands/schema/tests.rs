//! Tests of `hotc schema import`: the file layout and canonical form, the
//! manifest bookkeeping of complete and partial imports, that the committed
//! stdlib/schemas are what the importer writes, and (against a real Heat) that
//! the API and the Python source give the same schemas.
//!
//! The tests that need a real Heat use the Python of a venv with
//! openstack-heat (`$HOTC_HEAT_PYTHON`, else `~/.cache/heat-ref/venv`) and,
//! for the API, the launcher scripts of ../shared/heat (`$HOTC_HEAT_SCRIPTS`
//! overrides). They skip with a printed reason when these are missing,
//! unless `HOTC_REQUIRE_HEAT=1`.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

use super::*;

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Reports a skipped test, or fails when `HOTC_REQUIRE_HEAT=1`.
fn skip(why: &str) {
    let required = std::env::var("HOTC_REQUIRE_HEAT").is_ok_and(|v| v == "1");
    assert!(!required, "{why} (and HOTC_REQUIRE_HEAT=1)");
    eprintln!("SKIPPED: {why}; set HOTC_REQUIRE_HEAT=1 to make this a failure");
}

fn heat_python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HOTC_HEAT_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    let python = home.join(".cache/heat-ref/venv/bin/python");
    python.is_file().then_some(python)
}

/// A fresh directory under the system's temporary directory, removed when
/// dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("hotc-schema-{tag}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("the temporary directory can be made");
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn schema(name: &str) -> Value {
    json!({"resource_type": name, "properties": {}, "attributes": {},
           "support_status": {"status": "SUPPORTED", "message": null, "version": null, "previous_status": null}})
}

fn import_of(names: &[&str], complete: bool) -> Import {
    Import {
        heat_version: Some("27.0.1".to_owned()),
        source: Source::HeatPython {
            config_files: Vec::new(),
        },
        types: names.iter().map(|n| ((*n).to_owned(), schema(n))).collect(),
        aliases: BTreeMap::new(),
        failures: BTreeMap::new(),
        complete,
    }
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.json` file under `dir`, as paths relative to it, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(
                    path.strip_prefix(root)
                        .expect("under the root")
                        .to_path_buf(),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// The type name a schema file stands for: `OS/Nova/Server.json` ->
/// `OS::Nova::Server`.
fn type_of(relative: &Path) -> String {
    let parts: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    parts.join("::")
}

#[test]
fn type_path_maps_namespaces_to_directories() {
    let cases = [
        ("OS::Nova::Server", "OS/Nova/Server.json"),
        ("AWS::EC2::Instance", "AWS/EC2/Instance.json"),
        ("OS::Neutron::LBaaS::Pool", "OS/Neutron/LBaaS/Pool.json"),
        ("My::Type.v2", "My/Type.v2.json"),
        (
            "DockerInc::Docker::Container",
            "DockerInc/Docker/Container.json",
        ),
    ];
    for (name, path) in cases {
        assert_eq!(type_path(name), Ok(PathBuf::from(path)), "{name}");
        assert_eq!(type_of(Path::new(path)), name);
    }
}

#[test]
fn type_path_refuses_names_that_are_not_plain() {
    for name in [
        "",
        "Server",
        "OS::",
        "::Nova",
        "OS::::Server",
        "OS::..::Server",
        "OS::.hidden::X",
        "OS::a/b::X",
        "OS::Nova:::Server",
        "OS::Növa::Server",
        "OS::Nova::Server ",
    ] {
        assert!(type_path(name).is_err(), "{name:?} was accepted");
    }
}

#[test]
fn canonical_json_sorts_keys_at_every_depth_and_keeps_list_order() {
    let value = json!({"b": {"z": 1, "a": [3, {"y": null, "x": 1.0}]}, "a": "é"});
    assert_eq!(
        canonical_json(&value),
        "{\n  \"a\": \"é\",\n  \"b\": {\n    \"a\": [\n      3,\n      {\n        \"x\": 1.0,\n        \"y\": null\n      }\n    ],\n    \"z\": 1\n  }\n}\n"
    );
}

#[test]
fn civil_from_days_known_dates() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    assert_eq!(civil_from_days(20_513), (2026, 3, 1));
    assert_eq!(today().len(), 10);
}

#[test]
fn check_schema_refuses_wrong_shapes() {
    assert_eq!(check_schema("A::B", &schema("A::B")), Ok(()));
    assert!(check_schema("A::B", &schema("A::C")).is_err());
    assert!(check_schema("A::B", &json!([])).is_err());
    assert!(check_schema("A::B", &json!({"resource_type": "A::B", "properties": {}})).is_err());
    assert!(
        check_schema(
            "A::B",
            &json!({"resource_type": "A::B", "properties": [], "attributes": {}})
        )
        .is_err()
    );
    // What a Heat error body looks like: not a schema.
    assert!(check_schema("A::B", &json!({"code": 404, "error": {"message": "x"}})).is_err());
}

#[test]
fn parse_listing_reads_both_answers() {
    let with = json!({"resource_types": [{"resource_type": "A::B", "description": "d"}, {"resource_type": "A::C"}]});
    let listed = parse_listing(&with).expect("a listing");
    assert_eq!(listed.get("A::B"), Some(&Some("d".to_owned())));
    assert_eq!(listed.get("A::C"), Some(&None));
    let plain = json!({"resource_types": ["A::B"]});
    assert_eq!(
        parse_listing(&plain).expect("a listing").get("A::B"),
        Some(&None)
    );
    assert!(parse_listing(&json!({"types": []})).is_err());
    assert!(parse_listing(&json!({"resource_types": [1]})).is_err());
}

#[test]
fn heat_error_message_reads_heat_errors() {
    let body = r#"{"code": 400, "title": "Bad Request", "error": {"type": "NotSupported", "message": "OS::Nova::FloatingIP is not supported.", "traceback": null}}"#;
    assert_eq!(
        heat_error_message(body),
        "NotSupported: OS::Nova::FloatingIP is not supported."
    );
    assert_eq!(
        heat_error_message("  <html>gateway</html>\n"),
        "<html>gateway</html>"
    );
}

#[test]
fn complete_reimport_removes_only_types_the_last_import_wrote() {
    let out = TempDir::new("reimport");
    let first = write_import(
        out.path(),
        &import_of(&["A::B::C", "A::B::D", "X::Y"], true),
        "2026-01-01",
    )
    .expect("written");
    assert_eq!(first.written, 3);
    // A hand-written schema, which no import listed.
    fs::write(
        out.path().join("A/B/Hand.json"),
        canonical_json(&schema("A::B::Hand")),
    )
    .expect("written");

    let mut second = import_of(&["A::B::C"], true);
    second
        .failures
        .insert("X::Y".to_owned(), "HTTP 500".to_owned());
    let written = write_import(out.path(), &second, "2026-01-02").expect("written");
    assert_eq!(written.removed, vec!["A::B::D".to_owned()]);
    assert!(!out.path().join("A/B/D.json").exists());
    assert!(
        out.path().join("A/B/Hand.json").exists(),
        "a file no import wrote stays"
    );
    assert!(
        out.path().join("X/Y.json").exists(),
        "a type that failed keeps its file"
    );
    let manifest = read_json(&out.path().join(MANIFEST));
    assert_eq!(manifest["types"], json!(["A::B::C", "X::Y"]));
    assert_eq!(manifest["imported_on"], "2026-01-02");
    assert_eq!(manifest["heat_version"], "27.0.1");
    assert_eq!(
        manifest["source"],
        json!({"kind": "heat-python", "config_files": []})
    );

    let third =
        write_import(out.path(), &import_of(&["A::B::C"], true), "2026-01-03").expect("written");
    assert_eq!(third.removed, vec!["X::Y".to_owned()]);
    assert!(
        !out.path().join("X").exists(),
        "an emptied directory goes too"
    );
}

#[test]
fn partial_import_adds_to_the_manifest() {
    let out = TempDir::new("partial");
    let mut first = import_of(&["A::B::C", "A::B::D"], true);
    first
        .aliases
        .insert("A::Old*".to_owned(), "A::B*".to_owned());
    write_import(out.path(), &first, "2026-01-01").expect("written");
    let mut partial = import_of(&["My::Plugin"], false);
    partial.source = Source::HeatUrl {
        url: "https://heat.example.com/v1/p".to_owned(),
    };
    let written = write_import(out.path(), &partial, "2026-01-02").expect("written");
    assert!(written.removed.is_empty());
    assert!(out.path().join("A/B/D.json").exists());
    let manifest = read_json(&out.path().join(MANIFEST));
    assert_eq!(
        manifest["types"],
        json!(["A::B::C", "A::B::D", "My::Plugin"])
    );
    assert_eq!(manifest["aliases"], json!({"A::Old*": "A::B*"}));
    assert_eq!(manifest["source"]["kind"], "heat-url");
}

#[test]
fn names_that_cannot_be_paths_are_skipped_not_written() {
    let out = TempDir::new("skipped");
    let written = write_import(
        out.path(),
        &import_of(&["OS::..::X", "Plain", "A::B"], true),
        "2026-01-01",
    )
    .expect("written");
    assert_eq!(written.written, 1);
    assert_eq!(
        written.skipped.keys().collect::<Vec<_>>(),
        ["OS::..::X", "Plain"]
    );
    assert_eq!(
        json_files(out.path()),
        [PathBuf::from("A/B.json"), PathBuf::from(MANIFEST)]
    );
}

/// The committed data is in the form the importer writes, each file is at
/// the path of the type it names, and the manifest lists only files that
/// exist.
#[test]
fn stdlib_schema_files_are_canonical() {
    let dir = workspace_root().join("stdlib/schemas");
    let files = json_files(&dir);
    assert!(files.len() > 200, "only {} schema files", files.len());
    for relative in &files {
        let path = dir.join(relative);
        let text = fs::read_to_string(&path).expect("readable");
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            text,
            canonical_json(&value),
            "{} is not in canonical form",
            relative.display()
        );
        if relative == Path::new(MANIFEST) {
            continue;
        }
        let name = type_of(relative);
        assert_eq!(
            check_schema(&name, &value),
            Ok(()),
            "{}",
            relative.display()
        );
        assert_eq!(type_path(&name).as_deref(), Ok(relative.as_path()));
    }
    let manifest = read_json(&dir.join(MANIFEST));
    for name in manifest_names(Some(&manifest), "types") {
        let relative = type_path(&name).expect("a plain name");
        assert!(
            dir.join(relative).is_file(),
            "{name} is listed but has no file"
        );
    }
}

/// stdlib/schemas is exactly what `--heat-python` gives today: re-importing
/// would change nothing but the date.
#[test]
fn stdlib_schemas_are_what_heat_python_gives() {
    let Some(python) = heat_python() else {
        skip("no Python with openstack-heat (set HOTC_HEAT_PYTHON)");
        return;
    };
    let import = from_python(&python, &[], &[]).expect("the importer script runs");
    assert!(import.failures.is_empty(), "{:?}", import.failures);
    let dir = workspace_root().join("stdlib/schemas");
    let mut stale = Vec::new();
    for (name, schema) in &import.types {
        let path = dir.join(type_path(name).expect("a plain name"));
        if fs::read_to_string(&path).ok().as_deref() != Some(canonical_json(schema).as_str()) {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "re-run `hotc schema import --heat-python`; these differ: {stale:?}"
    );
    let manifest = read_json(&dir.join(MANIFEST));
    let listed = manifest_names(Some(&manifest), "types");
    assert_eq!(
        listed,
        import.types.keys().cloned().collect::<BTreeSet<_>>()
    );
    assert_eq!(
        manifest["heat_version"].as_str(),
        import.heat_version.as_deref()
    );
    let aliases: BTreeMap<String, String> =
        serde_json::from_value(manifest["aliases"].clone()).expect("aliases");
    assert_eq!(aliases, import.aliases);
}

/// The API form of a `--heat-python` schema: without what the script adds
/// (see tests/oracle/heat_schemas.py): hidden and not-implemented top-level
/// properties, hidden attributes, and the `support_status` and
/// `implemented` keys of properties (at any depth) and attributes.
fn api_form(schema: &Value) -> Value {
    fn hidden(entry: &Value) -> bool {
        entry
            .pointer("/support_status/status")
            .and_then(Value::as_str)
            == Some("HIDDEN")
    }
    fn plain_property(property: &Value) -> Value {
        let mut property = property.clone();
        if let Some(fields) = property.as_object_mut() {
            fields.remove("support_status");
            fields.remove("implemented");
            if let Some(Value::Object(nested)) = fields.get_mut("schema") {
                for value in nested.values_mut() {
                    *value = plain_property(value);
                }
            }
        }
        property
    }
    let mut out = schema.clone();
    if let Some(Value::Object(properties)) = out.get_mut("properties") {
        properties.retain(|_, p| !hidden(p) && p.get("implemented") != Some(&Value::Bool(false)));
        for value in properties.values_mut() {
            *value = plain_property(value);
        }
    }
    if let Some(Value::Object(attributes)) = out.get_mut("attributes") {
        attributes.retain(|_, a| !hidden(a));
        for value in attributes.values_mut() {
            if let Some(fields) = value.as_object_mut() {
                fields.remove("support_status");
            }
        }
    }
    out
}

/// A Heat API started with ../shared/heat/start.sh in a directory of its
/// own, on a free loopback port; stopped (by its pid file) when dropped.
struct HeatServer {
    scripts: PathBuf,
    venv: PathBuf,
    run: TempDir,
    port: u16,
}

impl HeatServer {
    fn script(&self, name: &str) -> Command {
        let mut cmd = Command::new("bash");
        cmd.arg(self.scripts.join(name))
            .env("HEAT_RUN", self.run.path())
            .env("HEAT_VENV", &self.venv);
        cmd
    }

    fn start(scripts: PathBuf, venv: PathBuf) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let server = HeatServer {
            scripts,
            venv,
            run: TempDir::new("heat-run"),
            port,
        };
        for (name, args) in [
            ("setup.sh", vec![]),
            (
                "start.sh",
                vec![port.to_string(), "--all-services".to_owned()],
            ),
        ] {
            let out = server.script(name).args(&args).output().expect("bash runs");
            assert!(
                out.status.success(),
                "{name} failed:\n{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        server
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/v1/admin", self.port)
    }
}

impl Drop for HeatServer {
    fn drop(&mut self) {
        let _ = self.script("stop.sh").output();
    }
}

/// `--heat-url` against a real Heat 27 gives, for every type the API
/// offers, exactly what `--heat-python` gives once its additions are taken
/// out; hidden and unavailable types fail with Heat's own reason.
#[test]
fn heat_api_agrees_with_heat_python() {
    let Some(python) = heat_python() else {
        skip("no Python with openstack-heat (set HOTC_HEAT_PYTHON)");
        return;
    };
    let scripts = std::env::var_os("HOTC_HEAT_SCRIPTS")
        .map_or_else(|| workspace_root().join("../shared/heat"), PathBuf::from);
    if !scripts.join("start.sh").is_file() {
        skip(&format!(
            "no Heat launcher at {} (set HOTC_HEAT_SCRIPTS)",
            scripts.display()
        ));
        return;
    }
    // The venv is two levels above its python (venv/bin/python).
    let venv = python
        .parent()
        .and_then(Path::parent)
        .expect("a venv python")
        .to_path_buf();
    let heat = HeatServer::start(scripts, venv);

    let out = TempDir::new("api");
    let args = ImportArgs {
        heat_url: Some(heat.url()),
        token: Some("hotc-test-token".to_owned()),
        heat_version: Some("27.0.1".to_owned()),
        heat_python: None,
        heat_config: Vec::new(),
        types: Vec::new(),
        out: out.path().to_path_buf(),
    };
    assert_eq!(import(&args), ExitStatus::Success);
    let from_api = json_files(out.path());
    let python_import = from_python(&python, &[], &[]).expect("the importer script runs");

    let mut differ = Vec::new();
    let mut compared = 0;
    for relative in &from_api {
        if relative == Path::new(MANIFEST) {
            continue;
        }
        let name = type_of(relative);
        let api_text = fs::read_to_string(out.path().join(relative)).expect("written");
        match python_import.types.get(&name) {
            Some(schema) if canonical_json(&api_form(schema)) == api_text => compared += 1,
            Some(_) => differ.push(name),
            None => differ.push(format!("{name} (not from python)")),
        }
    }
    eprintln!("{compared} types from the API agree with --heat-python");
    assert!(differ.is_empty(), "differ: {differ:?}");
    assert!(compared > 100, "the API offered only {compared} types");
    let manifest = read_json(&out.path().join(MANIFEST));
    assert_eq!(
        manifest["source"],
        json!({"kind": "heat-url", "url": heat.url()})
    );
    assert_eq!(manifest["heat_version"], "27.0.1");

    // The gaps of the API, with Heat's reasons: hidden types are refused,
    // and most Neutron types stay unavailable without a real Neutron.
    let gaps = from_url(
        &heat.url(),
        None,
        &[
            "OS::Nova::FloatingIP".to_owned(),
            "OS::Neutron::Router".to_owned(),
        ],
    )
    .expect("the API answers");
    assert!(gaps.types.is_empty());
    let unavailable = &gaps.failures["OS::Neutron::Router"];
    assert!(
        unavailable.contains("ResourceTypeUnavailable"),
        "{unavailable}"
    );
    let hidden = &gaps.failures["OS::Nova::FloatingIP"];
    assert!(hidden.contains("NotSupported"), "{hidden}");
}

/// A cloud's own resource plugin, found through the `plugin_dirs` of the
/// heat.conf given with `--heat-config`, is imported like Heat's types.
#[test]
fn heat_python_imports_a_plugin_of_the_cloud() {
    let Some(python) = heat_python() else {
        skip("no Python with openstack-heat (set HOTC_HEAT_PYTHON)");
        return;
    };
    let dir = TempDir::new("plugin");
    let plugins = dir.path().join("plugins");
    let environments = dir.path().join("environment.d");
    fs::create_dir_all(&plugins).expect("made");
    fs::create_dir_all(&environments).expect("made");
    fs::write(
        plugins.join("hotc_test_thing.py"),
        "from heat.engine import attributes, properties, resource\n\
         \n\
         class Thing(resource.Resource):\n    \"\"\"A thing of the test cloud.\"\"\"\n\
         \n    properties_schema = {'size': properties.Schema(properties.Schema.INTEGER, 'How big.', required=True)}\n\
         \n    attributes_schema = {'label': attributes.Schema('Its label.', type=attributes.Schema.STRING)}\n\
         \n\
         def resource_mapping():\n    return {'Hotc::Test::Thing': Thing}\n",
    )
    .expect("written");
    let config = dir.path().join("heat.conf");
    fs::write(
        &config,
        format!(
            "[DEFAULT]\nplugin_dirs = {}\nenvironment_dir = {}\n",
            plugins.display(),
            environments.display()
        ),
    )
    .expect("written");
    let import = from_python(
        &python,
        std::slice::from_ref(&config),
        &["Hotc::Test::Thing".to_owned()],
    )
    .expect("the importer script runs");
    assert!(import.failures.is_empty(), "{:?}", import.failures);
    let thing = &import.types["Hotc::Test::Thing"];
    assert_eq!(thing["description"], "A thing of the test cloud.");
    assert_eq!(
        thing["properties"]["size"],
        json!({"type": "integer", "description": "How big.", "required": true, "update_allowed": false, "immutable": false})
    );
    assert_eq!(
        thing["attributes"]["label"],
        json!({"type": "string", "description": "Its label."})
    );
    assert_eq!(
        import.source,
        Source::HeatPython {
            config_files: vec![config]
        }
    );
}
