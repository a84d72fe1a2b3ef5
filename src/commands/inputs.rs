//! The values and environments a stack is made with, taken the way
//! heatclient takes them: `-P`, `--parameter-file` and `-e`. Shared by the
//! commands that check or plan a stack (`lint`, `plan`).

use std::path::{Path, PathBuf};

use clap::Args;
use hotc_compiler::StackInputs;
use hotc_compiler::eval::Val;
use hotc_compiler::params::{MalformedParameter, parse_cli_params, parse_parameter_files};

use super::read_source;

#[derive(Debug, Clone, Args)]
pub(crate) struct InputArgs {
    /// A parameter value for the templates, as heatclient's `-P`:
    /// repeatable, and a single one may hold several `;`-separated pairs.
    /// With any value or environment given, every parameter without a
    /// default must get a value.
    #[arg(short = 'P', long = "parameter", value_name = "KEY=VALUE")]
    pub(crate) parameters: Vec<String>,

    /// A parameter whose value is the contents of a file (heatclient's
    /// `--parameter-file`).
    #[arg(long = "parameter-file", value_name = "KEY=PATH")]
    pub(crate) parameter_files: Vec<String>,

    /// An environment file for the templates (heatclient's `-e`),
    /// repeatable and merged in order; it is checked itself too.
    #[arg(short = 'e', long = "environment", value_name = "FILE")]
    pub(crate) environments: Vec<PathBuf>,
}

impl InputArgs {
    /// The inputs, read as heatclient reads them (`--parameter-file` values
    /// replace `-P` ones); `None` when none are given. The error is a
    /// message for a malformed argument or an unreadable file.
    pub(crate) fn read(&self) -> Result<Option<StackInputs>, String> {
        if self.parameters.is_empty()
            && self.parameter_files.is_empty()
            && self.environments.is_empty()
        {
            return Ok(None);
        }
        let malformed = |MalformedParameter(piece)| {
            format!("Malformed parameter({piece}). Use the key=value format.")
        };
        let mut parameters = parse_cli_params(&self.parameters).map_err(malformed)?;
        for (key, path) in parse_parameter_files(&self.parameter_files).map_err(malformed)? {
            // A key given twice reads its last file, as heatclient's dict does.
            let path = match path {
                Val::List(mut paths) => paths.pop().unwrap_or(Val::Null),
                other => other,
            };
            let Val::Str(path) = path else {
                continue;
            };
            let text = read_source(Path::new(&path)).map_err(|e| format!("{path}: {e}"))?;
            parameters.retain(|(k, _)| *k != key);
            parameters.push((key, Val::Str(text)));
        }
        let mut environments = Vec::new();
        for env in &self.environments {
            let text = read_source(env).map_err(|e| format!("{}: {e}", env.display()))?;
            environments.push((env.display().to_string(), text));
        }
        Ok(Some(StackInputs::new(parameters, environments)))
    }
}
