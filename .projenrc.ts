import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-expose',
  description: 'Typed, secure-by-default constructs for exposing Kubernetes apps with cdk8s: ClusterIP, NodePort, LoadBalancer, ExternalName and Ingress, checked before kubectl apply.',
  author: 'cdk8s-expose maintainers',
  authorAddress: 'maintainers@users.noreply.h-seed-da1792b4.example',
  repositoryUrl: 'https://github.com/cdk8s-expose/cdk8s-expose.git',
  keywords: ['cdk8s', 'kubernetes', 'service', 'ingress', 'loadbalancer', 'nodeport', 'clusterip', 'security'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  release: false,

  // The identifiers each jsii language publishes under.
  publishToPypi: { distName: 'cdk8s-expose', module: 'cdk8s_expose' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8sexpose',
    mavenGroupId: 'io.github.cdk8s-expose',
    mavenArtifactId: 'cdk8s-expose',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8sExpose', packageId: 'Cdk8sExpose' },
  publishToGo: { moduleName: 'github.com/cdk8s-expose/cdk8s-expose-go' },

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.2',
  jsiiVersion: '~6.0.0',
  // The Node.js versions the library and its tooling run on (stated in the README too).
  minNodeVersion: '20.0.0',

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Reads YAML for the audit and the plugin, with the Kubernetes YAML 1.1 schema of src/yaml/;
  // bundled, as jsii requires of non-jsii deps.
  bundledDeps: ['js-yaml@^4.1.0'],
  devDeps: [
    'kubernetes-models@^4.5.1',
    '@types/js-yaml@^4.0.9',
    'yaml@^2.6.0',
    'fast-check@^4.3.0',
    'cdk8s-cli@^2.200.0',
    '@kubernetes-models/gateway-api@^0.5.1',
    // The cdk8s-plus version `cdk8s init typescript-app` scaffolds today, for the tests that show
    // the library in such an app.
    'cdk8s-plus-33@^2.5.57',
    // SARIF and CI recipes (test/report/sarif.test.ts, test/docs/ci.test.ts): a maintained JSON
    // Schema validator, the SARIF 2.1.0 schema as Microsoft publishes it, GitHub's own workflow
    // parser, and GitLab's CI schema as gitlab-ci-local ships it (4.64.1: the last release that
    // ships it as a file rather than bundled).
    'ajv@^8.17.1',
    'ajv-formats@^3.0.1',
    'ajv-draft-04@^1.0.0',
    '@microsoft/jest-sarif@1.0.0-beta.0',
    '@actions/workflow-parser@^0.3.61',
    'gitlab-ci-local@4.64.1',
    // jest transforms TypeScript with swc (no per-file type-check; the jsii compile and
    // `tsc` over test/ type-check): see the transform override below.
    '@swc/core@^1.16.0',
    '@swc/jest@^0.2.39',
    // Finds import cycles (the lint:cycles task).
    'dpdm@^4.3.0',
    // Renders every diagram the tests produce (npm run test:diagrams) and the README's picture,
    // in Debian's chromium: .puppeteerrc.cjs tells puppeteer not to download a browser at install.
    '@mermaid-js/mermaid-cli@^11.17.0',
    'puppeteer@^24.0.0',
  ],

  jestOptions: {
    // Snapshots are read-only: a drifted snapshot fails. Update them on purpose with `npm run test:update-snapshots`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
  },
  // '/node_modules' also ignores a node_modules symlink (git worktrees sharing one install).
  gitignore: ['/examples/dist/', '/bench/results/', '/.tmp/', '.jsii.tabl.json', '/node_modules',
    // What building examples/java or examples/go by hand leaves behind (the test script builds copies).
    '/examples/java/target/', '/examples/go/go', '/examples/go/go.sum'],
});

// jest runs TypeScript through swc: ts-jest type-checked every test file again, which made
// `npm test` take most of ten minutes on two cores. Types are checked by the jsii compile (src)
// and by the test-types task below (test/).
project.tryFindObjectFile('package.json')?.addOverride('jest.transform', {
  '^.+\\.[t]sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
});

// How `npm test` stays under three minutes on two cores (measured in the #25 note):
// - jest's default on two cores is one worker, run in band in jest's own process, whose heap
//   grows suite after suite (8.5 minutes); a worker a core, recycled above 800 MB, takes 2.5;
// - babel's istanbul coverage is cached with the transform, where v8's is collected and
//   converted again for every suite (149 s against 89 s for the same 102 suites).
// - A one-line coverage summary instead of a 130-line table (projen merges its own reporters
//   into the list, so the list is replaced); the full report is in coverage/.
project.tryFindObjectFile('package.json')?.addOverride('jest.maxWorkers', '100%');
project.tryFindObjectFile('package.json')?.addOverride('jest.workerIdleMemoryLimit', '800MB');
project.tryFindObjectFile('package.json')?.addOverride('jest.coverageProvider', 'babel');
project.tryFindObjectFile('package.json')?.addOverride('jest.coverageReporters', ['json', 'lcov', 'clover', 'cobertura', 'text-summary']);

// Test files are type-checked too (jest only strips their types).
const testTypes = project.addTask('test:types', {
  description: 'Type-check src/ and test/ (jest transforms without type-checking)',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});
project.testTask.spawn(testTypes);

project.eslint?.addLintPattern('examples');
// No import cycle in src/, type-only imports included; run by `npm test` after eslint, so a new
// cycle fails it.
const cycles = project.addTask('lint:cycles', {
  description: 'Fails on an import cycle in src/ (dpdm)',
  exec: 'dpdm --no-tree --no-warning --exit-code circular:1 src/index.ts src/cli/main.ts',
});
project.testTask.spawn(cycles);
project.addBins({ 'cdk8s-expose': 'bin/cdk8s-expose' });
project.npmignore?.include('bin/');
// The npm package ships the library only.
project.npmignore?.exclude('/.ci/', '/bench/', '/examples/', '/scripts/', '/rosetta/', '/docs/upstream/', '/.tmp/', '/.puppeteerrc.cjs', '/docs/images/');

// The registry reachable here serves unrs-resolver 1.13.0 (from eslint-import-resolver-typescript)
// but not all of its per-platform bindings at that version, so `npm ci` refuses the lock file.
// 1.12.2 has every binding.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

project.addTask('example', {
  description: 'Synthesize the example app (examples/) to YAML with the cdk8s CLI',
  cwd: 'examples',
  steps: [
    // --no-check-upgrade: the CLI's update check printed a stack trace and "A new version undefined".
    { exec: 'cdk8s synth --no-check-upgrade' },
    { say: 'The example app\'s YAML is in examples/dist/ (production.k8s.yaml, development.k8s.yaml), with its exposure report (exposure-report.md, .json, .mmd)' },
  ],
});

// README examples and every @example compile, strictly, in the build.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile the README examples and @example blocks with jsii-rosetta (strict)',
  exec: 'jsii-rosetta extract --strict --compile',
});
project.postCompileTask.spawn(rosetta);

// Code in docs/ (the guide) compiles against the sources.
const docsCheck = project.addTask('docs:check', {
  description: 'Type-check the TypeScript examples in docs/*.md against the sources',
  exec: 'ts-node --project projenrc/tsconfig.json scripts/check-doc-snippets.ts docs',
});
project.postCompileTask.spawn(docsCheck);

// Every jsii language's sources, generated without their toolchains (which this machine's
// registries cannot provide), and the Python byte-compiled. Fails when any target fails.
const codeOnly = project.addTask('package:code-only', {
  description: 'Generate Python, Java, .NET and Go sources with jsii-pacmak --code-only and byte-compile the Python',
  exec: 'bash scripts/package-code-only.sh',
});
project.packageTask.spawn(codeOnly);

project.addTask('bench', {
  description: 'Benchmark synth time and memory against cdk8s-plus-28 and raw KubeService (see bench/README.md)',
  exec: 'ts-node --transpile-only bench/run.ts',
  receiveArgs: true,
});

// The real Kubernetes API server as the oracle (needs Go; builds kube-apiserver from
// k8s.io/kubernetes, cached in ~/.cache/go-build). Not part of `npm test`; CI runs it after the build.
project.addTask('test:apiserver', {
  description: 'Apply every manifest the library writes to a real kube-apiserver (in-process, loopback, embedded etcd)',
  exec: 'bash test/apiserver/run.sh',
});

// The built bindings, run: the Python wheel, the Java jar and the Go module with examples/python,
// examples/java and examples/go, compared byte for byte with the TypeScript example. Bindings the
// registries here lack are generated into ~/.cache/cdk8s-expose. Not part of `npm test`; CI runs it.
project.addTask('test:languages', {
  description: 'Build the Python, Java and Go bindings and check that examples/python, examples/java and examples/go write the TypeScript example\'s YAML',
  exec: 'bash scripts/test-languages.sh',
});

// The same corpus through cdk8s-expose audit and the peer linters (Checkov from PyPI, kube-score
// with go install, both into .tmp/parity), with a who-catches-what table. Not part of `npm test`.
project.addTask('test:parity', {
  description: 'Compare the audit with Checkov and kube-score on test/parity/corpus (installs them into .tmp/parity); --write updates docs/rules.md',
  exec: 'bash scripts/parity.sh',
  receiveArgs: true,
});

project.addTask('bench:inprocess', {
  description: 'In-process A/B of InternalService against the composition floor, CPU medians (see bench/inprocess.ts)',
  exec: 'node --expose-gc -r ts-node/register/transpile-only bench/inprocess.ts',
  receiveArgs: true,
});

project.addTask('bench:audit', {
  description: 'Benchmark `cdk8s-expose audit` on 10,000 and 100,000 Services (build lib/ first)',
  exec: 'ts-node --transpile-only bench/audit.ts',
  receiveArgs: true,
});

// Every diagram the report tests draw, rendered by mermaid-cli in Debian's chromium (installed by
// the script when missing); pictures in .tmp/diagrams. Not part of `npm test`; CI runs it.
project.addTask('test:diagrams', {
  description: 'Render every diagram the report tests draw with mermaid-cli in Debian\'s chromium; fail on a render error or a bare id as a label',
  exec: 'bash scripts/render-diagrams.sh',
});

// The README's picture of the example app (docs/images/example-exposure.png), from the example's own diagram.
project.addTask('diagram:readme', {
  description: 'Render the example app\'s diagram to docs/images/example-exposure.png, with the SHA-256 of its source beside it',
  exec: 'bash scripts/readme-diagram.sh',
});

project.addTask('test:update-snapshots', {
  description: 'Deliberately rewrite jest snapshots (never run in CI)',
  exec: 'jest --updateSnapshot --passWithNoTests',
});

project.synth();
