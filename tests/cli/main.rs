//! CLI snapshot tests: each `tests/cli/*.yaml` fixture is one run of the
//! built `hotc` binary.
//!
//! A fixture's first line names the arguments: `# hotc: lint --format json {}`.
//! Arguments are split on whitespace; `{}` stands for the fixture's own file
//! name, and other paths are relative to this directory, which is the working
//! directory of the run (fixtures can lint each other, or the `walk/` tree).
//! The snapshot holds the arguments, the exit code, stdout and stderr, with
//! this directory's absolute path replaced by `[FIXTURES]`. Adding a fixture
//! adds a test; review new snapshots with `cargo insta review`.
//!
//! Fixtures of commands that change a state directory say so on the lines
//! after the first:
//! - `# state: DIR` copies DIR (relative to this directory) to a scratch
//!   directory, which `{state}` in the arguments names (`[STATE]` in the
//!   snapshot); the snapshot ends with every file of it after the run, so
//!   that what the command wrote is reviewed too.
//! - `# lock: STACK` holds STACK's lock in that directory during the run, as
//!   another hotc would; its pid, host and time read `[PID]`, `[HOST]` and
//!   `[SINCE]`.

use std::fs;
use std::path::Path;
use std::process::Command;

use hotc_runtime::state::{LocalBackend, StackLock};

const HEADER: &str = "# hotc:";
const STATE: &str = "# state:";
const LOCK: &str = "# lock:";

#[test]
fn cli() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    insta::glob!("*.yaml", |path| {
        let text = fs::read_to_string(path).expect("fixtures are UTF-8");
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("fixture names are UTF-8");
        let directive = |prefix: &str| {
            text.lines()
                .skip(1)
                .find_map(|line| line.strip_prefix(prefix))
                .map(str::trim)
        };
        let scratch = directive(STATE).map(|dir| copy_dir(&fixtures.join(dir)));
        let state_dir = scratch
            .as_ref()
            .map(|dir| dir.path().display().to_string())
            .unwrap_or_default();
        assert!(
            directive(LOCK).is_none() || scratch.is_some(),
            "{file_name}: `{LOCK}` needs `{STATE}`"
        );
        let lock: Option<StackLock> = directive(LOCK).map(|stack| {
            LocalBackend::new(Path::new(&state_dir))
                .lock(stack, "apply")
                .expect("the fixture's lock can be taken")
        });
        // `{state}` may also start a path inside the scratch directory.
        let args: Vec<String> = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix(HEADER))
            .unwrap_or_else(|| panic!("{file_name}: the first line must be `{HEADER} ARGS`"))
            .split_whitespace()
            .map(|arg| match arg {
                "{}" => file_name.to_owned(),
                _ => arg.replace("{state}", &state_dir),
            })
            .collect();

        let output = Command::new(env!("CARGO_BIN_EXE_hotc"))
            .args(&args)
            .current_dir(&fixtures)
            // Colour is decided per run (`--color` or a terminal); keep the
            // environment from deciding it for hotc or for clap's messages.
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .output()
            .expect("the hotc binary runs");

        let mut snapshot = format!(
            "----- ARGS\nhotc {}\n----- EXIT CODE: {}\n----- STDOUT\n{}----- STDERR\n{}",
            args.join(" "),
            output
                .status
                .code()
                .map_or_else(|| "killed by a signal".to_owned(), |c| c.to_string()),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        if let Some(dir) = &scratch {
            snapshot.push_str(&files(dir.path()));
            snapshot = snapshot.replace(&state_dir, "[STATE]");
        }
        if let Some(lock) = &lock {
            let info = lock.info();
            snapshot = snapshot
                .replace(&format!("pid {}", info.pid), "pid [PID]")
                .replace(&format!("\"pid\": {}", info.pid), "\"pid\": [PID]")
                .replace(&info.host, "[HOST]")
                .replace(&info.since, "[SINCE]");
        }
        drop(lock);
        let snapshot = snapshot.replace(&fixtures.display().to_string(), "[FIXTURES]");
        insta::assert_snapshot!(snapshot);
    });
}

/// `graph --format svg` runs Graphviz's `dot`. CI installs Graphviz and sets
/// HOTC_REQUIRE_GRAPHVIZ, so there the drawing cannot be skipped.
#[test]
fn graph_svg_through_graphviz() {
    let has_dot = Command::new("dot").arg("-V").output().is_ok();
    if !has_dot {
        assert!(
            std::env::var_os("HOTC_REQUIRE_GRAPHVIZ").is_none(),
            "HOTC_REQUIRE_GRAPHVIZ is set but Graphviz's `dot` is not installed"
        );
        eprintln!("skipped: Graphviz's `dot` is not installed");
        return;
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let output = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(["graph", "--format", "svg", "graph_dot.yaml"])
        .current_dir(&fixtures)
        .output()
        .expect("the hotc binary runs");
    assert!(output.status.success(), "{output:?}");
    let svg = String::from_utf8(output.stdout).expect("SVG is UTF-8");
    assert!(svg.contains("<svg"), "{svg}");
    // Every resource, the nested stack's included, is drawn.
    for name in ["net", "subnet", "app", "port", "server"] {
        assert!(svg.contains(&format!(">{name}</text>")), "{name} in {svg}");
    }
}

/// Without Graphviz, `--format svg` says how to install it (exit status 2).
#[test]
fn graph_svg_without_graphviz_says_how_to_install_it() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let output = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(["graph", "--format", "svg", "graph_dot.yaml"])
        .current_dir(&fixtures)
        .env("PATH", "")
        .output()
        .expect("the hotc binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("apt install graphviz"), "{stderr}");
}

/// The state fixtures are exactly what the state module writes, so that the
/// CLI is tested on real state files: every one that reads must print back
/// byte for byte (the corrupt and newer ones do not read, on purpose).
#[test]
fn state_fixtures_are_as_hotc_writes_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/state");
    let mut checked = 0;
    for dir in fs::read_dir(&root).expect("tests/cli/state exists") {
        let backend = LocalBackend::new(&dir.expect("a directory entry").path());
        for stack in backend.list().expect("a state directory") {
            let Ok(Some(state)) = backend.read(&stack) else {
                continue;
            };
            let path = backend.state_path(&stack).expect("a valid name");
            let text = fs::read_to_string(&path).expect("state files are UTF-8");
            assert_eq!(text, state.to_json(), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 0, "no state fixture was checked");
}

/// A scratch copy of a fixture's state directory (files only, which is all a
/// state directory holds).
fn copy_dir(from: &Path) -> tempfile::TempDir {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    for entry in fs::read_dir(from).expect("the fixture's state directory exists") {
        let entry = entry.expect("a directory entry");
        fs::copy(entry.path(), scratch.path().join(entry.file_name())).expect("copied");
    }
    scratch
}

/// Every file of a state directory after a run, with its contents.
fn files(dir: &Path) -> String {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the scratch directory")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut out = String::from("----- FILES\n");
    for name in names {
        let text = fs::read_to_string(dir.join(&name)).expect("state files are UTF-8");
        out.push_str(&format!("=== {name}\n{text}"));
        if !text.is_empty() && !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
