//! HOT072 nested-stack-depth.

use std::collections::HashMap;

use hotc_grammar::Value;

use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Loaded, MAX_NESTED_DEPTH, Rule};
use crate::source;

/// How far the walk follows nested templates; past Heat's limit the answer
/// is already known, and the bound keeps the walk's recursion small.
const WALK_LIMIT: usize = MAX_NESTED_DEPTH + 2;

/// ## What it does
/// Follows the template files that resources' types name, and the ones
/// those name in turn, and reports a template that nests itself (directly
/// or through others) or nested stacks deeper than Heat's limit of 5.
///
/// ## Why is this bad?
/// Heat refuses to create a nested stack below depth 5 (its
/// `max_nested_stack_depth`): `Recursion depth exceeds 5.` A template that
/// nests itself never stops, so it always ends there.
///
/// Resources with a `condition` are not followed (a false condition can
/// end a recursion), nor are files that cannot be read or are not HOT
/// templates; types mapped by an environment's `resource_registry` are not
/// seen here.
pub(crate) struct NestedStackDepth;

/// What the walk below one template found.
#[derive(Clone)]
enum Below {
    /// The deepest chain of nested templates under it (0: none).
    Height(usize),
    /// A chain that comes back to a template already on the path.
    Cycle(Vec<String>),
}

impl Rule for NestedStackDepth {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(files) = cx.files else {
            return;
        };
        let mut memo = HashMap::new();
        // The loader's names are folded (`a/./b` is `a/b`); the root's must be
        // too, or a template naming itself would not be seen as one.
        let mut path = vec![source::resolve("", files.name)];
        for (resource, type_value, type_name) in nested_resources(cx.root) {
            let Some(name) = resource.as_str() else {
                continue;
            };
            let Some((from, nested)) = cx.nested_source(name, type_name) else {
                continue;
            };
            let Ok(loaded) = cx.load(&from, &nested) else {
                continue;
            };
            let kind = match walk(cx, &loaded, &mut path, &mut memo) {
                Below::Cycle(chain) => FindingKind::NestedStackCycle {
                    resource: cx.name(resource),
                    chain,
                },
                Below::Height(h) if h + 1 > MAX_NESTED_DEPTH => FindingKind::NestedStackTooDeep {
                    resource: cx.name(resource),
                    depth: h + 1,
                },
                Below::Height(_) => continue,
            };
            cx.report(kind, type_value.span);
        }
    }
}

/// The resources of `root` with a string type and without a `condition`:
/// the name, the type's value and its text.
fn nested_resources(root: &Value) -> Vec<(&Value, &Value, &str)> {
    definitions(root, "resources")
        .iter()
        .filter(|(_, body)| body.get("condition").is_none())
        .filter_map(|(name, body)| {
            let type_value = body.get("type")?;
            Some((name, type_value, type_value.as_str()?))
        })
        .collect()
}

/// Walks the loaded template `loaded`: the deepest chain below it, or the
/// first cycle through `path`.
fn walk(
    cx: &mut Context<'_>,
    loaded: &Loaded,
    path: &mut Vec<String>,
    memo: &mut HashMap<String, Below>,
) -> Below {
    let resolved = loaded.resolved.as_str();
    if let Some(start) = path.iter().position(|p| p == resolved) {
        let mut chain: Vec<String> = path.iter().skip(start).cloned().collect();
        chain.push(resolved.to_owned());
        return Below::Cycle(chain);
    }
    if let Some(known) = memo.get(resolved) {
        return known.clone();
    }
    if path.len() > WALK_LIMIT {
        return Below::Height(0);
    }
    let Some(template) = &loaded.template else {
        return Below::Height(0);
    };
    path.push(resolved.to_owned());
    let mut height = 0;
    let mut found = None;
    for (name, _, child_type) in nested_resources(template) {
        let Some(name) = name.as_str() else {
            continue;
        };
        let Some((from, nested)) = cx.nested_source_from(resolved, name, child_type) else {
            continue;
        };
        let Ok(child) = cx.load(&from, &nested) else {
            continue;
        };
        match walk(cx, &child, path, memo) {
            Below::Height(h) => height = height.max(h + 1),
            cycle @ Below::Cycle(_) => {
                found = Some(cycle);
                break;
            }
        }
    }
    path.pop();
    let below = found.unwrap_or(Below::Height(height));
    memo.insert(resolved.to_owned(), below.clone());
    below
}

#[cfg(test)]
mod tests {
    use crate::check_with;
    use crate::source::MemoryLoader;

    fn nests(child: &str) -> String {
        format!("heat_template_version: 2021-04-16\nresources:\n  r:\n    type: {child}\n")
    }

    const LEAF: &str = "heat_template_version: 2021-04-16\nresources: {}\n";

    fn codes(loader: &MemoryLoader) -> Vec<(&'static str, String)> {
        let root = nests("l1.yaml");
        check_with(&root, "root.yaml", loader)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    fn chain(levels: usize) -> MemoryLoader {
        let mut loader = MemoryLoader::new();
        for i in 1..levels {
            loader = loader.with(&format!("l{i}.yaml"), &nests(&format!("l{}.yaml", i + 1)));
        }
        loader.with(&format!("l{levels}.yaml"), LEAF)
    }

    #[test]
    fn five_levels_are_allowed_six_are_not() {
        assert_eq!(codes(&chain(5)), vec![]);
        let found = codes(&chain(6));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found.iter().all(|(c, m)| *c == "HOT072" && m.contains('6')),
            "{found:?}"
        );
    }

    #[test]
    fn a_template_that_nests_itself_is_a_cycle() {
        let loader = MemoryLoader::new()
            .with("l1.yaml", &nests("sub/l2.yaml"))
            .with("sub/l2.yaml", &nests("../l1.yaml"));
        let found = codes(&loader);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(c, m)| *c == "HOT072" && m.contains("l1.yaml")),
            "{found:?}"
        );
    }

    #[test]
    fn a_conditional_resource_is_not_followed() {
        let looped = "heat_template_version: 2021-04-16
parameters:
  again: {type: boolean, default: false}
conditions:
  deeper: {get_param: again}
resources:
  r:
    type: l1.yaml
    condition: deeper
";
        let loader = MemoryLoader::new().with("l1.yaml", looped);
        assert_eq!(codes(&loader), vec![]);
    }
}
