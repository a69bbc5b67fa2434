#!/usr/bin/env python3
"""Validates generated starter manifests with the vendors' own schemas and tools.

Usage: validate.py OUT_DIR [--checkov PATH]

OUT_DIR holds <workload>/<platform>/<files> as written by `berth manifests`.
Each file is checked by the tool that knows its format:

  ECS / Scheduler JSON       botocore's service models (ParamValidator on the operation input)
  CloudFormation templates   cfn-lint (errors fail; warnings are printed)
  Kubernetes objects         kubernetes-validate, strict, for K8S_VERSION
  Cloud Run service / job    the Cloud Run Admin API v1 discovery document (unknown fields fail)
  Knative Service (GKE)      its revision spec as a core/v1 PodSpec (kubernetes-validate) + Knative fields
  ACI / Container Apps       the azure-mgmt models: unknown keys, types and required fields
  eksctl ClusterConfig       structure only (no schema ships in a Python package)

Then checkov scans OUT_DIR. A failed check fails the run unless the bundle's README names
its id under "Security scanner findings" (a finding the answers make inherent, explained
with why and what to do instead); a check skipped in a file must carry a reason. Counts
are printed at the end.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

K8S_VERSION = "1.33.0"

passes = 0
failures = []
notes = []


def ok(path, what):
    global passes
    passes += 1
    print(f"  ok   {what:<28} {path}")


def fail(path, what, msg):
    failures.append(f"{path}: {what}: {msg}")
    print(f"  FAIL {what:<28} {path}\n       {msg}")


# ---------- AWS API inputs (botocore) ----------

_models = {}


def aws_input(path, service, operation):
    import botocore.session
    from botocore.validate import ParamValidator

    if service not in _models:
        _models[service] = botocore.session.get_session().get_service_model(service)
    shape = _models[service].operation_model(operation).input_shape
    with open(path) as f:
        data = json.load(f)
    report = ParamValidator().validate(data, shape)
    if report.has_errors():
        fail(path, f"botocore {service}.{operation}", report.generate_report())
    else:
        ok(path, f"botocore {service}.{operation}")


# ---------- CloudFormation (cfn-lint) ----------


def cfn(path):
    r = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "cfn-lint"), "--format", "parseable", path],
        capture_output=True,
        text=True,
    )
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    errors = [l for l in lines if ":E" in l or re.search(r":E\d{4}:", l)]
    warnings = [l for l in lines if l not in errors]
    for w in warnings:
        notes.append(f"cfn-lint warning: {w}")
    if errors or (r.returncode not in (0, 4, 8) and not lines):
        fail(path, "cfn-lint", "\n       ".join(errors or [r.stderr.strip()]))
    else:
        ok(path, "cfn-lint" + (f" ({len(warnings)} warnings)" if warnings else ""))


# ---------- Kubernetes ----------


def k8s_objects(path, docs):
    import kubernetes_validate

    for d in docs:
        if d is None:
            continue
        kind = f"{d.get('apiVersion')}/{d.get('kind')}"
        if d.get("apiVersion") == "serving.knative.dev/v1":
            knative_service(path, d)
            continue
        try:
            kubernetes_validate.validate(d, K8S_VERSION, strict=True)
            ok(path, f"k8s {K8S_VERSION} {d.get('kind')}")
        except kubernetes_validate.ValidationError as e:
            fail(path, f"k8s {kind}", f"{e.message} at {'.'.join(str(p) for p in e.path)}")
        except Exception as e:  # noqa: BLE001 - report any validator failure
            fail(path, f"k8s {kind}", repr(e))


def knative_service(path, d):
    """A Knative revision spec is a core/v1 PodSpec plus a few Knative fields."""
    import kubernetes_validate

    spec = dict(d["spec"]["template"]["spec"])
    errs = []
    for field, kind in (("containerConcurrency", int), ("timeoutSeconds", int)):
        if field in spec and not isinstance(spec.pop(field), kind):
            errs.append(f"{field} must be an integer")
    for top in d:
        if top not in ("apiVersion", "kind", "metadata", "spec"):
            errs.append(f"unknown field {top}")
    for key in d["spec"]:
        if key not in ("template", "traffic"):
            errs.append(f"unknown field spec.{key}")
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": d["metadata"]["name"]}, "spec": spec}
    try:
        kubernetes_validate.validate(pod, K8S_VERSION, strict=True)
    except kubernetes_validate.ValidationError as e:
        errs.append(f"{e.message} at spec.template.spec.{'.'.join(str(p) for p in e.path[1:])}")
    if errs:
        fail(path, "knative Service", "; ".join(errs))
    else:
        ok(path, "knative Service (PodSpec)")


def eksctl(path, doc):
    errs = []
    if doc.get("apiVersion") != "eksctl.io/v1alpha5" or doc.get("kind") != "ClusterConfig":
        errs.append("apiVersion/kind must be eksctl.io/v1alpha5 ClusterConfig")
    known = {"apiVersion", "kind", "metadata", "iam", "fargateProfiles", "cloudWatch", "vpc", "addons"}
    errs += [f"unexpected top-level key {k}" for k in doc if k not in known]
    for fp in doc.get("fargateProfiles", []):
        if not fp.get("name") or not fp.get("selectors"):
            errs.append("a Fargate profile needs a name and selectors")
    if not re.fullmatch(r"[a-zA-Z][-a-zA-Z0-9]*", str(doc.get("metadata", {}).get("name", ""))):
        errs.append("metadata.name is not a valid cluster name")
    if errs:
        fail(path, "eksctl (structure)", "; ".join(errs))
    else:
        ok(path, "eksctl (structure)")


# ---------- Cloud Run (discovery document) ----------

_discovery = None


def discovery():
    global _discovery
    if _discovery is None:
        import googleapiclient

        p = os.path.join(os.path.dirname(googleapiclient.__file__), "discovery_cache", "documents", "run.v1.json")
        with open(p) as f:
            _discovery = json.load(f)["schemas"]
    return _discovery


def check_schema(value, schema, where, errs):
    schemas = discovery()
    if "$ref" in schema:
        schema = schemas[schema["$ref"]]
    t = schema.get("type")
    if t == "object" and "properties" in schema:
        if not isinstance(value, dict):
            errs.append(f"{where}: expected an object")
            return
        for k, v in value.items():
            if k not in schema["properties"]:
                errs.append(f"{where}.{k}: unknown field")
            else:
                check_schema(v, schema["properties"][k], f"{where}.{k}", errs)
    elif t == "object" and "additionalProperties" in schema:
        if not isinstance(value, dict):
            errs.append(f"{where}: expected a map")
            return
        for k, v in value.items():
            check_schema(v, schema["additionalProperties"], f"{where}.{k}", errs)
    elif t == "array":
        if not isinstance(value, list):
            errs.append(f"{where}: expected a list")
            return
        for i, v in enumerate(value):
            check_schema(v, schema["items"], f"{where}[{i}]", errs)
    elif t == "string":
        # int64 fields are strings in the discovery format; YAML integers are accepted for them.
        if not (isinstance(value, str) or (schema.get("format") in ("int64", "uint64") and isinstance(value, int))):
            errs.append(f"{where}: expected a string, got {type(value).__name__}")
        if "enum" in schema and value not in schema["enum"]:
            errs.append(f"{where}: {value!r} not in {schema['enum']}")
    elif t == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            errs.append(f"{where}: expected an integer")
    elif t == "boolean":
        if not isinstance(value, bool):
            errs.append(f"{where}: expected a boolean")
    elif t == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            errs.append(f"{where}: expected a number")


def cloud_run(path, doc):
    kind = doc.get("kind")
    errs = []
    if kind == "Service" and doc.get("apiVersion") != "serving.knative.dev/v1":
        errs.append("a Cloud Run Service uses apiVersion serving.knative.dev/v1")
    if kind == "Job" and doc.get("apiVersion") != "run.googleapis.com/v1":
        errs.append("a Cloud Run Job uses apiVersion run.googleapis.com/v1")
    if kind not in ("Service", "Job"):
        errs.append(f"unexpected kind {kind}")
    else:
        check_schema(doc, {"$ref": kind}, kind, errs)
    if errs:
        fail(path, f"run.v1 {kind}", "; ".join(errs))
    else:
        ok(path, f"run.v1 discovery {kind}")


# ---------- Azure models ----------


def msrest_tree(cls):
    """{rest key: (type string, required)} of an msrest model, flattened keys split."""
    tree = {}
    validation = getattr(cls, "_validation", {})
    for attr, spec in cls._attribute_map.items():
        parts = [p.replace("\\.", ".") for p in re.split(r"(?<!\\)\.", spec["key"])]
        node = tree
        for p in parts[:-1]:
            node = node.setdefault(p, ({}, False))[0] if isinstance(node.get(p, ({},))[0], dict) else node
        readonly = validation.get(attr, {}).get("readonly", False)
        node[parts[-1]] = (spec["type"], validation.get(attr, {}).get("required", False), readonly)
    return tree


def check_msrest(value, type_str, models, where, errs):
    if type_str.startswith("[") and type_str.endswith("]"):
        if not isinstance(value, list):
            errs.append(f"{where}: expected a list")
            return
        for i, v in enumerate(value):
            check_msrest(v, type_str[1:-1], models, f"{where}[{i}]", errs)
        return
    if type_str.startswith("{") and type_str.endswith("}"):
        if not isinstance(value, dict):
            errs.append(f"{where}: expected a map")
            return
        for k, v in value.items():
            check_msrest(v, type_str[1:-1], models, f"{where}.{k}", errs)
        return
    simple = {"str": str, "float": (int, float), "int": int, "bool": bool, "object": object}
    if type_str in simple:
        if not isinstance(value, simple[type_str]) or (type_str in ("int", "float") and isinstance(value, bool)):
            errs.append(f"{where}: expected {type_str}, got {type(value).__name__}")
        return
    cls = getattr(models, type_str, None)
    if cls is None or not hasattr(cls, "_attribute_map"):
        if not isinstance(value, str):  # enums
            errs.append(f"{where}: expected a string ({type_str})")
        return
    check_tree(value, msrest_tree(cls), models, where, errs)


def check_tree(value, tree, models, where, errs):
    if not isinstance(value, dict):
        errs.append(f"{where}: expected an object")
        return
    for k, v in value.items():
        if k not in tree:
            errs.append(f"{where}.{k}: unknown field")
            continue
        node = tree[k]
        if isinstance(node, tuple) and isinstance(node[0], dict):
            check_tree(v, node[0], models, f"{where}.{k}", errs)
        else:
            if node[2]:
                errs.append(f"{where}.{k}: read-only field")
            check_msrest(v, node[0], models, f"{where}.{k}", errs)
    for k, node in tree.items():
        if isinstance(node, tuple) and not isinstance(node[0], dict) and node[1] and k not in value:
            errs.append(f"{where}.{k}: required field missing")


def model_base_check(value, cls, where, errs, models_mod):
    """Checks a dict against a TypeSpec-generated (model_base) Azure model."""
    try:
        cls()
    except TypeError:
        pass
    fields = {rf._rest_name: attr for attr, rf in cls._attr_to_rest_field.items()}
    if not isinstance(value, dict):
        errs.append(f"{where}: expected an object")
        return
    doc = cls.__doc__ or ""
    for ivar, text in re.findall(r":ivar (\w+): (.*?)(?=\n\s*:v?a?r?type|\Z)", doc, re.S):
        rest = cls._attr_to_rest_field.get(ivar)
        if rest is not None and "Required." in text and rest._rest_name not in value:
            errs.append(f"{where}.{rest._rest_name}: required field missing")
    for k, v in value.items():
        if k not in fields:
            errs.append(f"{where}.{k}: unknown field")
            continue
        ann = None
        for klass in cls.__mro__:
            ann = klass.__dict__.get("__annotations__", {}).get(fields[k])
            if ann is not None:
                break
        check_annotation(v, str(ann), f"{where}.{k}", errs, models_mod)


def check_annotation(value, ann, where, errs, models_mod):
    ann = ann.replace("typing.", "").replace("ForwardRef(", "").replace(")", "").replace("'", "").replace('"', "")
    m = re.fullmatch(r"Optional\[(.*)\]", ann) or re.fullmatch(r"Union\[(.*), NoneType\]", ann)
    if m:
        ann = m.group(1)
    m = re.fullmatch(r"(?:list|List)\[(.*)\]", ann)
    if m:
        if not isinstance(value, list):
            errs.append(f"{where}: expected a list")
            return
        for i, v in enumerate(value):
            check_annotation(v, m.group(1), f"{where}[{i}]", errs, models_mod)
        return
    m = re.fullmatch(r"(?:dict|Dict)\[str, (.*)\]", ann)
    if m:
        if not isinstance(value, dict):
            errs.append(f"{where}: expected a map")
            return
        for k, v in value.items():
            check_annotation(v, m.group(1), f"{where}.{k}", errs, models_mod)
        return
    name = ann.split(".")[-1]
    if "Union[str" in ann or name in ("str",):
        if not isinstance(value, str):
            errs.append(f"{where}: expected a string")
        return
    simple = {"int": int, "float": (int, float), "bool": bool}
    if name in simple:
        if not isinstance(value, simple[name]) or (name != "bool" and isinstance(value, bool)):
            errs.append(f"{where}: expected {name}")
        return
    cls = getattr(models_mod, name, None)
    if cls is not None and hasattr(cls, "_attr_to_rest_field"):
        model_base_check(value, cls, where, errs, models_mod)
    elif cls is not None and isinstance(cls, type) and hasattr(cls, "_attr_to_rest_field") is False and hasattr(cls, "__mro__") and any(b.__name__ == "Model" for b in cls.__mro__):
        model_base_check(value, cls, where, errs, models_mod)
    # Enums and untyped values: anything string-like is accepted.


def aci(path, group):
    from azure.mgmt.containerinstance import models

    # name, type and apiVersion are the resource envelope (read-only in the API model).
    body = {k: v for k, v in group.items() if k not in ("apiVersion", "comments", "name", "type")}
    errs = []
    if group.get("type") != "Microsoft.ContainerInstance/containerGroups" or not group.get("name"):
        errs.append("type must be Microsoft.ContainerInstance/containerGroups, with a name")
    check_tree(body, msrest_tree(models.ContainerGroup), models, "containerGroup", errs)
    try:
        models.ContainerGroup.from_dict(body)
    except Exception as e:  # noqa: BLE001
        errs.append(f"from_dict: {e}")
    if errs:
        fail(path, "azure ContainerGroup", "; ".join(errs))
    else:
        ok(path, "azure-mgmt ContainerGroup")


def container_apps(path, res):
    from azure.mgmt.appcontainers import models

    cls = models.Job if res.get("type") == "Microsoft.App/jobs" else models.ContainerApp
    body = {k: v for k, v in res.items() if k not in ("apiVersion", "comments")}
    errs = []
    model_base_check(body, cls, cls.__name__, errs, models)
    try:
        cls(body).as_dict()
    except Exception as e:  # noqa: BLE001
        errs.append(f"deserialize: {e}")
    if errs:
        fail(path, f"azure {cls.__name__}", "; ".join(errs))
    else:
        ok(path, f"azure-mgmt {cls.__name__}")


def arm(path, template):
    errs = []
    for k in ("$schema", "contentVersion", "resources"):
        if k not in template:
            errs.append(f"missing {k}")
    for k in template:
        if k not in ("$schema", "contentVersion", "metadata", "parameters", "variables", "functions", "resources", "outputs", "apiProfile"):
            errs.append(f"unknown top-level key {k}")
    used = set(re.findall(r"parameters\('([^']+)'\)", json.dumps(template)))
    declared = set(template.get("parameters", {}))
    errs += [f"parameter {p} used but not declared" for p in sorted(used - declared)]
    errs += [f"parameter {p} declared but not used" for p in sorted(declared - used)]
    if errs:
        fail(path, "ARM template structure", "; ".join(errs))
    else:
        ok(path, "ARM template structure")
    for res in template.get("resources", []):
        t = res.get("type")
        if t == "Microsoft.ContainerInstance/containerGroups":
            aci(path, res)
        elif t in ("Microsoft.App/containerApps", "Microsoft.App/jobs"):
            container_apps(path, res)
        else:
            fail(path, "ARM resource", f"no validator for {t}")


def arm_parameters(path, params, template_path):
    with open(template_path) as f:
        declared = json.load(f).get("parameters", {})
    errs = [f"{p} is not a template parameter" for p in params.get("parameters", {}) if p not in declared]
    for p, spec in declared.items():
        if "defaultValue" not in spec and p not in params.get("parameters", {}):
            errs.append(f"{p} has no value")
    for p, v in params.get("parameters", {}).items():
        if declared.get(p, {}).get("type") == "securestring" and "reference" not in v:
            errs.append(f"{p} is a secret and must be a Key Vault reference")
    if errs:
        fail(path, "ARM parameters", "; ".join(errs))
    else:
        ok(path, "ARM parameters (Key Vault refs)")


# ---------- dispatch ----------


def validate_dir(d):
    platform = os.path.basename(d)
    for path in sorted(glob.glob(os.path.join(d, "*"))):
        name = os.path.basename(path)
        if name == "README.md":
            continue
        if platform in ("fargate-ecs",) and name == "task-definition.json":
            aws_input(path, "ecs", "RegisterTaskDefinition")
        elif name == "service.json" and platform == "fargate-ecs":
            aws_input(path, "ecs", "CreateService")
        elif name == "run-task.json":
            aws_input(path, "ecs", "RunTask")
        elif name == "schedule.json":
            aws_input(path, "scheduler", "CreateSchedule")
        elif name == "express-service.json":
            aws_input(path, "ecs", "CreateExpressGatewayService")
        elif name in ("cloudformation.yaml", "template.yaml"):
            cfn(path)
        elif name == "cluster.yaml":
            with open(path) as f:
                eksctl(path, yaml.safe_load(f))
        elif name in ("kubernetes.yaml", "knative.yaml"):
            with open(path) as f:
                k8s_objects(path, list(yaml.safe_load_all(f)))
        elif name in ("service.yaml", "job.yaml") and platform in ("cloud-run", "cloud-run-jobs"):
            with open(path) as f:
                cloud_run(path, yaml.safe_load(f))
        elif name == "container-group.yaml":
            with open(path) as f:
                aci(path, yaml.safe_load(f))
        elif name in ("containerapp.yaml", "containerapp-job.yaml"):
            with open(path) as f:
                container_apps(path, yaml.safe_load(f))
        elif name == "azuredeploy.json":
            with open(path) as f:
                arm(path, json.load(f))
        elif name == "azuredeploy.parameters.json":
            with open(path) as f:
                arm_parameters(path, json.load(f), os.path.join(d, "azuredeploy.json"))
        else:
            fail(path, "dispatch", "no validator for this file")


def check_zips(out):
    """Each ZIP download holds exactly the bundle's files, byte for byte, with good CRCs."""
    import zipfile

    for z in sorted(glob.glob(os.path.join(out, "_zip", "*", "*.zip"))):
        workload = os.path.basename(os.path.dirname(z))
        platform = os.path.basename(z)[: -len(".zip")]
        d = os.path.join(out, workload, platform)
        errs = []
        try:
            with zipfile.ZipFile(z) as zf:
                bad = zf.testzip()
                if bad:
                    errs.append(f"bad CRC in {bad}")
                names = sorted(zf.namelist())
                want = sorted(f"{platform}/{os.path.basename(p)}" for p in glob.glob(os.path.join(d, "*")))
                if names != want:
                    errs.append(f"entries {names} != files {want}")
                for n in names:
                    info = zf.getinfo(n)
                    if info.compress_type != zipfile.ZIP_STORED:
                        errs.append(f"{n} is compressed")
                    p = os.path.join(d, n.split("/", 1)[1])
                    if os.path.exists(p):
                        with open(p, "rb") as f:
                            if zf.read(n) != f.read():
                                errs.append(f"{n} differs from the generated file")
        except zipfile.BadZipFile as e:
            errs.append(str(e))
        if errs:
            fail(z, "zipfile", "; ".join(errs))
        else:
            ok(z, "zipfile (stored, CRC, same bytes)")


def run_checkov(out, checkov):
    r = subprocess.run(
        [checkov, "-d", out, "--quiet", "--compact", "--skip-download", "-o", "json"],
        capture_output=True,
        text=True,
    )
    try:
        data = json.loads(r.stdout)
    except json.JSONDecodeError:
        print(r.stdout[-3000:], r.stderr[-3000:])
        failures.append("checkov: no JSON report")
        return (0, 0, 0, 0)
    reports = data if isinstance(data, list) else [data]
    passed = failed = skipped = explained = 0
    for rep in reports:
        s = rep.get("summary", rep)
        passed += s.get("passed", 0)
        failed += s.get("failed", 0)
        skipped += s.get("skipped", 0)
        for chk in rep.get("results", {}).get("failed_checks", []):
            msg = f"checkov {chk['check_id']} {chk.get('check_name', '')} in {chk.get('file_path')} ({chk.get('resource')})"
            if explained_in_readme(out, chk):
                explained += 1
                print(f"  ok   explained in the bundle's README: {msg}")
            else:
                failures.append(f"{msg}: not explained in the bundle's README")
                print(f"  FAIL {msg}: not explained in the bundle's README")
        for chk in rep.get("results", {}).get("skipped_checks", []):
            why = (chk.get("check_result") or {}).get("suppress_comment", "")
            if not why.strip():
                failures.append(f"checkov skipped {chk['check_id']} in {chk.get('file_path')} without a reason")
            notes.append(f"checkov skipped {chk['check_id']} in {chk.get('file_path')}: {why}")
    return (passed, failed - explained, skipped, explained)


def explained_in_readme(out, chk):
    """A finding the answers make inherent is named, with why, in its bundle's README."""
    path = os.path.join(out, chk.get("file_path", "").lstrip("/"))
    readme = os.path.join(os.path.dirname(path), "README.md")
    if not os.path.isfile(readme):
        return False
    with open(readme) as f:
        text = f.read()
    section = text.split("## Security scanner findings", 1)
    return len(section) == 2 and f"`{chk['check_id']}`" in section[1].split("\n## ", 1)[0]


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    out = os.path.abspath(args[0])
    checkov = None
    if "--checkov" in args:
        checkov = args[args.index("--checkov") + 1]
    dirs = sorted(d for d in glob.glob(os.path.join(out, "*", "*")) if os.path.isdir(d) and "/_zip/" not in d)
    files = [p for d in dirs for p in glob.glob(os.path.join(d, "*")) if os.path.isfile(p)]
    for d in dirs:
        print(f"{os.path.relpath(d, out)}")
        validate_dir(d)
    print("zip downloads")
    check_zips(out)
    counts = (0, 0, 0, 0)
    if checkov:
        print("checkov")
        counts = run_checkov(os.path.abspath(out), checkov)
    for n in notes:
        print(f"  note {n}")
    print()
    print(f"files generated: {len(files)} in {len(dirs)} bundles")
    print(f"validator checks: {passes} passed, {len([f for f in failures if not f.startswith('checkov')])} failed")
    if checkov:
        print(f"checkov: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped with a reason in the file, {counts[3]} inherent and explained in the README")
    print(f"{passes + counts[0]} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
