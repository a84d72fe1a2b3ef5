//! Shared helpers for hotc's fixture suites (the suites are in tests/tests/):
//! where the workspace, the shared corpus and a Python with Heat are, which
//! corpus files a suite reads (sorted, so every run sees the same order),
//! and how a suite skips when an outside input (the corpus, PyYAML, a real
//! Heat) is missing.
//!
//! A suite skips with a printed reason, unless the matching `HOTC_REQUIRE_*`
//! variable is `1` (CI sets them), in which case the absence is a failure: a
//! green CI always means the comparison ran.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (the folder above tests/).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Whether the environment variable `name` is set to `1`.
pub fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| v == "1")
}

/// Reports a skipped suite, or fails when `require` asks for the input.
///
/// # Panics
/// When the environment variable `require` is `1`.
pub fn skip(require: &str, why: &str) {
    assert!(!env_flag(require), "{why} (and {require}=1)");
    eprintln!("SKIPPED: {why}; set {require}=1 to make this a failure");
}

/// The corpus of real templates: `$HOTC_CORPUS`, else `../shared/corpus`
/// beside the workspace; `None` (after `skip`) when it is not there.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HOTC_CORPUS")
        .map_or_else(|| workspace_root().join("../shared/corpus"), PathBuf::from);
    if dir.is_dir() {
        Some(dir)
    } else {
        skip(
            "HOTC_REQUIRE_CORPUS",
            &format!("no corpus at {}", dir.display()),
        );
        None
    }
}

/// The Python that has openstack-heat installed, for the suites that ask
/// Heat itself: `$HOTC_HEAT_PYTHON`, else the virtualenv that
/// `~/.cache/heat-ref/venv` holds; `None` when neither is there.
pub fn heat_python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HOTC_HEAT_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    let venv = home.join(".cache/heat-ref/venv/bin/python");
    venv.is_file().then_some(venv)
}

/// Every file under `dir` (recursively) whose extension is one of
/// `extensions`, in path order: each directory's entries are sorted, so the
/// order is the same on every machine and a report can be compared.
///
/// # Panics
/// When a directory under `dir` cannot be read: a corpus the suite cannot
/// see in full would make a green run mean less than it says.
pub fn corpus_files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect(dir, extensions, &mut out);
    out
}

fn collect(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("cannot read an entry of {}: {e}", dir.display()))
                .path()
        })
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, extensions, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            out.push(path);
        }
    }
}

/// Runs the oracle script `script` (under tests/oracle/) with `python` on
/// `cases`, sent as one JSON list on its stdin, and returns its answers,
/// one JSON line per case.
///
/// # Panics
/// When the oracle cannot run, fails, or does not answer every case: a
/// comparison with Heat that did not happen must not pass.
pub fn ask_oracle(
    python: &Path,
    script: &str,
    cases: &[hotc_grammar::Value],
) -> Vec<serde_json::Value> {
    let input = format!(
        "[{}]",
        cases
            .iter()
            .map(hotc_grammar::Value::to_json_pretty)
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let mut child = Command::new(python)
        .arg(workspace_root().join("tests/oracle").join(script))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the Heat python runs: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .unwrap_or_else(|e| panic!("{script} reads its cases: {e}"));
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{script} finishes: {e}"));
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{script} prints JSON lines: {e}"))
        })
        .collect();
    assert_eq!(answers.len(), cases.len(), "{script}: one answer per case");
    answers
}

/// The cases of a differential suite: the YAML list in `relative` (under
/// the workspace), and its text, for line numbers in reports.
///
/// # Panics
/// When the file is missing, not YAML Heat would read, not a list or empty.
pub fn case_list(relative: &str) -> (String, Vec<hotc_grammar::Value>) {
    let path = workspace_root().join(relative);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let parsed = hotc_grammar::parse(&src);
    assert!(parsed.errors.is_empty(), "{relative}: {:?}", parsed.errors);
    let (doc, errors) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    assert!(errors.is_empty(), "{relative}: {errors:?}");
    let hotc_grammar::ValueKind::Seq(cases) = doc.kind else {
        panic!("{relative} is a list of cases");
    };
    assert!(!cases.is_empty(), "{relative} has cases");
    (src, cases)
}

/// The Python with openstack-heat, or `None` after `skip` says why (a
/// failure under `HOTC_REQUIRE_HEAT=1`).
pub fn heat_python_or_skip() -> Option<PathBuf> {
    let python = heat_python();
    if python.is_none() {
        skip(
            "HOTC_REQUIRE_HEAT",
            "no Python with openstack-heat (set HOTC_HEAT_PYTHON)",
        );
    }
    python
}
