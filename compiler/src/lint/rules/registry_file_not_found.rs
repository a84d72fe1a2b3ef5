//! HOT068 registry-file-not-found.

use hotc_grammar::Value;

use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::source::LoadErrorKind;

/// ## What it does
/// In an environment file, reports each `resource_registry` entry (at the
/// top, or under `resources: {NAME: ...}`) whose value is a file that does
/// not exist beside the environment file, whether or not a template uses
/// it.
///
/// ## Why is this bad?
/// heatclient reads every such file before it sends the stack
/// (`template_utils.resolve_environment_urls`: every value without `::`,
/// except `base_url`, `hooks` and `restricted_actions`), and stops with
/// `Could not fetch contents for file://...` when one is missing, so
/// `openstack stack create -e` fails before Heat sees anything.
///
/// ## Example
/// ```yaml
/// resource_registry:
///   My::Server: templates/sever.yaml
/// ```
///
/// Use instead:
/// ```yaml
/// resource_registry:
///   My::Server: templates/server.yaml
/// ```
pub(crate) struct RegistryFileNotFound;

/// Registry keys heatclient does not fetch.
const NOT_FILES: &[&str] = &["base_url", "hooks", "restricted_actions"];

impl Rule for RegistryFileNotFound {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(files) = cx.files else {
            return;
        };
        let Some(registry) = cx.root.get("resource_registry") else {
            return;
        };
        // With a `base_url`, heatclient resolves the values against it
        // (usually a URL, which hotc does not fetch).
        if registry.get("base_url").is_some() {
            return;
        }
        let mut values: Vec<&Value> = file_values(registry);
        for (_, entry) in definitions(registry, "resources") {
            if entry.get("base_url").is_none() {
                values.extend(file_values(entry));
            }
        }
        for value in values {
            let Some(path) = value.as_str() else {
                continue;
            };
            let Err(error) = files.loader.load(files.name, path) else {
                continue;
            };
            if error.kind == LoadErrorKind::Remote {
                continue;
            }
            cx.report(
                FindingKind::RegistryFileNotFound {
                    path: path.to_owned(),
                    resolved: error.resolved,
                    reason: error.kind,
                },
                value.span,
            );
        }
    }
}

/// The values of a registry mapping that heatclient reads as files: strings
/// without `::`, under keys other than `NOT_FILES`.
fn file_values(mapping: &Value) -> Vec<&Value> {
    mapping
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|(key, _)| key.as_str().is_none_or(|k| !NOT_FILES.contains(&k)))
        .filter(|(_, value)| value.as_str().is_some_and(|v| !v.contains("::")))
        .map(|(_, value)| value)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::check_with;
    use crate::source::MemoryLoader;

    fn found(src: &str, loader: &MemoryLoader) -> Vec<String> {
        check_with(src, "env/stack-env.yaml", loader)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "HOT068")
            .map(|d| d.primary.span.text(src).to_owned())
            .collect()
    }

    /// heatclient fetches every value without `::` (resolve_environment_urls),
    /// used or not, relative to the environment file.
    #[test]
    fn every_missing_registry_file_is_reported() {
        let loader =
            MemoryLoader::default().with("env/there.yaml", "heat_template_version: 2021-04-16\n");
        let src = "resource_registry:\n  \
                   A::B: there.yaml\n  \
                   C::D: missing.yaml\n  \
                   E::F: OS::Heat::None\n  \
                   G::H: plain-name\n  \
                   resources:\n    \
                   web:\n      \
                   My::T: gone.template\n      \
                   hooks: pre-create\n";
        assert_eq!(
            found(src, &loader),
            ["missing.yaml", "plain-name", "gone.template"]
        );
    }

    #[test]
    fn a_base_url_leaves_the_entries_alone() {
        let src = "resource_registry:\n  base_url: http://example.com/t/\n  C::D: missing.yaml\n";
        assert!(found(src, &MemoryLoader::default()).is_empty());
    }
}
