//! One module per subcommand, plus the I/O helpers they share.
//!
//! A subcommand parses nothing itself (clap does), reads its inputs, calls
//! the compiler, hands the result to a renderer in `report`, writes it out and
//! returns an `ExitStatus`. Errors hotc cannot recover from are printed to
//! stderr as `error: ...` lines; reports go to stdout.

pub(crate) mod convert;
pub(crate) mod explain;
pub(crate) mod fmt;
pub(crate) mod graph;
pub(crate) mod inputs;
pub(crate) mod lint;
pub(crate) mod plan;
pub(crate) mod schema;
pub(crate) mod state;
pub(crate) mod template;

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use clap::{Args, ValueEnum};

use crate::walk::describe;

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct ColorArgs {
    /// When to use colours in human-readable output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
}

impl ColorArgs {
    /// Whether to colour output written to a stream that is (or is not) a
    /// terminal.
    pub(crate) fn enabled(&self, is_terminal: bool) -> bool {
        match self.color {
            // https://no-color.org: any non-empty value turns colour off.
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        }
    }

    pub(crate) fn for_stdout(&self) -> bool {
        self.enabled(io::stdout().is_terminal())
    }

    pub(crate) fn for_stderr(&self) -> bool {
        self.enabled(io::stderr().is_terminal())
    }
}

/// Reads a source file as UTF-8 text. The error says what went wrong in
/// words; the caller adds the path.
///
/// Heat reads templates as UTF-8 text, so a file that is not valid UTF-8
/// cannot be a template: hotc treats it like an unreadable file (exit status
/// 2) instead of guessing an encoding or reporting a diagnostic on bytes it
/// cannot show.
pub(crate) fn read_source(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| describe(&e))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {}); templates must be UTF-8 text",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Prints an `error:` line to stderr.
pub(crate) fn print_error(message: &str) {
    // If stderr itself is gone there is nobody left to tell.
    let _ = writeln!(io::stderr().lock(), "error: {message}");
}

/// Prints a `note:` line to stderr.
pub(crate) fn print_note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "note: {message}");
}

/// Writes `text` to stdout. A reader that went away early (`hotc lint | head`)
/// is not an error: the exit status still reports what was found.
pub(crate) fn write_stdout(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}

/// Replaces `path` by a file holding `text`, or creates it: written beside
/// it under a temporary name, given an existing file's permissions, then
/// renamed over it, so a reader never sees half a file. A symbolic link is
/// followed, so the file it points to is rewritten and the link stays a
/// link.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    let (target, permissions) = match fs::canonicalize(path) {
        Ok(target) => {
            let permissions = fs::metadata(&target)
                .map_err(|e| describe(&e))?
                .permissions();
            (target, Some(permissions))
        }
        // A new file (its directory must exist: writing reports it).
        Err(e) if e.kind() == io::ErrorKind::NotFound => (path.to_path_buf(), None),
        Err(e) => return Err(describe(&e)),
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.hotc-{}.tmp", std::process::id()));
    let result = fs::write(&tmp, text)
        .and_then(|()| match permissions {
            Some(permissions) => fs::set_permissions(&tmp, permissions),
            None => Ok(()),
        })
        .and_then(|()| fs::rename(&tmp, &target));
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        describe(&e)
    })
}

/// Writes a command's output to the file `-o` names, or else to stdout;
/// the exit status says whether it could.
pub(crate) fn write_output(path: Option<&Path>, text: &str) -> crate::ExitStatus {
    let written = match path {
        Some(path) => fs::write(path, text)
            .map_err(|e| format!("cannot write {}: {}", path.display(), describe(&e))),
        None => write_stdout(text).map_err(|e| format!("cannot write the output: {e}")),
    };
    match written {
        Ok(()) => crate::ExitStatus::Success,
        Err(message) => {
            print_error(&message);
            crate::ExitStatus::Error
        }
    }
}

/// Writes `text` to stderr, ignoring failures (there is nowhere to report
/// them).
pub(crate) fn write_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}
