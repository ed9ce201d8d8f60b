import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { factoryError, show } from '../errors';
import { ExposureScope } from '../exposure-scope';
import { ExposureModel, NetworkPolicyInfo, ObjectRef, ServiceInfo, SourcedManifest, buildModel, describe, selects, workloadsOf } from '../model/model';
import { manifestsOf } from '../policy/collect';
import { Finding, evaluate } from '../policy/engine';
import { Severity } from '../policy/rule';
import { Stage } from '../policy/stages';
import { InventoryItem, SCOPE_ORDER, inventoryOf } from '../report/inventory';
import { describePeer, peerWorkloads } from '../report/reviewer';

/**
 * One object that can be reached from outside its pods: a Service, Ingress, Gateway,
 * ListenerSet, Gateway API route, or pods on the node's network, as the exposure report
 * lists it.
 */
export interface ExposedObject {
  /** How the assertions name the object: `Kind namespace/name` (`Kind name` without a namespace). */
  readonly id: string;
  /** The Kubernetes kind. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /**
   * The object's namespace.
   * @default - none written on the object
   */
  readonly namespace?: string;
  /** The Service type (`ClusterIP (headless)` for a headless one), or the kind of any other object. */
  readonly type: string;
  /** Where it can be reached from: its widest exposure. */
  readonly scope: ExposureScope;
  /** Ports as the report writes them: `80→http/TCP`, `30080:80→3000/TCP`, a listener `https 443/HTTPS`. */
  readonly ports: string[];
  /** Host names and paths: `shop.example.com/` (`*` for any host). */
  readonly hosts: string[];
  /**
   * Whether the object terminates TLS for every host (Ingress, Gateway, ListenerSet, HTTP and gRPC routes).
   * @default - TLS does not apply to the object (a Service, a TCP or UDP route)
   */
  readonly tls?: boolean;
  /**
   * Where the TLS certificate comes from, or what it needs that the manifests do not define.
   * @default - no TLS
   */
  readonly certificate?: string;
  /** A load balancer's source ranges: CIDRs, `anywhere` (decided) or `unrestricted` (nothing said). */
  readonly sourceRanges: string[];
  /** What it leads to: the workloads a Service selects, the Services a route sends to, the routes a Gateway takes. */
  readonly targets: string[];
  /**
   * The path of the construct that made it.
   * @default - not made by a construct of the App (never, for an App's objects)
   */
  readonly constructPath?: string;
}

/** A rule's finding on one object of the App. */
export interface ExposureFinding {
  /** The rule's id (`node-port-in-production`), the one `acknowledge()` takes. */
  readonly ruleId: string;
  /** Its severity at the object's stage. */
  readonly severity: Severity;
  /** The object, as `Kind namespace/name`. */
  readonly objectId: string;
  /**
   * The path of the construct that made the object.
   * @default - not made by a construct of the App
   */
  readonly constructPath?: string;
  /** What was found. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The stage the object was judged at.
   * @default - no stage
   */
  readonly stage?: Stage;
  /**
   * The reason it was acknowledged with; an acknowledged finding fails no assertion.
   * @default - not acknowledged
   */
  readonly acknowledged?: string;
}

/** Options of the assertions on findings. */
export interface FindingAssertionOptions {
  /**
   * Judge every object at this stage, whatever stage `ExposurePolicy.apply` (or
   * `CDK8S_EXPOSE_STAGE`) gives it.
   *
   * @default - each object at its own stage, as the synth and the exposure report judge it
   */
  readonly stage?: Stage;
}

/**
 * A peer that may connect to a Service's pods, for `ExposureAssertions.onlyReachableFrom`: a
 * workload of the App, every pod of a namespace, an IP block, anyone, or the words
 * `ExposureAssertions.peersOf` uses for any other peer.
 *
 * @example
 * declare const web: kplus.Deployment;
 * const peers = [ExposurePeer.workload(web), ExposurePeer.namespace('envoy-gateway-system')];
 */
export class ExposurePeer {
  /**
   * The pods of a workload of the App (a Deployment, StatefulSet, DaemonSet, Job...), as the
   * NetworkPolicy admits it by its pod labels.
   *
   * @param workload the workload construct (a kplus.Deployment, or its ApiObject)
   */
  public static workload(workload: IConstruct): ExposurePeer {
    let manifest: any;
    try {
      manifest = ApiObject.of(workload).toJson();
    } catch {
      throw factoryError('ExposurePeer.workload', `${show(workload?.node?.path ?? workload)} is not a workload construct (a kplus.Deployment, StatefulSet, DaemonSet, Job or an ApiObject); for other peers use ExposurePeer.namespace, ipBlock, anyone or described`);
    }
    const kind = String(manifest.kind);
    const name = String(manifest.metadata?.name);
    const namespace = String(manifest.metadata?.namespace ?? '');
    return new ExposurePeer(policyNamespace => `${kind} ${namespace !== policyNamespace && namespace ? `${namespace}/` : ''}${name}`);
  }

  /**
   * Every pod of a namespace (a NetworkPolicy peer with a namespace selector on its name, such as
   * `kplus.Namespaces.select(chart, 'Proxy', { names: ['envoy-gateway-system'] })`).
   *
   * @param name the namespace's name
   */
  public static namespace(name: string): ExposurePeer {
    return ExposurePeer.described(`every pod in namespace ${name}`);
  }

  /**
   * The addresses of an IP block (a NetworkPolicy `ipBlock` peer without exceptions).
   *
   * @param cidr the block, such as `10.0.0.0/16`
   */
  public static ipBlock(cidr: string): ExposurePeer {
    return ExposurePeer.described(`IPs ${cidr}`);
  }

  /** Anyone: an ingress rule without peers. */
  public static anyone(): ExposurePeer {
    return ExposurePeer.described('anyone');
  }

  /**
   * A peer in the words `ExposureAssertions.peersOf` uses (`pods app=web in namespace shop`,
   * `IPs 10.0.0.0/8 except 10.1.0.0/16`, `Deployment other-namespace/web`).
   *
   * @param text the words
   */
  public static described(text: string): ExposurePeer {
    if (typeof text !== 'string' || text.trim() === '') {
      throw factoryError('ExposurePeer.described', `${show(text)} must be a peer in the words peersOf returns, such as "every pod in namespace ingress-nginx"`);
    }
    const trimmed = text.trim();
    return new ExposurePeer(() => trimmed);
  }

  private constructor(private readonly words: (policyNamespace: string) => string) {}

  /**
   * The peer in words, as a NetworkPolicy of that namespace admits it.
   * @internal
   */
  public _wordsIn(policyNamespace: string): string {
    return this.words(policyNamespace);
  }
}

const SEVERITY_RANK: Record<string, number> = { [Severity.WARNING]: 1, [Severity.ERROR]: 2 };

/** The scopes an object can be exposed to, widest first (the report's order, without NetworkPolicies). */
const SCOPES: string[] = SCOPE_ORDER.filter(s => s !== 'isolation');

/** `Kind namespace/name`, as the assertions take and print it. */
function idOf(kind: string, namespace: string, name: string): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** The words of an object id: kind, then `namespace/name` or `name`. */
function parseId(text: unknown, where: string): { kind: string; namespace?: string; name: string } {
  const match = typeof text === 'string' ? /^\s*([A-Za-z][A-Za-z0-9]*)\s+(?:([^\s/]+)\/)?([^\s/]+)\s*$/.exec(text) : null;
  if (match === null) {
    throw factoryError(where, `${show(text)} is not an object id; write it as the summary does: \`Kind namespace/name\` or \`Kind name\`, such as "HTTPRoute shop/storefront"`);
  }
  return { kind: match[1], namespace: match[2], name: match[3] };
}

/** Whether the path is the construct's or one below it. */
function isUnder(path: string | undefined, prefix: string): boolean {
  if (prefix === '') return true;
  return path !== undefined && (path === prefix || path.startsWith(`${prefix}/`));
}

/** One object on one line: what a reviewer needs to see change, in a stable order. */
function describeItem(i: InventoryItem): string {
  const parts: string[] = [i.type === i.kind ? '' : i.type];
  if (i.ports.length > 0) parts.push(`ports ${i.ports.join(', ')}`);
  if (i.hosts.length > 0) parts.push(`hosts ${i.hosts.join(', ')}`);
  if (i.sourceRanges.length > 0) parts.push(`from ${i.sourceRanges.join(', ')}`);
  if (i.tls === true) parts.push(`TLS ${i.certificate ?? i.certificateMissing ?? 'certificate not defined here'}`);
  if (i.tls === false) parts.push('no TLS');
  if (i.backendTls !== undefined) parts.push(i.backendTls);
  if (i.controller !== undefined) parts.push(`via ${i.controller}`);
  if (i.targets.length > 0) parts.push(`to ${i.targets.join(', ')}`);
  if (i.construct !== undefined) parts.push(`construct ${i.construct}`);
  return `${idOf(i.kind, i.namespace, i.name)}: ${parts.filter(p => p !== '').join('; ')}`;
}

/** A NetworkPolicy on one line: the pods it guards, who may connect, where they may connect to. */
function describePolicyItem(i: InventoryItem): string {
  const p = i.policy!;
  const pods = p.workloads.length > 0 ? p.workloads.join(', ') : p.pods;
  const parts = [
    `guards ${pods}`,
    `admits ${p.admits === undefined ? 'anyone (ingress not restricted)' : p.admits.join(', ')}`,
    ...(p.allowsTo !== undefined ? [`allows to ${p.allowsTo.join(', ')}`] : []),
    ...(i.construct !== undefined ? [`construct ${i.construct}`] : []),
  ];
  return `${idOf(i.kind, i.namespace, i.name)}: ${parts.join('; ')}`;
}

function findingObject(f: Finding): string {
  return `${describe(f.object)}${f.object.origin.constructPath !== undefined ? ` (construct ${f.object.origin.constructPath})` : ''}`;
}

/**
 * Assertions on what an App or a Chart exposes, for the App's own unit tests (Jest, pytest,
 * JUnit, go test): what is reachable from the internet, from the VPC, on the nodes' IPs; who may
 * reach a Service through its NetworkPolicy; which rules find what at a stage; and a stable text
 * summary to snapshot. They read the same model and run the same rules as the exposure report,
 * so a test and the report never disagree.
 *
 * A failed assertion throws the library's error (`ExposeErrors.isValidationError` is true), whose
 * message names the assertion, says what differs (with construct paths) and what to do.
 *
 * @example
 * declare const app: App;
 * const exposure = ExposureAssertions.fromApp(app);
 * exposure.nothingExposedTo(ExposureScope.INTERNET);
 * exposure.noFindingsAtOrAbove(Severity.WARNING, { stage: Stage.PRODUCTION });
 */
export class ExposureAssertions {
  /**
   * The assertions on every object of an App.
   *
   * @param app the App (its charts need not be synthesized)
   */
  public static fromApp(app: App): ExposureAssertions {
    return new ExposureAssertions(app.node.root, '', 'the App');
  }

  /**
   * The assertions on the objects of one Chart. The rest of the App is read too, so that a
   * route on another chart's Gateway, or a NetworkPolicy peer in another chart, resolves as in
   * the report of the whole App.
   *
   * @param chart the Chart
   */
  public static fromChart(chart: Chart): ExposureAssertions {
    return new ExposureAssertions(chart.node.root, chart.node.path, `Chart '${chart.node.path}'`);
  }

  private readonly manifests: SourcedManifest[];
  private readonly model: ExposureModel;
  private readonly ownFindings: Finding[];
  private readonly items: InventoryItem[];

  private constructor(root: IConstruct, private readonly path: string, private readonly subject: string) {
    this.manifests = manifestsOf(root);
    this.model = buildModel(this.manifests);
    const findings = evaluate(this.model);
    this.ownFindings = findings.filter(f => this.isMine(f.object));
    this.items = inventoryOf(this.model, findings).filter(i => isUnder(i.construct, path));
  }

  /**
   * The objects exposed to one scope: the objects whose widest exposure it is, as the report's
   * section of that scope lists them (an internet-facing load balancer is listed under
   * `internet` only, though its node ports are open too).
   *
   * @param scope where they can be reached from
   */
  public exposedTo(scope: ExposureScope): ExposedObject[] {
    return this.itemsIn(scope, 'exposedTo').map(i => ({
      id: idOf(i.kind, i.namespace, i.name),
      kind: i.kind,
      name: i.name,
      namespace: i.namespace || undefined,
      type: i.type,
      scope: i.scope as ExposureScope,
      ports: [...i.ports],
      hosts: [...i.hosts],
      tls: i.tls,
      certificate: i.tls === true ? i.certificate ?? i.certificateMissing ?? 'certificate not defined here' : undefined,
      sourceRanges: [...i.sourceRanges],
      targets: [...i.targets],
      constructPath: i.construct,
    }));
  }

  /**
   * Asserts that exactly these objects are exposed to the scope: fails with what is exposed
   * and not expected, and what is expected and not exposed there (and where it is instead).
   *
   * @param scope where they can be reached from
   * @param objectIds each `Kind namespace/name`, or `Kind name` for that name in any namespace
   * (the `id` of `exposedTo` and the summary's words)
   */
  public exactlyExposedTo(scope: ExposureScope, objectIds: string[]): void {
    const where = `ExposureAssertions.exactlyExposedTo(${show(scope)})`;
    if (!Array.isArray(objectIds)) throw factoryError(where, `objectIds ${show(objectIds)} must be a list of object ids, such as ["HTTPRoute shop/storefront"]`);
    const expected = objectIds.map((text, index) => ({ text, ...parseId(text, `${where}: objectIds[${index}]`) }));
    const matches = (e: { kind: string; namespace?: string; name: string }, i: InventoryItem) =>
      e.kind === i.kind && e.name === i.name && (e.namespace === undefined || e.namespace === i.namespace);
    const actual = this.itemsIn(scope, 'exactlyExposedTo');
    const extra = actual.filter(i => !expected.some(e => matches(e, i)));
    const missing = expected.filter(e => !actual.some(i => matches(e, i)));
    if (extra.length === 0 && missing.length === 0) return;
    const lines = [`${this.subject}: what is exposed to ${scope} is not what the test expects.`];
    if (extra.length > 0) {
      lines.push(`Exposed to ${scope} and not expected (${extra.length}):`, ...extra.map(i => `  - ${describeItem(i)}`));
    }
    if (missing.length > 0) {
      lines.push(`Expected and not exposed to ${scope} (${missing.length}):`);
      for (const e of missing) {
        const elsewhere = this.items.filter(i => i.scope !== 'isolation' && matches(e, i));
        lines.push(elsewhere.length > 0
          ? `  - ${e.text.trim()}: exposed to ${elsewhere.map(i => `${i.scope}${i.construct !== undefined ? ` (construct ${i.construct})` : ''}`).join(', ')} instead`
          : `  - ${e.text.trim()}: no such object in ${this.subject}`);
      }
    }
    lines.push(`Fix: if the change is intended, expect ${show(actual.map(i => idOf(i.kind, i.namespace, i.name)))}; otherwise narrow the objects exposed by mistake (an InternalService, an internal load balancer) or expose what is missing.`);
    throw factoryError(where, lines.join('\n'));
  }

  /**
   * Asserts that nothing is exposed to the scope; fails with every object that is.
   *
   * @param scope where nothing may be reachable from (`ExposureScope.INTERNET`)
   */
  public nothingExposedTo(scope: ExposureScope): void {
    const where = `ExposureAssertions.nothingExposedTo(${show(scope)})`;
    const actual = this.itemsIn(scope, 'nothingExposedTo');
    if (actual.length === 0) return;
    throw factoryError(where, [
      `${this.subject} exposes ${actual.length} object${actual.length === 1 ? '' : 's'} to ${scope}:`,
      ...actual.map(i => `  - ${describeItem(i)}`),
      `Fix: make ${actual.length === 1 ? 'it' : 'them'} reachable only where intended (an InternalService inside the cluster, an internal load balancer for the VPC), or, if the exposure is intended, assert it with exactlyExposedTo.`,
    ].join('\n'));
  }

  /**
   * Who may connect to a Service's pods, as its NetworkPolicies admit them: a workload of the
   * App (`Deployment web`, `Deployment other-namespace/web`), or the report's words for other
   * peers (`every pod in namespace envoy-gateway-system`, `IPs 10.0.0.0/16`, `anyone`). Empty
   * when no NetworkPolicy restricts who reaches them (every pod of the cluster can).
   *
   * @param service the construct that made the Service (an InternalService, a kplus.Service, ...)
   */
  public peersOf(service: IConstruct): string[] {
    const found = this.servicesOf(service, 'ExposureAssertions.peersOf');
    return [...new Set(found.flatMap(s => this.admittedPeers(s).peers.map(p => p.who)))].sort();
  }

  /**
   * Asserts that the NetworkPolicies of a Service's pods admit exactly these peers: fails when a
   * peer is admitted that is not listed, when a listed peer is not admitted, or when no
   * NetworkPolicy restricts who reaches the pods.
   *
   * @param service the construct that made the Service (an InternalService, a kplus.Service, ...)
   * @param peers who may connect
   */
  public onlyReachableFrom(service: IConstruct, peers: ExposurePeer[]): void {
    const where = `ExposureAssertions.onlyReachableFrom('${service?.node?.path}')`;
    if (!Array.isArray(peers) || peers.some(p => !(p instanceof ExposurePeer))) {
      throw factoryError(where, `peers ${show(peers)} must be a list of ExposurePeer, such as [ExposurePeer.workload(web), ExposurePeer.namespace('ingress-nginx')]`);
    }
    const problems: string[] = [];
    for (const s of this.servicesOf(service, where)) {
      const expected = [...new Set(peers.map(p => p._wordsIn(s.namespace)))];
      const { policies, peers: admitted } = this.admittedPeers(s);
      const label = describe(s);
      if (policies.length === 0) {
        problems.push(`${label}: no NetworkPolicy restricts who reaches its pods, so every pod of the cluster can. Fix: give the construct allowFrom: [...] (InternalService), or add a NetworkPolicy that selects its pods and admits only ${show(expected)}.`);
        continue;
      }
      const who = new Set(admitted.map(p => p.who));
      const extra = admitted.filter(p => !expected.includes(p.who));
      const missing = expected.filter(p => !who.has(p));
      if (extra.length === 0 && missing.length === 0) continue;
      const lines = [`${label} is reachable from other peers than the test expects.`];
      if (extra.length > 0) lines.push('Admitted and not expected:', ...extra.map(p => `  - ${p.who} (${p.ports}; NetworkPolicy ${p.policy})`));
      if (missing.length > 0) lines.push('Expected and not admitted:', ...missing.map(p => `  - ${p}`));
      lines.push(`Its NetworkPolicies admit ${show([...who].sort())}. Fix: if the change is intended, expect those peers; otherwise change allowFrom (or the NetworkPolicy).`);
      problems.push(lines.join('\n'));
    }
    if (problems.length > 0) throw factoryError(where, problems.join('\n'));
  }

  /**
   * The rules' findings on the objects, acknowledged ones included (with their reason).
   *
   * @param options the stage to judge the objects at
   */
  public findings(options: FindingAssertionOptions = {}): ExposureFinding[] {
    return this.findingsAt(options.stage).map(f => ({
      ruleId: f.ruleId,
      severity: f.severity,
      objectId: describe(f.object),
      constructPath: f.object.origin.constructPath,
      message: f.message,
      fix: f.fix,
      stage: f.stage,
      acknowledged: f.acknowledged,
    }));
  }

  /**
   * Asserts that no unacknowledged finding has this severity or a worse one: `Severity.ERROR`
   * lets warnings through, `Severity.WARNING` fails on any finding. The failure lists the
   * findings that fail it with their fix, then the acknowledged ones separately.
   *
   * @param severity the least severity that fails the assertion
   * @param options the stage to judge the objects at
   */
  public noFindingsAtOrAbove(severity: Severity, options: FindingAssertionOptions = {}): void {
    const stageText = options.stage !== undefined ? `, { stage: ${show(options.stage)} }` : '';
    const where = `ExposureAssertions.noFindingsAtOrAbove(${show(severity)}${stageText})`;
    const rank = SEVERITY_RANK[severity];
    if (rank === undefined) throw factoryError(where, `severity ${show(severity)} must be Severity.ERROR or Severity.WARNING`);
    if (options.stage !== undefined && !Object.values(Stage).includes(options.stage)) {
      throw factoryError(where, `stage ${show(options.stage)} must be one of ${Object.values(Stage).join(', ')}`);
    }
    const all = this.findingsAt(options.stage);
    const failing = all.filter(f => f.acknowledged === undefined && SEVERITY_RANK[f.severity] >= rank);
    if (failing.length === 0) return;
    const acknowledged = all.filter(f => f.acknowledged !== undefined);
    const at = options.stage !== undefined ? ` at stage ${options.stage}` : '';
    const lines = [
      `${this.subject} has ${failing.length} finding${failing.length === 1 ? '' : 's'} of severity ${severity} or worse${at}:`,
      ...failing.map(f => `  - ${f.severity} [${f.ruleId}] ${findingObject(f)}: ${f.message}. Fix: ${f.fix}.`),
    ];
    if (acknowledged.length > 0) {
      lines.push(`Acknowledged, not failing (${acknowledged.length}):`, ...acknowledged.map(f => `  - [${f.ruleId}] ${findingObject(f)}: ${f.acknowledged}`));
    }
    lines.push('To accept a finding on purpose, call acknowledge(\'<rule>\', \'<reason>\') on the construct that made the object.');
    throw factoryError(where, lines.join('\n'));
  }

  /**
   * A text summary of the exposure, one line per object, for a snapshot test: the same App
   * gives the same text, and a change of exposure changes the lines of the objects it changes.
   * Sections per scope (widest first), NetworkPolicies, then the findings at each object's own
   * stage and the acknowledged ones.
   */
  public summary(): string {
    const lines = [`Exposure of ${this.subject}`];
    for (const scope of SCOPE_ORDER) {
      const items = this.items.filter(i => i.scope === scope);
      if (items.length === 0) continue;
      lines.push('', `${scope === 'isolation' ? 'NetworkPolicies' : `Exposed to ${scope}`} (${items.length}):`);
      for (const i of items) lines.push(`  ${scope === 'isolation' ? describePolicyItem(i) : describeItem(i)}`);
    }
    const open = this.ownFindings.filter(f => f.acknowledged === undefined);
    const acknowledged = this.ownFindings.filter(f => f.acknowledged !== undefined);
    lines.push('', `Findings (${open.length}):`);
    if (open.length === 0) lines.push('  none');
    for (const f of open) lines.push(`  ${f.severity}${f.stage !== undefined ? ` at ${f.stage}` : ''} [${f.ruleId}] ${findingObject(f)}: ${f.message}`);
    if (acknowledged.length > 0) {
      lines.push('', `Acknowledged (${acknowledged.length}):`);
      for (const f of acknowledged) lines.push(`  [${f.ruleId}] ${findingObject(f)}: ${f.acknowledged}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private isMine(ref: ObjectRef): boolean {
    return isUnder(ref.origin.constructPath, this.path);
  }

  private itemsIn(scope: ExposureScope, method: string): InventoryItem[] {
    if (!SCOPES.includes(scope)) {
      throw factoryError(`ExposureAssertions.${method}`, `scope ${show(scope)} must be an ExposureScope (${SCOPES.join(', ')})`);
    }
    return this.items.filter(i => i.scope === scope);
  }

  /** The findings of the objects, each at its own stage or all at `stage`. */
  private findingsAt(stage: Stage | undefined): Finding[] {
    if (stage === undefined) return this.ownFindings;
    const model = buildModel(this.manifests.map(m => ({ manifest: m.manifest, origin: { ...m.origin, stage } })));
    return evaluate(model).filter(f => this.isMine(f.object));
  }

  /** The Services the construct made (itself, or below it). */
  private servicesOf(service: IConstruct, where: string): ServiceInfo[] {
    const path = service?.node?.path;
    if (typeof path !== 'string') throw factoryError(where, `service ${show(service)} must be a construct that makes a Service (an InternalService, a kplus.Service, ...)`);
    const found = this.model.services.filter(s => s.origin.constructPath !== undefined && isUnder(s.origin.constructPath, path) && this.isMine(s));
    if (found.length === 0) {
      throw factoryError(where, `'${path}' made no Service in ${this.subject}; pass the construct that owns the Service (an InternalService, an IngressFronted, a kplus.Service).`);
    }
    return found;
  }

  /** The NetworkPolicies that restrict who reaches the Service's pods, and the peers they admit. */
  private admittedPeers(service: ServiceInfo): { policies: NetworkPolicyInfo[]; peers: Array<{ who: string; ports: string; policy: string }> } {
    const workloads = workloadsOf(this.model, service);
    // The pods' labels: of the workloads the Service selects, else (none in the App) its selector.
    const podLabels = workloads.length > 0 ? workloads.map(w => w.podLabels) : [service.selector];
    const policies = this.model.networkPolicies.filter(p => p.namespace === service.namespace && p.isolatesIngress && !p.podSelectorHasExpressions
      && podLabels.some(labels => Object.keys(p.podSelector).length === 0 || selects(p.podSelector, labels)));
    const peers: Array<{ who: string; ports: string; policy: string }> = [];
    for (const p of policies) {
      for (const rule of p.ingressRules ?? []) {
        const ports = rule.ports.length === 0 ? 'every port' : rule.ports.join(', ');
        if (rule.peers.length === 0) peers.push({ who: 'anyone', ports, policy: p.name });
        for (const peer of rule.peers) {
          const matched = peerWorkloads(this.model, peer, p.namespace);
          const names = matched.length > 0 ? matched.map(w => `${w.kind} ${w.namespace !== p.namespace && w.namespace ? `${w.namespace}/` : ''}${w.name}`) : [describePeer(peer, p.namespace)];
          for (const who of names) peers.push({ who, ports, policy: p.name });
        }
      }
    }
    return { policies, peers };
  }
}
