# Sourced by scripts/render-diagrams.sh and scripts/readme-diagram.sh: Debian's chromium, the
# browser mermaid-cli renders in (scripts/puppeteer-config.json points puppeteer at it; puppeteer
# downloads no browser of its own, see .puppeteerrc.cjs).
if ! [ -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Debian's chromium is missing: run 'apt-get update && apt-get install -y chromium' as root" >&2
    exit 1
  fi
  echo "== installing Debian's chromium (apt-get)"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
