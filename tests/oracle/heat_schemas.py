"""Prints the resource-type schemas of a real Heat, read in process.

Usage: heat_schemas.py [--config-file FILE] [TYPE...]
(run with the python of a venv that has openstack-heat installed;
`hotc schema import --heat-python PYTHON` runs this script, which it carries
inside the binary.)

Prints one JSON object to stdout:
  {"heat_version": "27.0.1",
   "config_files": [...],
   "types": {TYPE: SCHEMA, ...},
   "aliases": {NAME: TARGET, ...},
   "errors": {TYPE: MESSAGE, ...}}

Each SCHEMA is the dict heat.engine.service.EngineService.resource_schema
builds for `GET /v1/{project}/resource_types/{type}?with_description=true`:
{"resource_type", "properties", "attributes", "support_status", "description"},
built here the same way from the class's properties_schema and
attributes_schema, with three differences:

* No policy check and no service-availability check, so the types of every
  OpenStack service are included, whether or not this machine has it.
* Hidden types are included (the API refuses them with NotSupported); their
  support_status says HIDDEN.
* The API leaves out hidden and not-implemented top-level properties and
  hidden attributes, and says nothing of the support status of a property or
  an attribute. Heat accepts hidden properties in templates (they are usually
  old names that a translation rule maps to new ones) and refuses
  not-implemented ones with its own message, so a checker needs them. Here
  they are kept, and two keys are added where they are not the default: on a
  property (at any depth) or an attribute whose status is not SUPPORTED,
  "support_status" (the same shape as the type's); on a property that is not
  implemented, "implemented": false. Removing those entries and keys gives
  back exactly what the API returns.

With TYPE arguments, only those types are printed (a type Heat does not know
goes into "errors"); without, every type the global environment registers:
plugin classes and template resources. Aliases (mappings of one type name to
another, such as OS::Quantum* -> OS::Neutron*) are listed apart.

Without --config-file, no configuration file is read, and the global
environment is Heat's shipped etc/heat/environment.d/default.yaml, with its
template URLs pointed at the shipped etc/heat/templates of this installation.
With --config-file (a cloud's heat.conf), its plugin_dirs and environment_dir
are used as the engine would.
"""
import argparse
import json
import logging
import os
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")
logging.basicConfig(level=logging.CRITICAL)

from oslo_service import backend  # noqa: E402

backend.init_backend(backend.BackendType.THREADING)

from oslo_config import cfg  # noqa: E402
from heat.common import config as heat_config  # noqa: E402,F401 - registers the options
from heat.engine import attributes, environment, properties, resources, support  # noqa: E402

try:
    from heat import version as heat_version_mod  # noqa: E402
    HEAT_VERSION = heat_version_mod.version_info.version_string()
except Exception:  # noqa: BLE001 - fall back to the distribution's metadata
    import importlib.metadata
    HEAT_VERSION = importlib.metadata.version("openstack-heat")

SHIPPED_TEMPLATE_URL = "file:///etc/heat/templates/"


def property_dict(schema):
    """dict(schema), as the API builds it, plus the extension keys, at every
    depth of nested list and map schemas."""
    out = dict(schema)
    if schema.schema is not None:
        out["schema"] = {name: property_dict(nested) for name, nested in schema.schema.items()}
    if schema.support_status.status != support.SUPPORTED:
        out["support_status"] = schema.support_status.to_dict()
    if not schema.implemented:
        out["implemented"] = False
    return out


def attribute_dict(schema):
    out = dict(schema)
    if schema.support_status.status != support.SUPPORTED:
        out["support_status"] = schema.support_status.to_dict()
    return out


def resource_schema(type_name, resource_class):
    """What EngineService.resource_schema returns with with_description=True,
    without its filters (see the module docstring)."""
    props = {}
    for name, schema_dict in resource_class.properties_schema.items():
        props[name] = property_dict(properties.Schema.from_legacy(schema_dict))
    attrs = {}
    # The same order and precedence as the engine: the class's own attributes
    # first, then the base ones (show), a later name replacing an earlier one.
    for source in (resource_class.attributes_schema, resource_class.base_attributes_schema):
        for name, schema_data in source.items():
            attrs[name] = attribute_dict(attributes.Schema.from_attribute(schema_data))
    return {
        "resource_type": type_name,
        "properties": props,
        "attributes": attrs,
        "support_status": resource_class.support_status.to_dict(),
        "description": resource_class.getdoc(),
    }


def shipped_environment_dir(tmp):
    """A copy of the installation's default environment with its template
    URLs pointed at the installation's templates, in the directory `tmp`."""
    etc = os.path.join(sys.prefix, "etc", "heat")
    src = os.path.join(etc, "environment.d")
    templates = "file://" + os.path.join(etc, "templates") + "/"
    if os.path.isdir(src):
        for name in sorted(os.listdir(src)):
            with open(os.path.join(src, name), encoding="utf-8") as f:
                text = f.read()
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write(text.replace(SHIPPED_TEMPLATE_URL, templates))
    return tmp


def registered(registry):
    """(name, info) for every type the registry holds, by name; the nested
    "resources" dict is per-resource overrides, not a type."""
    for name in sorted(registry._registry):
        info = registry._registry[name]
        if isinstance(info, environment.ResourceInfo):
            yield name, info


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config-file", action="append", default=[])
    ap.add_argument("types", nargs="*")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        argv = []
        for f in args.config_file:
            argv += ["--config-file", f]
        cfg.CONF(argv, project="heat", prog="heat-engine", default_config_files=[])
        if not args.config_file:
            cfg.CONF.set_override("environment_dir", shipped_environment_dir(tmp))
            # No plugin directories of this machine either: only what the
            # installed package registers.
            cfg.CONF.set_override("plugin_dirs", [])
        resources.initialise()
        env = resources.global_env()

        names = args.types
        aliases = {}
        if not names:
            names = []
            for name, info in registered(env.registry):
                if isinstance(info, (environment.ClassResourceInfo, environment.TemplateResourceInfo)):
                    names.append(name)
                elif isinstance(info, environment.MapResourceInfo):
                    aliases[name] = info.value

        types, errors = {}, {}
        for name in names:
            try:
                types[name] = resource_schema(name, env.get_class(name))
            except Exception as exc:  # noqa: BLE001 - reported per type
                errors[name] = "%s: %s" % (type(exc).__name__, exc)

    json.dump({"heat_version": HEAT_VERSION, "config_files": args.config_file,
               "types": types, "aliases": aliases, "errors": errors},
              sys.stdout, default=str, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
