"""Checks values against Heat's custom constraints that need no cloud.

Usage: heat_custom.py < cases.json   (run with the python of a venv that has
openstack-heat installed; ~/.cache/heat-ref/venv or $HOTC_HEAT_PYTHON)

Reads a JSON list of cases, each {"constraint": name, "value": text}, and
checks the value with a fresh `heat.engine.constraints.CustomConstraint` of
that name, looked up in Heat's global environment as a template's
`custom_constraint` is. Prints one JSON line per case: {"valid": true}, or
{"valid": false, "message": text} with the message Heat's
`Constraint.validate` raises (what a parameter's error then quotes), or
{"crash": type} when the constraint raises something other than the
ValueError Heat reports as a validation failure. No server, database or
network: Heat is imported and called in process.
"""
import json
import logging
import sys
import warnings

warnings.filterwarnings("ignore")
logging.basicConfig(level=logging.CRITICAL)

from oslo_service import backend  # noqa: E402

backend.init_backend(backend.BackendType.THREADING)

from heat.engine import constraints, resources  # noqa: E402


def check(case):
    constraint = constraints.CustomConstraint(case["constraint"])
    try:
        constraint.validate(case["value"], None, None)
    except ValueError as ex:
        return {"valid": False, "message": str(ex)}
    except Exception as ex:  # noqa: BLE001 - reported, not hidden
        return {"crash": type(ex).__name__}
    return {"valid": True}


def main():
    resources.initialise()
    for case in json.load(sys.stdin):
        print(json.dumps(check(case)))


if __name__ == "__main__":
    main()
