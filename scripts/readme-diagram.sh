#!/usr/bin/env bash
# npm run diagram:readme: the README's picture of the example app, drawn from the example's own
# diagram. Writes docs/images/example-exposure.mmd (the diagram text), renders it with mermaid-cli
# in Debian's chromium to example-exposure.png (800 px wide), and records the SHA-256 of both in
# example-exposure.sha256, which test/report/mermaid.test.ts compares with today's diagram.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/chromium.sh
dir=docs/images
mkdir -p "$dir"
npx ts-node --transpile-only scripts/write-diagrams.ts --example "$dir/example-exposure.mmd"
npx mmdc --quiet -p scripts/puppeteer-config.json -i "$dir/example-exposure.mmd" -o "$dir/example-exposure.png" -w 800 -b white
(cd "$dir" && sha256sum example-exposure.mmd example-exposure.png > example-exposure.sha256)
cat "$dir/example-exposure.sha256"
