//! What planning needs of a resource type's schema (stdlib/, imported from
//! Heat): each property's type, default, and whether Heat can change it in
//! place (`update_allowed`), must replace the resource, or refuses any
//! change (`immutable`). The lint rules read the full schema through
//! `lint::schema`; this is the public view of the same data.

use crate::eval::Val;
use crate::lint::schema;

pub use crate::lint::schema::PropType as PropertyType;

/// How Heat treats one property of a type.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyRules {
    pub ty: PropertyType,
    /// A change is made in place; otherwise it forces replacement.
    pub update_allowed: bool,
    /// Heat refuses any change (`NotSupported`).
    pub immutable: bool,
    /// The value Heat uses when the template gives none.
    pub default: Option<Val>,
}

/// The rules of every property of `type_name`, in the schema's order, or
/// `None` when the stdlib has no such type (a nested template, a custom
/// type, a plugin hotc has not imported).
pub fn properties(type_name: &str) -> Option<Vec<(String, PropertyRules)>> {
    let schema = schema::lookup(type_name)?;
    Some(
        schema
            .properties
            .0
            .iter()
            .map(|(name, p)| {
                (
                    name.clone(),
                    PropertyRules {
                        ty: p.ty,
                        update_allowed: p.update_allowed,
                        immutable: p.immutable,
                        default: p.default.as_ref().map(Val::from_literal),
                    },
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "the stdlib has these types")]

    use super::*;

    fn rules(type_name: &str, property: &str) -> PropertyRules {
        properties(type_name)
            .unwrap()
            .into_iter()
            .find(|(n, _)| n == property)
            .unwrap()
            .1
    }

    /// Facts of Heat 27's schemas: a server's flavor can be resized in
    /// place, its availability zone cannot change without a new server, a
    /// volume's size grows in place.
    #[test]
    fn update_rules_come_from_heat() {
        assert!(rules("OS::Nova::Server", "flavor").update_allowed);
        assert!(!rules("OS::Nova::Server", "availability_zone").update_allowed);
        assert!(rules("OS::Cinder::Volume", "size").update_allowed);
        assert_eq!(
            rules("OS::Cinder::Volume", "size").ty,
            PropertyType::Integer
        );
        assert_eq!(
            rules("OS::Heat::RandomString", "length").default,
            Some(Val::Int(32))
        );
        assert!(properties("my/nested.yaml").is_none());
    }
}
