// Puppeteer (a dev dependency, for mermaid-cli) never downloads a browser at `npm ci`: the
// diagram tests use Debian's chromium, which scripts/render-diagrams.sh installs.
module.exports = { skipDownload: true };
