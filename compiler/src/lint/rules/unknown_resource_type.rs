//! HOT040 unknown-resource-type, and the reading of a type name that
//! HOT041 shares.

use super::definitions;
use crate::diagnostics::finding::{FindingKind, SchemaFinding};
use crate::lint::schema;
use crate::lint::{Context, Rule};
use crate::suggest::{distance, nearest_within};

/// ## What it does
/// Reports a resource type that Heat cannot find: not a type Heat ships
/// (nor one of its stock aliases), not a template file, and not a
/// namespaced name an environment could map (those are HOT041). A name
/// close to a real type (`OS::Nova::Sever`) is always reported here, with
/// the real one.
///
/// ## Why is this bad?
/// Heat refuses the template: `The Resource Type (OS::Nova::Sever) could
/// not be found.`
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomStrng
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
/// ```
pub(crate) struct UnknownResourceType;

/// What a resource's type name is, as Heat's registry sees it without an
/// environment.
pub(super) enum TypeName {
    /// In the stdlib, directly or through a stock alias.
    Known,
    /// A template file (Heat's `.yaml`/`.template` rule), or something that
    /// looks like a path or URL of one: checked when the file is.
    Template,
    /// Close to a known type, or a known type without its namespace: a
    /// typo.
    Typo(&'static str),
    /// A namespaced name nothing defines (`My::Thing`): only an
    /// environment's `resource_registry` can map it.
    Custom,
    /// Anything else.
    Unknown,
}

/// How far a name may be from a known type to count as its typo. Smaller
/// than `nearest`'s own limit, which grows with the length: long custom
/// names (`OS::TripleO::Server`) are that far from stock ones
/// (`OS::Nova::Server`) without being typos of them.
const TYPO_DISTANCE: usize = 2;

/// Whether an `-e` environment's registry maps `found` for `resource`.
pub(super) fn is_mapped(cx: &Context<'_>, resource: &hotc_grammar::Value, found: &str) -> bool {
    cx.stack.is_some_and(|s| {
        s.registry
            .lookup(resource.as_str().unwrap_or(""), found)
            .is_some()
    })
}

pub(super) fn read_type(name: &str) -> TypeName {
    if schema::resolve(name).is_some() {
        return TypeName::Known;
    }
    let lower = name.to_ascii_lowercase();
    let template_suffix = [".yaml", ".yml", ".template", ".json"]
        .iter()
        .any(|s| lower.ends_with(s));
    if template_suffix || name.contains('/') {
        return TypeName::Template;
    }
    // Only a type within TYPO_DISTANCE can count, so for an ASCII name
    // (whose lowercase is the one the filter compares) `nearest` need not
    // look further: the same answer without building a table for every
    // stock type, which every custom type (`OS::TripleO::...`) would
    // otherwise pay, in both HOT040 and HOT041.
    let max = if name.is_ascii() {
        TYPO_DISTANCE
    } else {
        usize::MAX
    };
    let typo = nearest_within(name, schema::known_names(), max).filter(|known| {
        known.eq_ignore_ascii_case(name)
            || distance(&lower, &known.to_ascii_lowercase()) <= TYPO_DISTANCE
    });
    // A bare name that is the last part of exactly one type (`RandomString`)
    // lost its namespace.
    let bare = || {
        let mut owners = schema::known_names().filter(|known| {
            known
                .rsplit("::")
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(name))
        });
        match (owners.next(), owners.next()) {
            (Some(one), None) if !name.contains("::") => Some(one),
            (Some(_) | None, _) => None,
        }
    };
    match typo.or_else(bare) {
        Some(known) => TypeName::Typo(known),
        None if name.contains("::") => TypeName::Custom,
        None => TypeName::Unknown,
    }
}

impl Rule for UnknownResourceType {
    fn check(&self, cx: &mut Context<'_>) {
        for (name, body) in definitions(cx.root, "resources") {
            let Some((_, value)) = body.get_entry("type") else {
                continue;
            };
            // An empty type is HOT015's, one of the wrong kind HOT017's.
            let Some(found) = value.as_str().filter(|t| !t.is_empty()) else {
                continue;
            };
            // A type an environment maps is the registry's (HOT067).
            if is_mapped(cx, name, found) {
                continue;
            }
            let suggestion = match read_type(found) {
                TypeName::Known | TypeName::Template | TypeName::Custom => continue,
                TypeName::Typo(known) => Some(known),
                TypeName::Unknown => None,
            };
            let finding = SchemaFinding::UnknownResourceType {
                resource: cx.name(name),
                found: found.to_owned(),
                suggestion,
            };
            cx.report(FindingKind::Schema(finding), value.span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{TypeName, read_type};

    fn read(name: &str) -> &'static str {
        match read_type(name) {
            TypeName::Known => "known",
            TypeName::Template => "template",
            TypeName::Typo(_) => "typo",
            TypeName::Custom => "custom",
            TypeName::Unknown => "unknown",
        }
    }

    #[test]
    fn names_are_read_as_heats_registry_would() {
        assert_eq!(read("OS::Nova::Server"), "known");
        assert_eq!(read("OS::Quantum::Port"), "known");
        assert_eq!(read("OS::Metering::Alarm"), "known");
        for path in [
            "app.yaml",
            "app.yml",
            "app.template",
            "https://x/app",
            "app.json",
        ] {
            assert_eq!(read(path), "template", "{path}");
        }
        assert_eq!(read("OS::Nova::Sever"), "typo");
        assert_eq!(read("os::nova::server"), "typo");
        assert_eq!(read("RandomString"), "typo");
        assert_eq!(read("Frobnicate"), "unknown");
        // Long custom names are far from stock ones in edits, not in kind.
        assert_eq!(read("OS::TripleO::Server"), "custom");
        assert_eq!(read("Magnum::Optional::Cinder::Volume"), "custom");
        assert_eq!(read("My::Thing"), "custom");
    }

    /// Two edits from a stock type is a typo, three is a custom type, even
    /// though `nearest`'s own limit for such long names is higher (the
    /// search stops at two); a non-ASCII name is read the same way.
    #[test]
    fn a_typo_is_at_most_two_edits_away() {
        assert!(matches!(
            read_type("OS::Nova::Srvr"),
            TypeName::Typo("OS::Nova::Server")
        ));
        assert_eq!(read("OS::Nova::Svr"), "custom");
        assert_eq!(read("OS::Nova::Sérver"), "typo");
        assert_eq!(read("OS::Nova::Sérvéé"), "custom");
    }

    #[test]
    fn a_typo_names_the_type_it_misspells() {
        assert!(matches!(
            read_type("OS::Heat::RandomStrng"),
            TypeName::Typo("OS::Heat::RandomString")
        ));
        assert!(matches!(
            read_type("Server"),
            TypeName::Typo("OS::Nova::Server")
        ));
    }
}
