#!/usr/bin/env bash
# Installs the peer linters into .tmp/parity (Checkov from PyPI into a virtualenv, kube-score
# with `go install`), then runs scripts/parity.ts with them: the corpus in test/parity/corpus
# through `cdk8s-expose audit` and each peer, and a who-catches-what table (docs/rules.md).
# Network: only PyPI and the Go module proxy, for the installs. Arguments go to parity.ts
# (--write updates docs/rules.md).
#
# kube-linter (golang.stackrox.io/kube-linter) and Polaris (github.com/fairwindsops/polaris) are
# not installed: the Go module proxy answers 403 for both here (see docs/rules.md).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECKOV_VERSION=3.3.30
KUBE_SCORE_VERSION=v1.20.0
dir="$PWD/.tmp/parity"
mkdir -p "$dir/bin"

if [ ! -x "$dir/venv/bin/checkov" ]; then
  echo "parity: installing checkov $CHECKOV_VERSION from PyPI into $dir/venv" >&2
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/pip" install --quiet "checkov==$CHECKOV_VERSION"
fi
if [ ! -x "$dir/bin/kube-score" ]; then
  echo "parity: installing kube-score $KUBE_SCORE_VERSION with go install into $dir/bin" >&2
  GOBIN="$dir/bin" go install "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION"
fi

exec npx ts-node --transpile-only scripts/parity.ts --checkov "$dir/venv/bin/checkov" --kube-score "$dir/bin/kube-score" "$@"
