#!/usr/bin/env bash
# npm run test:apiserver: every manifest the library writes (the example app, every test, the
# property generators, presets and routes), applied with server-side apply (dry run) to a real
# kube-apiserver built from k8s.io/kubernetes and run in-process on 127.0.0.1 with an embedded
# etcd; plus a real create of two Services on one node port. Go builds are cached in
# ~/.cache/go-build and modules in ~/go/pkg/mod, so a second run on the same machine is quick.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d)
# Everything this script starts runs in the foreground and ends with it; the folder goes too.
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cases" "$work/tmp" .tmp
export CDK8S_EXPOSE_WARNINGS=silent

command -v go >/dev/null || { echo "test:apiserver needs Go (1.26 or later)" >&2; exit 1; }
GATEWAY_API_VERSION=v1.6.3

echo "== cases: the example app, presets, routes and the property generators"
TMPDIR="$work/tmp" npx ts-node --transpile-only test/apiserver/cases.ts "$work/cases"

echo "== cases: every manifest the jest tests write"
TMPDIR="$work/tmp" CDK8S_EXPOSE_DUMP_DIR="$work/cases" npx jest --ci --silent --coverage=false >"$work/jest.log" 2>&1 || { tail -50 "$work/jest.log"; exit 1; }
# One case per distinct manifest.
node -e '
  const fs = require("fs"); const path = require("path"); const dir = process.argv[1];
  const seen = new Set(); const out = [];
  for (const f of fs.readdirSync(dir).filter(f => f.startsWith("jest-"))) {
    for (const line of fs.readFileSync(path.join(dir, f), "utf-8").split("\n").filter(Boolean)) {
      const c = JSON.parse(line); const key = JSON.stringify(c.manifest);
      if (!seen.has(key)) { seen.add(key); out.push(line); }
    }
    fs.rmSync(path.join(dir, f));
  }
  fs.writeFileSync(path.join(dir, "jest.jsonl"), out.join("\n") + "\n");
  console.log(`cases: ${out.length} distinct manifests from the jest tests`);
' "$work/cases"

echo "== kube-apiserver (k8s.io/kubernetes $(sed -n 's/^require k8s.io\/kubernetes //p' test/apiserver/go.mod)) and Gateway API $GATEWAY_API_VERSION CRDs"
cd test/apiserver
crds=$(go mod download -json "sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')/config/crd/standard
start=$(date +%s)
go test -c -o "$work/harness.test" .
echo "harness built in $(( $(date +%s) - start )) s (cached builds are quick)"
APISERVER_CASES="$work/cases" GATEWAY_CRDS_DIR="$crds" APISERVER_RESULTS="$root/.tmp/apiserver-results.json" \
  "$work/harness.test" -test.v -test.count=1 -test.timeout=30m 2>&1 \
  | grep -vE '^\s*[IW][0-9]{4} |^\{"level"' || { echo "test:apiserver failed" >&2; exit 1; }
