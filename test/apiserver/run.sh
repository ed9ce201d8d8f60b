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

command -v go >/dev/null || { echo "test:apiserver needs Go (1.26 or later)" >&2; exit 1; }
GATEWAY_API_VERSION=v1.6.3

echo "== cases: the example app, presets, routes and the property generators"
TMPDIR="$work/tmp" CDK8S_EXPOSE_WARNINGS=silent npx ts-node --transpile-only test/apiserver/cases.ts "$work/cases"

echo "== cases: every manifest the jest tests write"
if [ -n "${CDK8S_EXPOSE_JEST_CASES:-}" ] && compgen -G "$CDK8S_EXPOSE_JEST_CASES/jest-*" >/dev/null; then
  # The manifests a jest run of this checkout already wrote (.ci/run's npm test): not run twice.
  cp "$CDK8S_EXPOSE_JEST_CASES"/jest-* "$work/cases/"
else
  TMPDIR="$work/tmp" CDK8S_EXPOSE_DUMP_DIR="$work/cases" npx jest --ci --silent --coverage=false >"$work/jest.log" 2>&1 || { tail -50 "$work/jest.log"; exit 1; }
fi
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

cd test/apiserver
echo "== kube-apiserver ($(go list -m k8s.io/kubernetes)) and the Gateway API $GATEWAY_API_VERSION CRDs"
crds=$(go mod download -json "sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')/config/crd/standard
start=$(date +%s)
go test -c -o "$work/harness.test" .
echo "harness built in $(( $(date +%s) - start )) s (cached builds are quick)"
echo "== the YAML decoder itself (sigs.k8s.io/yaml) agrees with every row of test/yaml/cases.json"
(cd "$root/test/yaml/oracle" && node -e 'console.log(JSON.stringify(require(process.argv[1]).cases.map(c => c.yaml)))' "$root/test/yaml/cases.json" | go run . > "$work/oracle.json")
node -e '
  const cases = require(process.argv[1]).cases; const got = require(process.argv[2]);
  let bad = 0;
  cases.forEach((c, i) => {
    const g = got[i]; const want = JSON.stringify({ json: c.error ? undefined : c.json, error: !!c.error, strict: !c.error && !!c.strictError });
    const have = JSON.stringify({ json: g.error ? undefined : g.json, error: !!g.error, strict: !g.error && !!g.strictError });
    if (want !== have) { bad++; console.error(`row ${i} ${JSON.stringify(c.yaml)}: pinned ${want}, decoder ${have}`); }
  });
  console.log(`yaml oracle: ${cases.length - bad} of ${cases.length} rows agree with sigs.k8s.io/yaml`);
  process.exit(bad ? 1 : 0);
' "$root/test/yaml/cases.json" "$work/oracle.json"

echo "== the manifests, applied to kube-apiserver"
KUBERNETES_MODULE="$(go list -m k8s.io/kubernetes)" APISERVER_CASES="$work/cases" GATEWAY_CRDS_DIR="$crds" APISERVER_RESULTS="$root/.tmp/apiserver-results.json" \
  "$work/harness.test" -test.v -test.count=1 -test.timeout=30m 2>&1 \
  | grep -vE '^\s*[IWE][0-9]{4} |^\{"level"|^\s+\S+\.go:[0-9]+: [IWE][0-9]{4} ' || { echo "test:apiserver failed" >&2; exit 1; }
