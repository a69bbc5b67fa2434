#!/usr/bin/env bash
# Generates the starter manifests for every test workload and every platform the
# engine finds eligible for it, plus a seeded random sample of accepted answers for
# every platform, then validates them with the vendors' own tools (see validate.py)
# and checkov, and checks that validate.py fails on deliberately broken bundles.
#
# Runs inside an active virtualenv that has requirements-validators.txt installed;
# without one it creates .tools/venv and installs it. checkov gets its own
# virtualenv (.tools/checkov-venv), because it pins an older botocore.
#
# Each bundle is also written as the app's ZIP download (examples/manifests_zip.rs),
# which validate.py opens with Python's zipfile and compares with the files.
#
# Usage: tests/validators/run.sh [OUT_DIR]   (default: a temporary directory)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if [[ -z "${VIRTUAL_ENV:-}" ]]; then
  if [[ ! -x .tools/venv/bin/python ]]; then
    echo "run.sh: creating .tools/venv" >&2
    python3 -m venv .tools/venv
  fi
  # shellcheck disable=SC1091
  source .tools/venv/bin/activate
fi
if ! python -c "import botocore, cfnlint, kubernetes_validate, googleapiclient, azure.mgmt.containerinstance, azure.mgmt.appcontainers, yaml" 2>/dev/null; then
  echo "run.sh: installing requirements-validators.txt" >&2
  python -m pip install -q -r requirements-validators.txt
fi

CHECKOV="$ROOT/.tools/checkov-venv/bin/checkov"
if [[ ! -x "$CHECKOV" ]] || ! "$CHECKOV" --version 2>/dev/null | grep -qx "$(sed -n 's/^checkov==//p' tests/validators/requirements-checkov.txt)"; then
  echo "run.sh: installing checkov into .tools/checkov-venv" >&2
  python3 -m venv .tools/checkov-venv
  .tools/checkov-venv/bin/python -m pip install -q -r tests/validators/requirements-checkov.txt
fi

OUT="${1:-}"
# Working files that are not bundles (answers copies, error output) stay out of OUT, which
# the validators and checkov read whole.
SCRATCH="$(mktemp -d)"
if [[ -z "$OUT" ]]; then
  OUT="$(mktemp -d)"
  trap 'rm -rf "$OUT" "$SCRATCH"' EXIT
else
  trap 'rm -rf "$SCRATCH"' EXIT
fi
rm -rf "${OUT:?}"/*

cargo build --release --bin berth --example manifests_zip --example manifest_samples --quiet
BERTH=(cargo run --release --quiet --bin berth --)
ZIP=(cargo run --release --quiet --example manifests_zip --)

generated=0
for workload in tests/workloads/*.json; do
  name="$(basename "$workload" .json)"
  platforms="$("${BERTH[@]}" evaluate "$workload" | python -c 'import json, sys; print(" ".join(json.load(sys.stdin)["ranking"]))')"
  # A workload's region belongs to one cloud; the other clouds' platforms refuse it, so
  # for those the answers leave the region to the cloud's default.
  other_cloud="$SCRATCH/$name.json"
  python -c 'import json, sys; a = json.load(open(sys.argv[1])); a["deploy"]["region"] = ""; json.dump(a, open(sys.argv[2], "w"))' "$workload" "$other_cloud"
  for platform in $platforms; do
    answers="$workload"
    if ! "${BERTH[@]}" manifests "$answers" --platform "$platform" --out "$OUT/$name/$platform" >/dev/null 2>"$SCRATCH/err"; then
      if grep -q "deploy.region:" "$SCRATCH/err"; then
        answers="$other_cloud"
        "${BERTH[@]}" manifests "$answers" --platform "$platform" --out "$OUT/$name/$platform" >/dev/null
      else
        cat "$SCRATCH/err" >&2
        exit 1
      fi
    fi
    mkdir -p "$OUT/_zip/$name"
    "${ZIP[@]}" "$answers" --platform "$platform" --out "$OUT/_zip/$name/$platform.zip"
    generated=$((generated + 1))
  done
done
echo "run.sh: generated $generated bundles for the test workloads in $OUT"

# A seeded random sample of accepted answers with hostile deploy details, covering every
# platform (examples/manifest_samples.rs); the seed is fixed so each run checks the same.
cargo run --release --quiet --example manifest_samples -- "$OUT" --seed "${BERTH_SAMPLE_SEED:-2026}" --per-platform 2

python tests/validators/validate.py "$OUT" --checkov "$CHECKOV"

# The validators themselves must fail on broken bundles (test_validate.py breaks copies).
python tests/validators/test_validate.py "$OUT" --checkov "$CHECKOV"
