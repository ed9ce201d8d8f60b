#!/usr/bin/env bash
# Generates the Python, Java, .NET and Go sources of the library with jsii-pacmak --code-only
# (their toolchains' registries are not reachable here), byte-compiles the Python, and checks
# that every language produced sources. Any failure fails the task.
set -euo pipefail
out=dist/code
rm -rf "$out"
npx jsii-pacmak --code-only --outdir "$out" --target python --target java --target dotnet --target go
python3 -m compileall -q "$out/python"
for pair in "python:*.py" "java:*.java" "dotnet:*.cs" "go:*.go"; do
  lang=${pair%%:*}
  pattern=${pair#*:}
  count=$(find "$out/$lang" -name "$pattern" | wc -l)
  if [ "$count" -eq 0 ]; then
    echo "package:code-only: no $pattern files were generated for $lang" >&2
    exit 1
  fi
  echo "package:code-only: $lang: $count $pattern files"
done
