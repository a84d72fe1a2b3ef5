"""Evaluates HOT expressions with Heat's own function implementations.

Usage: heat_eval.py < cases.json   (run with the python of a venv that has
openstack-heat installed; ~/.cache/heat-ref/venv or $HOTC_HEAT_PYTHON)

Reads a JSON list of cases, each {"version", "params", "expr"} with optional
"files" (for get_file), "conditions" (a template's conditions section) and
"resources" (names, declared as OS::Heat::None and never created).
Each parameter is declared with a type chosen from its value (string,
number, boolean, json for lists and mappings) and the value as its default,
so get_param gives back exactly that value. The expression is parsed with the
template class of that version (the version picks each function's variant),
validated as Heat validates an output, and resolved. Prints one JSON line per
case: {"value": ...} or {"error": type, "message": ...}. Functions are
parsed against the Stack itself (not its lightweight definition), so that
get_attr can check an uncreated resource's attribute names; such a
resource's attributes resolve to None and its reference id to its name. No
server, database or network: Heat is imported and called in process.
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
from heat.common import context, messaging  # noqa: E402
from heat.engine import function, resources  # noqa: E402
from heat.engine import stack as stack_mod  # noqa: E402
from heat.engine import template as template_mod  # noqa: E402


def param_type(value):
    """The parameter type whose value is exactly `value`."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, dict)):
        return "json"
    return "string"


def evaluate(case, ctx):
    params = case.get("params") or {}
    tpl = {
        "heat_template_version": case["version"],
        "parameters": {name: {"type": param_type(v), "default": v}
                       for name, v in params.items()},
        "outputs": {"o": {"value": case["expr"]}},
    }
    if case.get("resources"):
        # Resources that run inside the engine; before create their
        # attributes are None, which hotc calls unknown.
        tpl["resources"] = {name: {"type": "OS::Heat::None"} for name in case["resources"]}
    if "conditions" in case:
        tpl["conditions"] = case["conditions"]
    try:
        tmpl = template_mod.Template(tpl, files=case.get("files") or {})
        stack = stack_mod.Stack(ctx, "hotc_eval", tmpl)
        parsed = tmpl.parse(stack, case["expr"])
        function.validate(parsed)
        return {"value": function.resolve(parsed)}
    except Exception as ex:  # noqa: BLE001 - every refusal counts
        return {"error": type(ex).__name__, "message": str(ex)[:500]}


def main():
    cfg.CONF([], project="heat", prog="hotc-heat-eval")
    messaging.setup("fake://")
    resources.initialise()
    ctx = context.RequestContext(project_id="admin", user_id="admin", username="admin",
                                 roles=["admin"], is_admin=True, auth_token="unset",
                                 auth_url="url")
    for case in json.load(sys.stdin):
        result = evaluate(case, ctx)
        try:
            line = json.dumps(result, allow_nan=False)
        except (TypeError, ValueError) as ex:
            line = json.dumps({"error": "Unserialisable", "message": "Heat gave a value JSON cannot carry: " + str(ex)})
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
