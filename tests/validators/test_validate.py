#!/usr/bin/env python3
"""Proves that validate.py fails on broken bundles: it copies good bundles from OUT_DIR,
breaks each copy in one known way, runs validate.py on the copies and expects it to
fail, naming every broken file.

Usage: test_validate.py OUT_DIR [--checkov PATH]

The breaks stand for generator bugs seen before: a field the vendor schema does not
know (Cloud Run), `${...}` outside Fn::Sub in CloudFormation (cfn-lint E1029), a
checkov finding that is neither skipped with a reason nor explained in the README (and,
as a control, the same finding explained in the README, which must pass), and a ZIP
download that differs from the files.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml


def first(out, pattern, want=None):
    for path in sorted(glob.glob(os.path.join(out, pattern))):
        if "/_zip/" in path:
            continue
        if want is None or want(path):
            return path
    return None


def copy_bundle(src_dir, dst_root, workload):
    platform = os.path.basename(src_dir)
    dst = os.path.join(dst_root, workload, platform)
    shutil.copytree(src_dir, dst)
    return dst


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    out = os.path.abspath(args[0])
    checkov = args[args.index("--checkov") + 1] if "--checkov" in args else None
    tmp = tempfile.mkdtemp(prefix="berth-broken-")
    expected = []  # (what, text that must appear in a FAIL line)
    try:
        # 1. Cloud Run: a field the Admin API does not know.
        svc = first(out, "*/cloud-run/service.yaml")
        assert svc, "no cloud-run bundle to break"
        d = copy_bundle(os.path.dirname(svc), tmp, "broken-schema")
        path = os.path.join(d, "service.yaml")
        with open(path) as f:
            doc = yaml.safe_load(f)
        doc["spec"]["template"]["spec"]["containers"][0]["notAField"] = True
        with open(path, "w") as f:
            yaml.safe_dump(doc, f)
        expected.append(("unknown Cloud Run field", "broken-schema/cloud-run/service.yaml"))

        # 2. CloudFormation: ${...} in a plain string, as the generator once wrote env values.
        cfn = first(out, "*/lambda-image/cloudformation.yaml") or first(out, "*/lambda-image/template.yaml")
        assert cfn, "no Lambda CloudFormation bundle to break"
        d = copy_bundle(os.path.dirname(cfn), tmp, "broken-cfn")
        path = os.path.join(d, os.path.basename(cfn))
        with open(path) as f:
            doc = yaml.safe_load(f)
        function = next(r for r in doc["Resources"].values() if r["Type"].endswith("::Function"))
        env = function["Properties"].setdefault("Environment", {}).setdefault("Variables", {})
        env["BROKEN"] = "${AWS::Region}"
        with open(path, "w") as f:
            yaml.safe_dump(doc, f, sort_keys=False)
        expected.append(("${...} outside Fn::Sub", f"broken-cfn/{os.path.basename(d)}/{os.path.basename(cfn)}"))

        # 3. A checkov finding neither skipped with a reason in the file nor explained in
        #    the README: the log group's reasoned skip is removed. A copy that names the
        #    check in its README under "Security scanner findings" must pass instead.
        if checkov:
            def without_skip(path, check):
                with open(path) as f:
                    doc = yaml.safe_load(f)
                for res in doc["Resources"].values():
                    skips = ((res.get("Metadata") or {}).get("checkov") or {}).get("skip", [])
                    if any(s.get("id") == check for s in skips):
                        del res["Metadata"]
                with open(path, "w") as f:
                    yaml.safe_dump(doc, f, sort_keys=False)

            skip_file = first(out, "*/*/cloudformation.yaml", lambda p: "CKV_AWS_158" in open(p).read())
            assert skip_file, "no CloudFormation bundle with a reasoned skip to remove"
            for workload, explain in (("broken-finding", False), ("explained-finding", True)):
                d = copy_bundle(os.path.dirname(skip_file), tmp, workload)
                without_skip(os.path.join(d, "cloudformation.yaml"), "CKV_AWS_158")
                if explain:
                    with open(os.path.join(d, "README.md"), "a") as f:
                        f.write("\n## Security scanner findings\n\n- `CKV_AWS_158`: explained here.\n")
            expected.append(("unexplained checkov finding", "CKV_AWS_158"))

        # 4. A ZIP download that is not the files.
        z = next(iter(sorted(glob.glob(os.path.join(out, "_zip", "*", "*.zip")))), None)
        assert z, "no ZIP download to break"
        platform = os.path.basename(z)[: -len(".zip")]
        src = os.path.join(out, os.path.basename(os.path.dirname(z)), platform)
        copy_bundle(src, tmp, "broken-zip")
        os.makedirs(os.path.join(tmp, "_zip", "broken-zip"))
        with open(z, "rb") as f:
            data = bytearray(f.read())
        data[len(data) // 2] ^= 0xFF
        with open(os.path.join(tmp, "_zip", "broken-zip", f"{platform}.zip"), "wb") as f:
            f.write(data)
        expected.append(("damaged ZIP", f"broken-zip/{platform}.zip"))

        cmd = [sys.executable, os.path.join(os.path.dirname(__file__), "validate.py"), tmp]
        if checkov:
            cmd += ["--checkov", checkov]
        r = subprocess.run(cmd, capture_output=True, text=True)
        fails = [l for l in (r.stdout + r.stderr).splitlines() if "FAIL" in l]
        fail_text = "\n".join(fails)
        # FAIL lines name the path on the line itself or the line after it.
        lines = (r.stdout + r.stderr).splitlines()
        near = "\n".join(
            lines[i] + " " + (lines[i + 1] if i + 1 < len(lines) else "")
            for i, l in enumerate(lines)
            if "FAIL" in l
        )
        missed = [what for what, marker in expected if marker not in near]
        # The finding explained in its README is not a failure.
        if checkov and "explained-finding" in fail_text:
            missed.append("a finding explained in the README was still failed")
        if checkov and "explained in the bundle's README" not in r.stdout:
            missed.append("the explained finding was not reported as explained")
        if r.returncode == 0 or missed:
            print(r.stdout[-4000:])
            print(f"test_validate: validate.py exit {r.returncode}; breaks it missed: {missed or 'none'}")
            return 1
        print(f"test_validate: validate.py failed (exit {r.returncode}) on all {len(expected)} deliberately broken bundles:")
        for what, marker in expected:
            print(f"  caught {what} ({marker})")
        print(f"  its FAIL lines:\n" + "\n".join("    " + l.strip() for l in fail_text.splitlines()))
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
