/**
 * Rebuilds test/fixtures/field/ (the field corpus of issue #24) from local snapshots of the
 * upstream repositories (`git` directories, e.g. the ones under /work/.mirror). Every fixture
 * file starts with a header comment naming its repository, commit, path(s) and license, and
 * test/fixtures/field/INDEX.md lists them with their object counts.
 *
 * Usage: ts-node --transpile-only scripts/field-corpus.ts MIRROR_ROOT
 *   MIRROR_ROOT holds one `owner+name/repo` git directory per repository.
 *
 * The only change made to upstream text: in CustomResourceDefinition documents the
 * openAPIV3Schema is replaced by `{type: object, x-kubernetes-preserve-unknown-fields: true}`
 * (the schemas are megabytes and expose nothing); the header says when that was done.
 * Several upstream files applied together (one install) are concatenated into one fixture,
 * each part after a `# source:` comment; separate examples stay separate files.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

interface Source {
  readonly repo: string;        // owner/name
  readonly license: string;     // SPDX id, as the repository's LICENSE file says
  readonly commit?: string;     // default: the snapshot's HEAD
  readonly paths: string[];     // concatenated in this order into one fixture
  readonly out: string;         // fixture path under test/fixtures/field/
}

const APACHE = 'Apache-2.0';
const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'test', 'fixtures', 'field');

function git(mirrorRoot: string, repo: string, args: string[]): string {
  const dir = path.join(mirrorRoot, repo.replace('/', '+'), 'repo');
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
}

function ls(mirrorRoot: string, repo: string, dir: string, pattern: RegExp): string[] {
  return git(mirrorRoot, repo, ['ls-tree', '-r', '--name-only', 'HEAD', dir]).split('\n').filter(p => pattern.test(p)).sort();
}

/** CRD schemas replaced by a stub; every other document kept byte for byte. */
function stripCrdSchemas(text: string): { text: string; stripped: number } {
  let stripped = 0;
  const parts = text.split(/^---[ \t]*$/m).map(part => {
    if (!/^kind:\s*CustomResourceDefinition\s*$/m.test(part)) return part;
    const [doc] = parseAllDocuments(part);
    const versions = (doc as any)?.get?.('spec')?.get?.('versions');
    if (!versions?.items) return part;
    for (const version of versions.items) {
      const schema = version.get('schema');
      if (schema?.get('openAPIV3Schema')) {
        schema.set('openAPIV3Schema', { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true });
      }
    }
    stripped++;
    return '\n' + doc.toString();
  });
  return { text: parts.join('---'), stripped };
}

function sources(mirrorRoot: string): Source[] {
  const list: Source[] = [];
  for (const provider of ['aws', 'aws/nlb-with-tls-termination', 'baremetal', 'cloud', 'do', 'exoscale', 'kind', 'oracle', 'scw']) {
    list.push({ repo: 'kubernetes/ingress-nginx', license: APACHE, paths: [`deploy/static/provider/${provider}/deploy.yaml`], out: `ingress-nginx/${provider.replace('/', '-')}.yaml` });
  }
  list.push({ repo: 'argoproj/argo-cd', license: APACHE, paths: ['manifests/install.yaml'], out: 'argo-cd/install.yaml' });
  list.push({ repo: 'argoproj/argo-cd', license: APACHE, paths: ['manifests/ha/install.yaml'], out: 'argo-cd/ha-install.yaml' });
  list.push({ repo: 'argoproj/argo-cd', license: APACHE, paths: ['manifests/core-install.yaml'], out: 'argo-cd/core-install.yaml' });
  list.push({ repo: 'argoproj/argo-cd', license: APACHE, paths: ['manifests/namespace-install.yaml'], out: 'argo-cd/namespace-install.yaml' });
  list.push({ repo: 'argoproj/argo-cd', license: APACHE, paths: ['manifests/ha/namespace-install.yaml'], out: 'argo-cd/ha-namespace-install.yaml' });
  list.push({
    repo: 'prometheus-operator/kube-prometheus', license: APACHE,
    paths: [...ls(mirrorRoot, 'prometheus-operator/kube-prometheus', 'manifests/setup', /\.yaml$/), ...ls(mirrorRoot, 'prometheus-operator/kube-prometheus', 'manifests', /^manifests\/[^/]+\.yaml$/)],
    out: 'kube-prometheus/manifests.yaml',
  });
  list.push({ repo: 'cert-manager/cert-manager', license: APACHE, commit: 'c5d9830d30a85525b0aa3185b1efb9132fbd18bd', paths: ['deploy/manifests/cert-manager.yaml'], out: 'cert-manager/cert-manager.yaml' });
  list.push({ repo: 'kubernetes-sigs/external-dns', license: APACHE, paths: ls(mirrorRoot, 'kubernetes-sigs/external-dns', 'kustomize', /external-dns-.*\.yaml$/), out: 'external-dns/kustomize.yaml' });
  for (const p of ['docs/snippets/exoscale/how-to-test.yaml', 'docs/snippets/traefik-proxy/ingress-route-public-private.yaml', 'docs/snippets/traefik-proxy/with-cluster-rbac.yaml',
    'docs/snippets/tutorials/aws-localstack/foo-app.yml', 'docs/snippets/tutorials/aws-localstack/service-lb.yml', 'docs/snippets/tutorials/coredns/etcd.yaml', 'docs/snippets/tutorials/rfc2136/bind9.yaml']) {
    list.push({ repo: 'kubernetes-sigs/external-dns', license: APACHE, paths: [p], out: `external-dns/${p.split('/').slice(-2).join('-').replace(/\.yml$/, '.yaml')}` });
  }
  for (const f of ['metallb-native.yaml', 'metallb-frr.yaml']) {
    list.push({ repo: 'metallb/metallb', license: APACHE, paths: [`config/manifests/${f}`], out: `metallb/${f}` });
  }
  for (const f of ['grafana', 'jaeger', 'kiali', 'loki', 'prometheus']) {
    list.push({ repo: 'istio/istio', license: APACHE, paths: [`samples/addons/${f}.yaml`], out: `istio/addons-${f}.yaml` });
  }
  list.push({ repo: 'istio/istio', license: APACHE, paths: ['samples/bookinfo/platform/kube/bookinfo.yaml', 'samples/bookinfo/networking/bookinfo-gateway.yaml', 'samples/bookinfo/networking/destination-rule-all.yaml', 'samples/bookinfo/networking/virtual-service-all-v1.yaml'], out: 'istio/bookinfo.yaml' });
  list.push({ repo: 'istio/istio', license: APACHE, paths: ['samples/bookinfo/networking/certmanager-gateway.yaml'], out: 'istio/bookinfo-certmanager-gateway.yaml' });
  list.push({ repo: 'istio/istio', license: APACHE, paths: ['samples/httpbin/httpbin.yaml', 'samples/httpbin/httpbin-gateway.yaml'], out: 'istio/httpbin.yaml' });
  list.push({ repo: 'istio/istio', license: APACHE, paths: ['samples/httpbin/httpbin-nodeport.yaml'], out: 'istio/httpbin-nodeport.yaml' });
  list.push({ repo: 'istio/istio', license: APACHE, paths: ['samples/helloworld/helloworld.yaml', 'samples/helloworld/helloworld-gateway.yaml'], out: 'istio/helloworld.yaml' });
  for (const p of ['samples/multicluster/expose-services.yaml', 'samples/multicluster/expose-istiod.yaml', 'samples/multicluster/expose-istiod-https.yaml', 'samples/tcp-echo/tcp-echo-all-v1.yaml', 'samples/websockets/route.yaml', 'samples/external/github.yaml']) {
    list.push({ repo: 'istio/istio', license: APACHE, paths: [p], out: `istio/${p.split('/').slice(-2).join('-')}` });
  }
  for (const p of ls(mirrorRoot, 'kubernetes-sigs/gateway-api', 'examples', /\.ya?ml$/)) {
    list.push({ repo: 'kubernetes-sigs/gateway-api', license: APACHE, paths: [p], out: `gateway-api/${p.replace(/^examples\//, '').replace(/\//g, '-')}` });
  }
  for (const f of ['kubernetes-crd-resource.yml', 'kubernetes-crd-rbac.yml', 'kubernetes-gateway-resource.yml', 'kubernetes-gateway-simple-https.yml', 'kubernetes-gateway-traefik-lb-svc.yml', 'kubernetes-gateway-rbac.yml', 'kubernetes-whoami-svc.yml']) {
    list.push({ repo: 'traefik/traefik', license: 'MIT', paths: [`docs/content/reference/dynamic-configuration/${f}`], out: `traefik/${f.replace(/\.yml$/, '.yaml')}` });
  }
  list.push({ repo: 'kubernetes-sigs/gateway-api', license: APACHE, paths: ['conformance/base/manifests.yaml'], out: 'gateway-api/conformance-base-manifests.yaml' });
  for (const [p, out] of [['cli/cmd/testdata/install_default.golden', 'install-default'], ['cli/cmd/testdata/install_ha_output.golden', 'install-ha'],
    ['viz/cmd/testdata/install_default.golden', 'viz-install-default'], ['multicluster/cmd/testdata/install_default.golden', 'multicluster-install-default']]) {
    list.push({ repo: 'linkerd/linkerd2', license: APACHE, paths: [p], out: `linkerd/${out}.yaml` });
  }
  list.push({ repo: 'projectcalico/calico', license: APACHE, paths: ['manifests/calico.yaml'], out: 'calico/calico.yaml' });
  list.push({ repo: 'projectcalico/calico', license: APACHE, paths: ['manifests/tigera-operator.yaml'], out: 'calico/tigera-operator.yaml' });
  list.push({ repo: 'flannel-io/flannel', license: APACHE, paths: ['Documentation/kube-flannel.yml'], out: 'flannel/kube-flannel.yaml' });
  list.push({ repo: 'kubernetes/examples', license: APACHE, paths: ['web/guestbook/all-in-one/guestbook-all-in-one.yaml'], out: 'kubernetes-examples/guestbook-all-in-one.yaml' });
  list.push({ repo: 'GoogleCloudPlatform/microservices-demo', license: APACHE, paths: ['release/kubernetes-manifests.yaml'], out: 'microservices-demo/kubernetes-manifests.yaml' });
  list.push({ repo: 'GoogleCloudPlatform/microservices-demo', license: APACHE, paths: ['release/istio-manifests.yaml'], out: 'microservices-demo/istio-manifests.yaml' });
  return list;
}

function main(): void {
  const mirrorRoot = process.argv[2];
  if (!mirrorRoot) throw new Error('usage: field-corpus.ts MIRROR_ROOT');
  fs.rmSync(outDir, { recursive: true, force: true });
  const index: string[] = [];
  let total = 0;
  for (const source of sources(mirrorRoot)) {
    const commit = source.commit ?? git(mirrorRoot, source.repo, ['rev-parse', 'HEAD']).trim();
    let body = '';
    let stripped = 0;
    for (const p of source.paths) {
      const raw = git(mirrorRoot, source.repo, ['show', `${commit}:${p}`]);
      const result = stripCrdSchemas(raw);
      stripped += result.stripped;
      body += (source.paths.length > 1 ? `---\n# source: ${p}\n` : '') + result.text + (result.text.endsWith('\n') ? '' : '\n');
    }
    const header = [
      `# field corpus (issue #24): upstream manifest, not ours`,
      `# repository: https://github.com/${source.repo}`,
      `# commit: ${commit}`,
      ...source.paths.map(p => `# path: ${p}`),
      `# license: ${source.license}`,
      ...(stripped ? [`# changed: openAPIV3Schema of ${stripped} CustomResourceDefinition(s) replaced by a stub (scripts/field-corpus.ts)`] : []),
    ].join('\n') + '\n';
    const objects = parseAllDocuments(body).filter(d => d.contents !== null && d.toJS()?.kind).length;
    total += objects;
    const file = path.join(outDir, source.out);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, header + body);
    index.push(`| \`${source.out}\` | ${source.repo} | \`${commit.slice(0, 12)}\` | ${source.paths.map(p => `\`${p}\``).join(', ')} | ${source.license} | ${objects} |`);
  }
  fs.writeFileSync(path.join(outDir, 'INDEX.md'), [
    '# Field corpus (issue #24)', '',
    'Real upstream manifests, fetched by `scripts/field-corpus.ts`; each file\'s header names its source.',
    'Judged in docs/field-audit.md and pinned by test/field/field-audit.test.ts.', '',
    '| fixture | repository | commit | path | license | objects |', '| --- | --- | --- | --- | --- | --- |',
    ...index, '', `${index.length} files, ${total} objects.`, '',
  ].join('\n'));
  process.stdout.write(`${index.length} files, ${total} objects\n`);
}

main();
