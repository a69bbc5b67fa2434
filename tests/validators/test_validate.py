#!/usr/bin/env python3
"""Proves that validate.py fails on broken bundles: it copies good bundles from OUT_DIR,
breaks each copy in one known way, runs validate.py on the copies and expects it to
fail, naming every broken file.

Usage: test_validate.py OUT_DIR [--checkov PATH]

The breaks stand for generator bugs seen before: a field the vendor schema does not
know (Cloud Run), `${...}` outside Fn::Sub in CloudFormation (cfn-lint E1029), an
inherent checkov finding the README no longer explains (public ACI, CKV_AZURE_98), and a
ZIP download that differs from the files.
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
        cfn = first(out, "*/lambda-image/template.yaml") or first(out, "*/fargate-ecs/cloudformation.yaml")
        assert cfn, "no CloudFormation bundle to break"
        d = copy_bundle(os.path.dirname(cfn), tmp, "broken-cfn")
        path = os.path.join(d, os.path.basename(cfn))
        with open(path) as f:
            doc = yaml.safe_load(f)
        doc.setdefault("Outputs", {})["Broken"] = {"Value": "${NotAParameter}"}
        with open(path, "w") as f:
            yaml.safe_dump(doc, f, sort_keys=False)
        expected.append(("${...} outside Fn::Sub", f"broken-cfn/{os.path.basename(d)}/{os.path.basename(cfn)}"))

        # 3. An inherent checkov finding whose explanation was dropped from the README.
        if checkov:
            readme = first(
                out,
                "*/aci/README.md",
                lambda p: "`CKV_AZURE_98`" in open(p).read(),
            )
            assert readme, "no public ACI bundle to break"
            d = copy_bundle(os.path.dirname(readme), tmp, "broken-readme")
            path = os.path.join(d, "README.md")
            with open(path) as f:
                text = f.read()
            head, rest = text.split("## Security scanner findings", 1)
            with open(path, "w") as f:
                f.write(head + "## " + rest.split("\n## ", 1)[1])
            expected.append(("unexplained CKV_AZURE_98", "CKV_AZURE_98"))

        # 4. A ZIP download that is not the files.
        z = first(out, "_zip/*/*.zip")
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
