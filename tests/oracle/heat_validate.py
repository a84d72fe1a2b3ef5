"""Validates templates and environment files with a real Heat, in process.

Usage: heat_validate.py FILE...   (run with the python of a venv that has
openstack-heat installed; .ci/run makes one)

For each file prints one JSON line {"path", "ok", "stage", "type", "message"}:
a template goes through what stack preview and create run before touching a
cloud (template_format.parse, then Stack.validate() with strict validation);
an environment file through environment_format.parse and Environment(). No
server, no database, no network: Heat is imported once and called directly.
Resource types that need another OpenStack service fail as they would on a
Heat without that service, so the fixtures this checks use only OS::Heat::*
types that run inside the engine.
"""
import json
import logging
import sys
import warnings

warnings.filterwarnings("ignore")
logging.basicConfig(level=logging.CRITICAL)

from oslo_service import backend  # noqa: E402

backend.init_backend(backend.BackendType.THREADING)

from oslo_config import cfg  # noqa: E402
from heat.common import context, environment_format, messaging, template_format  # noqa: E402
from heat.engine import environment, resources  # noqa: E402
from heat.engine import stack as stack_mod  # noqa: E402
from heat.engine import template as template_mod  # noqa: E402

ENV_SECTIONS = {"parameters", "parameter_defaults", "resource_registry", "event_sinks",
                "encrypted_param_names", "parameter_merge_strategies"}


def is_environment(raw):
    """An environment file: a mapping without a template version key."""
    try:
        data = template_format.simple_parse(raw)
    except Exception:  # noqa: BLE001 - a broken file is validated as a template
        return False
    return (isinstance(data, dict) and "heat_template_version" not in data
            and any(k in ENV_SECTIONS for k in data))


SAMPLES = {"string": "x", "number": 1, "json": {}, "comma_delimited_list": "x",
           "boolean": False}


def sample_values(tpl):
    """A value for each parameter that has no default, chosen by its type."""
    params = tpl.get("parameters") if isinstance(tpl, dict) else None
    if not isinstance(params, dict):
        return {}
    values = {}
    for name, schema in params.items():
        if isinstance(schema, dict) and "default" not in schema:
            values[name] = sample(schema)
    return values


def sample(schema):
    """The plainest value of the parameter's type that meets its constraints:
    an allowed value if there is a list of them, else the range's minimum,
    else a string of the minimum length."""
    constraints = [c for c in schema.get("constraints") or [] if isinstance(c, dict)]
    for c in constraints:
        if isinstance(c.get("allowed_values"), list) and c["allowed_values"]:
            return c["allowed_values"][0]
    for c in constraints:
        if isinstance(c.get("range"), dict) and "min" in c["range"]:
            return c["range"]["min"]
    for c in constraints:
        if isinstance(c.get("length"), dict) and "min" in c["length"]:
            return "x" * int(c["length"]["min"] or 1)
    return SAMPLES.get(str(schema.get("type")).lower(), "x")


def validate(path, ctx):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    stage = "parse"
    try:
        if is_environment(raw):
            stage = "environment"
            environment.Environment(environment_format.parse(raw))
        else:
            tpl = template_format.parse(raw)
            stage = "template"
            tmpl = template_mod.Template(tpl, files={})
            # Create needs a value for every parameter without a default;
            # give each one a value of its type, as a user would.
            tmpl.env = environment.Environment({"parameters": sample_values(tpl)})
            stage = "validate"
            stack_mod.Stack(ctx, "hotc_check", tmpl).validate()
        return {"path": path, "ok": True, "stage": stage, "type": None, "message": None}
    except Exception as ex:  # noqa: BLE001 - every refusal counts
        return {"path": path, "ok": False, "stage": stage, "type": type(ex).__name__,
                "message": str(ex)[:500]}


def main(paths):
    cfg.CONF([], project="heat", prog="hotc-heat-validate")
    messaging.setup("fake://")
    resources.initialise()
    ctx = context.RequestContext(project_id="admin", user_id="admin", username="admin",
                                 roles=["admin"], is_admin=True, auth_token="unset",
                                 auth_url="url")
    for path in paths:
        print(json.dumps(validate(path, ctx)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
