#!/usr/bin/env bash
# npm run test:languages: builds the Python, Java and Go bindings with jsii-pacmak (after the jsii
# compile), runs the example app in each language (examples/python, examples/java, examples/go)
# and compares its YAML byte for byte with the TypeScript example's. It also checks what a user of
# each language meets: a static factory and an enum, acknowledge() reaching the YAML, a refused
# prop raising the library's own message as the language's error, and a refused construct leaving
# nothing behind. Every README python block runs too.
#
# Users get cdk8s, cdk8s-plus-28 and constructs from PyPI, Maven Central and the Go module proxy.
# The registries reached here serve all of them but org.cdk8s:cdk8s-plus-28 (Maven Central) and
# the cdk8s Go modules (the Go module proxy answers 403), so those are built here from their npm
# packages (which carry the .jsii assembly every binding is generated from) with the project's
# jsii-pacmak, once per version, into a cache outside the repository:
#   $XDG_CACHE_HOME/cdk8s-expose (default ~/.cache/cdk8s-expose)
#     python-venv/                       a venv with PyPI's cdk8s packages (each run adds its wheel by PYTHONPATH)
#     m2/                                the Maven local repository (Central's jars, and the
#                                        cdk8s-plus-28 jar built here, installed with install:install-file)
#     go/<versions>/go/{cdk8s,cdk8splus28}  the generated cdk8s Go modules
#     go-mod/, go-build/                 GOMODCACHE and GOCACHE
# Delete it (or a part of it) to rebuild from scratch. Maven, a JDK and Go are installed when missing
# (apt-get; Go 1.25 or later from the Go module proxy's golang.org/toolchain module).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-expose"
venv="$cache/python-venv"
m2="$cache/m2"
mkdir -p "$cache"
# One run at a time per cache: runs from other clones or worktrees install into the same Maven
# repository and venv.
exec 9>"$cache/lock"
flock -n 9 || { echo "== waiting for another test:languages run (lock $cache/lock)"; flock 9; }
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION
JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=$(node -p 'process.versions.node.split(".")[0]')
# -trimpath: the build cache keys do not name the temporary folder, so a second run reuses the
# compiled cdk8s packages.
export GOMODCACHE="$cache/go-mod" GOCACHE="$cache/go-build" GOFLAGS="-modcacherw -trimpath" GOTOOLCHAIN=local
seconds() { echo "$(( $(date +%s) - $1 )) s"; }
version() { node -p "require('$1/package.json').version"; }

# --- toolchains: installed when missing, never by hand --------------------------------------------
apt_install() {
  echo "== installing $* with apt-get" >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}
command -v mvn >/dev/null || apt_install maven
command -v javac >/dev/null || apt_install default-jdk-headless
go_ok() { command -v go >/dev/null && [ "$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')" -ge 25 ] 2>/dev/null; }
if ! go_ok; then
  # The generated modules say `go 1.25`. Debian's golang-go is older, so the toolchain comes from
  # the Go module proxy as the go command itself fetches it (module golang.org/toolchain).
  toolchain="$cache/go-toolchain/go1.25.5"
  if [ ! -x "$toolchain/bin/go" ]; then
    echo "== installing Go 1.25.5 from the Go module proxy (golang.org/toolchain)" >&2
    mkdir -p "$cache/go-toolchain"
    curl -fsSL -o "$work/toolchain.zip" "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.25.5.linux-$(dpkg --print-architecture).zip"
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$work/toolchain.zip" "$work/toolchain"
    rm -rf "$toolchain" && mv "$work"/toolchain/golang.org/toolchain@*/ "$toolchain"
    chmod +x "$toolchain"/bin/* "$toolchain"/pkg/tool/*/*
  fi
  export PATH="$toolchain/bin:$PATH"
fi

if [ ! -f .jsii ] || [ -n "$(find src -newer .jsii -name "*.ts" | head -1)" ]; then
  start=$(date +%s); npx projen compile; echo "compile: $(seconds "$start")"
fi
total=$(date +%s)

# --- the bindings the registries lack, from their npm packages, cached per version ----------------
cdk8s_version=$(version cdk8s)
plus_version=$(version cdk8s-plus-28)
constructs_version=$(version constructs)
pacmak_version=$(version jsii-pacmak)
self_version=$(version .)
# A copy of the npm packages for jsii-pacmak to read (it resolves dependencies the node way).
npm_copy() {
  mkdir -p "$work/npm/node_modules"
  for package in "$@"; do [ -e "$work/npm/node_modules/$package" ] || cp -r "node_modules/$package" "$work/npm/node_modules/"; done
}

plus_jar="$m2/org/cdk8s/cdk8s-plus-28/$plus_version/cdk8s-plus-28-$plus_version.jar"
plus_marker="$m2/org/cdk8s/cdk8s-plus-28/$plus_version/built-here-by-jsii-pacmak-$pacmak_version"
if [ ! -f "$plus_jar" ] || [ ! -f "$plus_marker" ]; then
  start=$(date +%s)
  echo "== Java: org.cdk8s:cdk8s-plus-28:$plus_version from its npm package (not on Maven Central), once"
  npm_copy cdk8s-plus-28 cdk8s constructs
  # Javadoc and the sources jar are not needed to compile against the jar.
  MAVEN_OPTS="-Dmaven.javadoc.skip=true -Dmaven.source.skip=true" npx jsii-pacmak "$work/npm/node_modules/cdk8s-plus-28" \
    --targets java --maven-local-repository="$m2" -o "$work/plus-java" >"$work/plus-java.log" 2>&1 || { tail -40 "$work/plus-java.log"; exit 1; }
  built="$work/plus-java/java/org/cdk8s/cdk8s-plus-28/$plus_version"
  mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$m2" install:install-file \
    -Dfile="$built/cdk8s-plus-28-$plus_version.jar" -DpomFile="$built/cdk8s-plus-28-$plus_version.pom" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
  touch "$plus_marker"
  echo "java: cdk8s-plus-28 $plus_version built and installed in $(seconds "$start")"
fi

go_deps="$cache/go/cdk8s-$cdk8s_version-plus28-$plus_version-pacmak-$pacmak_version"
if [ ! -f "$go_deps/done" ]; then
  start=$(date +%s)
  echo "== Go: the cdk8s and cdk8s-plus-28 modules from their npm packages (not on the Go module proxy), once"
  npm_copy cdk8s-plus-28 cdk8s constructs
  rm -rf "$go_deps"
  npx jsii-pacmak "$work/npm/node_modules/cdk8s" "$work/npm/node_modules/cdk8s-plus-28" --targets go -o "$work/deps-go" \
    >"$work/deps-go.log" 2>&1 || { tail -40 "$work/deps-go.log"; exit 1; }
  mkdir -p "$(dirname "$go_deps")" && mv "$work/deps-go" "$go_deps" && touch "$go_deps/done"
  echo "go: cdk8s $cdk8s_version and cdk8s-plus-28 $plus_version generated in $(seconds "$start")"
fi

# --- this library's bindings: Python, Java and Go in one jsii-pacmak run -------------------------
start=$(date +%s)
echo "== cdk8s-expose: the Python wheel, the Java jar and the Go module (jsii-pacmak)"
# The Go module is generated next to the cdk8s modules, so that jsii-pacmak wires it to them; it is
# compiled once, by the example's build (JSII_BUILD_GO=0 skips jsii-pacmak's own go build).
mkdir -p "$work/dist/go" && cp -r "$go_deps/go/cdk8s" "$go_deps/go/cdk8splus28" "$work/dist/go/"
JSII_BUILD_GO=0 MAVEN_OPTS="-Dmaven.javadoc.skip=true -Dmaven.source.skip=true" npx jsii-pacmak --target python --target java --target go \
  --maven-local-repository="$m2" --outdir "$work/dist" >"$work/pacmak.log" 2>&1 || { tail -40 "$work/pacmak.log"; exit 1; }
echo "bindings: $(seconds "$start")"

echo "== TypeScript: examples/main.ts"
node -r ts-node/register/transpile-only -e "require('./examples/main').buildApp(process.argv[1]).synth()" "$work/ts"

status=0
# compare LANGUAGE: its YAML against the TypeScript example's, byte for byte.
compare() {
  for file in production.k8s.yaml development.k8s.yaml; do
    if cmp -s "$work/ts/$file" "$work/$1/$file"; then
      echo "$1: $file is byte-identical to the TypeScript example's"
    else
      echo "$1: $file differs from the TypeScript example's:" >&2
      diff -u "$work/ts/$file" "$work/$1/$file" | head -40 >&2 || true
      status=1
    fi
  done
}
# check LANGUAGE ERROR-TYPE: what the example's checks() wrote, as that language's user meets it.
check() {
  node -e '
    const [file, language, errorType] = process.argv.slice(1);
    const checks = require(file); const problems = [];
    const expect = (ok, what) => { if (!ok) problems.push(what); };
    expect(/^DevService .checks\/Bad.: ports\[0\]\.nodePort 80 is outside 30000-32767; omit it to let Kubernetes choose one/.test(checks.error ?? ""), `the bad port raised ${JSON.stringify(checks.error)}`);
    expect(checks.errorType === errorType, `the error is a ${checks.errorType}, not a ${errorType}`);
    expect(checks.exposure === "INTERNET", `exposure is ${checks.exposure} (jsii names an enum member by its name)`);
    expect(checks.acknowledgements["load-balancer-anywhere"] === "reviewed by security", "acknowledge() did not stick");
    const lb = checks.manifests.find(m => m.kind === "Service" && m.spec.type === "LoadBalancer");
    expect(lb && JSON.stringify(lb.spec.loadBalancerSourceRanges) === JSON.stringify(["203.0.113.0/24"]), "SourceRanges.cidrs did not reach the YAML");
    expect(lb && lb.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] === "internet-facing", "LoadBalancerProfile.awsNlb did not reach the YAML");
    expect(lb && lb.metadata.annotations["ack.cdk8s-expose/load-balancer-anywhere"] === "reviewed by security", "the acknowledgement is not in the YAML");
    const ing = checks.manifests.find(m => m.kind === "Ingress");
    expect(ing && ing.metadata.annotations["cert-manager.io/cluster-issuer"] === "letsencrypt", "IngressTls.certManager did not reach the YAML");
    expect(!checks.manifests.some(m => JSON.stringify(m).includes("checks-bad")), "the refused construct left objects behind");
    const isolation = checks.manifests.find(m => m.kind === "NetworkPolicy" && m.spec.podSelector?.matchLabels?.app === "peers");
    expect(isolation && JSON.stringify(isolation.spec.ingress?.[0]?.from) === JSON.stringify([{ podSelector: { matchLabels: { app: "web" } } }]), "allowFrom with Pods did not admit the web pods");
    expect(isolation && JSON.stringify(isolation.spec.egress?.find(r => r.ports?.[0]?.port === 5432)?.to) === JSON.stringify([{ podSelector: { matchLabels: { app: "db" } } }]), "allowTo(NetworkPeer.pods(...)) did not allow the db pods");
    if (problems.length) { console.error(`${language} checks failed:\n  ` + problems.join("\n  ")); process.exit(1); }
    console.log(`${language}: factories, enums, acknowledge, NetworkPolicy peers and the error message behave as in TypeScript`);
  ' "$work/$1-checks.json" "$1" "$2" || status=1
}

# --- Python ---------------------------------------------------------------------------------------
start=$(date +%s)
echo "== Python: examples/python/main.py"
# The venv (cached) holds PyPI's packages; this run's wheel goes to its own folder, first on the path.
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "cdk8s==$cdk8s_version" "cdk8s-plus-28==$plus_version" "constructs==$constructs_version" \
  "publication>=0.0.3" "typeguard>=2.13.3,<4.3.0" "jsii>=1.100"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --target "$work/python-wheel" "$work"/dist/python/*.whl
export PYTHONPATH="$work/python-wheel"
"$venv/bin/python" examples/python/main.py "$work/python" "$work/python-checks.json"
compare python
check python RuntimeError  # jsii raises the JavaScript error as a Python RuntimeError

echo "== Python: examples/python/test_exposure.py (pytest + syrupy; docs/testing.md's python blocks)"
"$venv/bin/pip" install --quiet --disable-pip-version-check pytest==9.2.0 syrupy==7.0.1
(cd examples/python && "$venv/bin/python" -m pytest -q -p no:cacheprovider test_exposure.py) || status=1

echo "== Python: every python block of README.md runs"
node -e '
  const fs = require("fs"); const text = fs.readFileSync("README.md", "utf-8");
  const blocks = [...text.matchAll(/^```python\n([\s\S]*?)^```$/gm)].map(m => m[1]);
  blocks.forEach((b, i) => fs.writeFileSync(`${process.argv[1]}/readme-${i}.py`, b));
  console.log(`README: ${blocks.length} python block(s)`);
  if (blocks.length === 0) process.exit(1);
' "$work"
for snippet in "$work"/readme-*.py; do
  (cd "$work" && "$venv/bin/python" "$snippet") || { echo "README python block $(basename "$snippet") failed" >&2; status=1; }
done
echo "python: $(seconds "$start")"

# --- Java -----------------------------------------------------------------------------------------
start=$(date +%s)
echo "== Java: examples/java (Maven)"
jar="$work/dist/java/io/github/cdk8s-expose/cdk8s-expose/$self_version"
mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$m2" install:install-file \
  -Dfile="$jar/cdk8s-expose-$self_version.jar" -DpomFile="$jar/cdk8s-expose-$self_version.pom" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
# The build goes to a copy, so the repository stays clean. `java -cp` rather than `mvn exec:java`,
# which writes colour codes into the program's output even with -q.
cp -r examples/java "$work/java-app"
mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$m2" -f "$work/java-app/pom.xml" -Dcdk8s-expose.version="$self_version" \
  package dependency:build-classpath -Dmdep.outputFile="$work/java-classpath.txt" >"$work/java-build.log" 2>&1 || { tail -60 "$work/java-build.log"; exit 1; }
java -cp "$work/java-app/target/classes:$(cat "$work/java-classpath.txt")" io.github.cdk8sexpose.examples.Main "$work/java" "$work/java-checks.json"
compare java
check java software.amazon.jsii.JsiiError  # a RuntimeException: jsii throws the JavaScript error unchecked
echo "java: $(seconds "$start")"

# --- Go -------------------------------------------------------------------------------------------
start=$(date +%s)
echo "== Go: examples/go"
cp -r examples/go "$work/go-app"
(
  cd "$work/go-app"
  go mod edit \
    -replace "github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2=$work/dist/go/cdk8s" \
    -replace "github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2=$work/dist/go/cdk8splus28" \
    -replace "github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose=$work/dist/go/cdk8sexpose"
  go mod tidy >"$work/go-build.log" 2>&1 && go build -o "$work/go-app/example" . >>"$work/go-build.log" 2>&1
) || { tail -60 "$work/go-build.log"; exit 1; }
"$work/go-app/example" "$work/go" "$work/go-checks.json"
compare go
check go error  # jsii panics with the JavaScript error as a Go error value
echo "go: $(seconds "$start")"

echo "test:languages: $(seconds "$total") (without the compile)"
exit $status
