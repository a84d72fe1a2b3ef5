//! HOT070 missing-file.

use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::source::LoadErrorKind;

/// ## What it does
/// Reports `get_file` of a literal path that does not exist (or cannot be
/// read) relative to the template. It runs only when hotc is given the
/// files beside the template (`hotc lint` reads them from the disk); a URL
/// is never fetched and never reported.
///
/// ## Why is this bad?
/// The client (`openstack stack create`, heatclient) reads every `get_file`
/// path before it sends the template and stops on the first it cannot
/// read; given the template alone, Heat refuses it: `No content found in
/// the "files" section for get_file path: boot.sh`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   config:
///     type: OS::Heat::SoftwareConfig
///     properties:
///       config: {get_file: boot.sh}   # no boot.sh beside the template
/// ```
pub(crate) struct MissingFile;

impl Rule for MissingFile {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(files) = cx.files else {
            return;
        };
        for &call in cx.call_sites().iter() {
            if call.name != "get_file" {
                continue;
            }
            // Only a literal path names a file before the stack runs.
            let Some(path) = call.args.as_str() else {
                continue;
            };
            let error = match files.loader.load(files.name, path) {
                Ok(_) => continue,
                Err(error) => error,
            };
            match error.kind {
                LoadErrorKind::Remote => continue,
                LoadErrorKind::NotFound | LoadErrorKind::Unreadable(_) => {}
            }
            cx.report(
                FindingKind::MissingFile {
                    path: path.to_owned(),
                    resolved: error.resolved,
                    reason: error.kind,
                },
                call.args.span,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check_with;
    use crate::source::MemoryLoader;

    fn codes(src: &str, loader: &MemoryLoader) -> Vec<(&'static str, String)> {
        check_with(src, "dir/stack.yaml", loader)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    const TEMPLATE: &str = "heat_template_version: 2021-04-16
resources:
  config:
    type: OS::Heat::SoftwareConfig
    properties:
      config: {get_file: scripts/boot.sh}
outputs:
  remote:
    value: {get_file: 'https://example.com/x.sh'}
";

    #[test]
    fn a_file_beside_the_template_is_found() {
        let loader = MemoryLoader::new().with("dir/scripts/boot.sh", "#!/bin/sh\n");
        assert_eq!(codes(TEMPLATE, &loader), vec![]);
    }

    #[test]
    fn a_missing_file_is_reported_at_the_call() {
        let loader = MemoryLoader::new().with("scripts/boot.sh", "in the wrong directory");
        let checked = check_with(TEMPLATE, "dir/stack.yaml", &loader);
        let found: Vec<_> = checked
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code,
                    Some(d.primary.span.start),
                    d.primary.message.as_str(),
                )
            })
            .collect();
        let at = TEMPLATE
            .find("scripts/boot.sh")
            .and_then(|i| u32::try_from(i).ok());
        assert_eq!(
            found,
            vec![("HOT070", at, "no file at `dir/scripts/boot.sh`")]
        );
    }

    #[test]
    fn without_a_loader_nothing_is_reported() {
        assert_eq!(crate::check_source(TEMPLATE).diagnostics, vec![]);
    }

    #[test]
    fn a_computed_path_is_left_alone() {
        let src = "heat_template_version: 2021-04-16
parameters:
  p: {type: string}
resources:
  config:
    type: OS::Heat::SoftwareConfig
    properties:
      config: {get_file: {get_param: p}}
";
        assert_eq!(codes(src, &MemoryLoader::new()), vec![]);
    }
}
