"""Creates stacks in a real Heat, then asks what an update would do and does it.

Usage: heat_preview.py < cases.json   (run with the python of a venv that has
openstack-heat installed; ~/.cache/heat-ref/venv or $HOTC_HEAT_PYTHON)

Reads a JSON list of cases, each {"name", "template_a", "params_a",
"template_b", "params_b"}: templates as text (read by Heat's own loader, as
the API reads a template string), parameters as mappings. For each case it
creates stack A (named "hotc-case-N", N counting from 0) and checks that it
is CREATE_COMPLETE, records each resource, asks Heat's update preview about
template B with parameters B, then performs that update. Prints one JSON line
per case:

  {"created": {name: {"type", "physical_id", "reference", "properties",
                      "attributes", "metadata"}},
   "preview": {"added", "deleted", "replaced", "updated", "unchanged"},
   "updated": {"added", "deleted", "replaced", "updated", "unchanged"}}

or {"error": type, "message": ...} (with what was learnt before it). Every
list is sorted. "properties" are the given properties, resolved and
converted to their schema types as the resource reads them; "reference" is
what `get_resource` gives (for OS::Heat::RandomString the string, not the
id); "attributes" every attribute of the type's schema but `show`.

Why both the preview and the update: `PUT .../preview` resolves template
B's functions against a stack whose resources were never created, so a
`get_resource` gives the resource's name and a `get_attr` null, and a
resource that reads another shows as updated although nothing it reads
changes; the update itself resolves them against the stack being updated
(heat/engine/update.py, `_update_in_place`). The update is what the preview
predicts, so it is the reference, and the preview is reported beside it. A
resource that kept its database row and took an UPDATE action was updated;
one with a new row under its name was replaced.

No server, network or other OpenStack service: Heat is imported and called
in process, with its SQLite database in a temporary directory removed at
exit, the in-process `fake://` transport and the fake Keystone client. The
stacks are created and updated by the engine's synchronous (legacy) path,
since convergence hands each resource to a worker over RPC; the rules that
decide update or replace (Resource._needs_update and
update_template_diff_properties) are the same on both paths. The preview is
the engine's own `EngineService.preview_update_stack`. Heat's 1 s pause
between scheduler steps is off (`scheduler.ENABLE_SLEEP`, as the shared
server's `--fast`): the same results, sooner.
"""
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")
logging.basicConfig(level=logging.CRITICAL)

from oslo_service import backend  # noqa: E402

backend.init_backend(backend.BackendType.THREADING)

from oslo_config import cfg  # noqa: E402

# No Keystone: the fake client, with the credentials taken from the request
# context rather than a trust; the legacy (synchronous) engine; no
# notifications; a database of our own.
CONF_TEMPLATE = """[DEFAULT]
transport_url = fake://
keystone_backend = heat.engine.clients.os.keystone.fake_keystoneclient.FakeKeystoneClient
deferred_auth_method = password
convergence_engine = false
client_retry_limit = 0

[database]
connection = sqlite:///%(db)s

[oslo_messaging_notifications]
driver = noop

[oslo_policy]
enforce_scope = false
enforce_new_defaults = false

[cache]
enabled = false
"""

ENGINE_ID = "hotc-preview-engine"
KINDS = ("added", "deleted", "replaced", "updated", "unchanged")


def main():
    workdir = tempfile.mkdtemp(prefix="hotc-heat-preview-")
    try:
        # Importing these registers Heat's options before the file is read.
        from heat.common import config, context, messaging  # noqa: F401
        from heat.db import api as db_api, migration  # noqa: F401
        from heat.engine import resources, scheduler
        from heat.engine import service as service_mod

        conf = os.path.join(workdir, "heat.conf")
        with open(conf, "w") as f:
            f.write(CONF_TEMPLATE % {"db": os.path.join(workdir, "heat.sqlite")})
        cfg.CONF(["--config-file", conf], project="heat", prog="hotc-heat-preview")
        messaging.setup("fake://")
        migration.db_sync()
        resources.initialise()
        scheduler.ENABLE_SLEEP = False
        ctx = context.RequestContext(project_id="admin", user_id="admin", username="admin",
                                     password="unset", roles=["admin"], is_admin=True,
                                     auth_token="unset", auth_url="http://127.0.0.1:1/v3")
        engine = service_mod.EngineService("hotc-preview", "engine")
        for i, case in enumerate(json.load(sys.stdin)):
            result = {}
            try:
                run(case, "hotc-case-%d" % i, ctx, engine, result)
            except Exception as ex:  # noqa: BLE001 - every refusal counts
                result.update(error=type(ex).__name__, message=str(ex)[:500])
            try:
                line = json.dumps(result, allow_nan=False, sort_keys=True)
            except (TypeError, ValueError) as ex:
                line = json.dumps({"error": "Unserialisable",
                                   "message": "Heat gave a value JSON cannot carry: " + str(ex)})
            print(line, flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def jsonable(v):
    """A resolved value as JSON data (Heat's values are plain Python ones)."""
    return json.loads(json.dumps(v, default=str))


def run(case, name, ctx, engine, result):
    """Creates stack A, previews and performs the update; fills `result`."""
    from heat.common import template_format
    from heat.engine import environment, stack_lock
    from heat.engine import stack as stack_mod
    from heat.engine import template as template_mod

    tmpl = template_mod.Template(template_format.parse(case["template_a"]),
                                 env=environment.Environment(case.get("params_a") or {}))
    stack = stack_mod.Stack(ctx, name, tmpl, disable_rollback=True)
    stack.validate()
    stack.store()
    # As the engine does: create under the stack's lock, then write the
    # final state as the lock is released (the legacy path defers it).
    lock = stack_lock.StackLock(ctx, stack.id, ENGINE_ID)
    lock.acquire()
    stack.create()
    stack.persist_state_and_release_lock(ENGINE_ID)
    if stack.state != (stack.CREATE, stack.COMPLETE):
        raise RuntimeError("create: %s_%s: %s" % (stack.action, stack.status, stack.status_reason))
    result["created"] = {rname: describe(res) for rname, res in stack.resources.items()}

    template_b = template_format.parse(case["template_b"])
    params_b = case.get("params_b") or {}
    changes = engine.preview_update_stack(ctx, dict(stack.identifier()), template_b, params_b,
                                          {}, {})
    result["preview"] = {kind: sorted(r["resource_name"] for r in changes.get(kind, []))
                         for kind in KINDS}

    before = {rname: res.uuid for rname, res in stack.resources.items()}
    current = stack_mod.Stack.load(ctx, stack_id=stack.id)
    _, current, updated = engine._prepare_stack_updates(ctx, current, template_b, params_b,
                                                        None, {}, None, {})
    current.update(updated)
    if current.state != (current.UPDATE, current.COMPLETE):
        raise RuntimeError("update: %s_%s: %s" % (current.action, current.status,
                                                  current.status_reason))
    after = stack_mod.Stack.load(ctx, stack_id=stack.id)
    done = {kind: [] for kind in KINDS}
    for rname, res in after.resources.items():
        if rname not in before:
            done["added"].append(rname)
        elif res.uuid != before[rname]:
            done["replaced"].append(rname)
        elif res.action == res.UPDATE:
            done["updated"].append(rname)
        else:
            done["unchanged"].append(rname)
    done["deleted"] = [rname for rname in before if rname not in after.resources]
    result["updated"] = {kind: sorted(names) for kind, names in done.items()}


def describe(res):
    """A created resource as hotc's state records one."""
    props = {}
    for key in res._stored_properties_data or {}:
        try:
            props[key] = jsonable(res.properties[key])
        except (KeyError, ValueError, TypeError):
            # A type without a schema (OS::Heat::None takes anything).
            props[key] = jsonable(res._stored_properties_data[key])
    attrs = {}
    for attr in sorted(res.attributes_schema):
        if attr == "show":
            # The whole resource as the API shows it; hotc records no such thing.
            continue
        try:
            attrs[attr] = jsonable(res.FnGetAtt(attr))
        except Exception:  # noqa: BLE001 - an attribute the type cannot give
            continue
    return {
        "type": res.type(),
        "physical_id": res.resource_id,
        "reference": res.FnGetRefId(),
        "properties": props,
        "attributes": attrs,
        # The metadata the resource holds: the template's, resolved.
        "metadata": jsonable(res.metadata_get()),
    }


if __name__ == "__main__":
    sys.exit(main())
