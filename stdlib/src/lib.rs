//! hotc's standard library: the resource-type schemas of OpenStack Heat, as
//! data embedded at build time.
//!
//! Each schema is the JSON text of one file under `stdlib/schemas/`, in the
//! form Heat's API gives for `GET /resource_types/{type}`
//! (`{"resource_type", "properties", "attributes", "support_status",
//! "description"}`), plus the support status of properties and attributes
//! where Heat declares one. They were imported from a real Heat with
//! `hotc schema import --heat-python` (see `schemas/SOURCE.md` and
//! docs/schemas.md); `DockerInc::Docker::Container`, a plugin that Heat does
//! not ship, was written from its source.
//!
//! The crate parses nothing: it hands out the texts, and the compiler reads
//! them with hotc's own JSON front end. Lookups never fail for a name that
//! [`type_names`] yields.

include!(concat!(env!("OUT_DIR"), "/schemas.rs"));

/// The release of OpenStack Heat (the `openstack-heat` package) the
/// imported schemas come from; `schemas/manifest.json` records the same.
pub const HEAT_VERSION: &str = "27.0.1";

/// `schemas/manifest.json`: what the last import recorded (the Heat
/// version, the source, the date, the imported types) and Heat's stock type
/// aliases (`"OS::Quantum*": "OS::Neutron*"`, `"OS::Metering::Alarm":
/// "OS::Aodh::Alarm"`, ...), which a template may use in place of the type
/// they name.
pub const MANIFEST_JSON: &str = include_str!("../schemas/manifest.json");

/// The JSON text of the schema of `type_name` (`"OS::Nova::Server"`), if the
/// standard library has it. Names are matched exactly, as Heat does.
pub fn schema_json(type_name: &str) -> Option<&'static str> {
    let index = SCHEMAS
        .binary_search_by(|(name, _)| (*name).cmp(type_name))
        .ok()?;
    SCHEMAS.get(index).map(|(_, json)| *json)
}

/// Every type the standard library has a schema for, in byte order.
pub fn type_names() -> impl Iterator<Item = &'static str> {
    SCHEMAS.iter().map(|(name, _)| *name)
}
