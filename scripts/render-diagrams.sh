#!/usr/bin/env bash
# npm run test:diagrams: every diagram the report tests draw (test/report/diagram-cases.ts: the
# example app, the YAML fixtures, the edge cases, an App too big for GitHub), rendered by
# mermaid-cli in Debian's chromium. Fails on a parse or render error, on a Markdown diagram
# bigger than GitHub renders, and on a node labelled with a bare internal id. The PNGs (800 px
# wide, a pull-request comment's width) and SVGs are left in .tmp/diagrams for CI to keep.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
source scripts/chromium.sh
out=.tmp/diagrams
rm -rf "$out"
npx ts-node --transpile-only scripts/write-diagrams.ts "$out/source"
node scripts/render-diagrams.mjs "$out/source" "$out"
echo "test:diagrams: $(( $(date +%s) - started )) s; the pictures are in $out"
