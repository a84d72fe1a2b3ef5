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

use std::fs;
use std::path::Path;
use std::process::Command;

const HEADER: &str = "# hotc:";

#[test]
fn cli() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    insta::glob!("*.yaml", |path| {
        let text = fs::read_to_string(path).expect("fixtures are UTF-8");
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("fixture names are UTF-8");
        let args: Vec<&str> = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix(HEADER))
            .unwrap_or_else(|| panic!("{file_name}: the first line must be `{HEADER} ARGS`"))
            .split_whitespace()
            .map(|arg| if arg == "{}" { file_name } else { arg })
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

        let snapshot = format!(
            "----- ARGS\nhotc {}\n----- EXIT CODE: {}\n----- STDOUT\n{}----- STDERR\n{}",
            args.join(" "),
            output
                .status
                .code()
                .map_or_else(|| "killed by a signal".to_owned(), |c| c.to_string()),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
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
