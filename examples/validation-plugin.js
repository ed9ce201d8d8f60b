// The cdk8s CLI loads validation plugins by package. In your own cdk8s.yaml write
// `package: cdk8s-expose` and a pinned `version:`; this example loads the library from this
// repository's sources instead, so that it runs from a fresh clone without a build.
require('ts-node').register({ transpileOnly: true, project: require('path').join(__dirname, 'tsconfig.json') });
module.exports = require('../src');
