import { Stage } from '../../src';
import { buildModel } from '../../src/model/model';
import { acknowledgeHint, evaluate, formatFinding, isBlocking } from '../../src/policy/engine';
import { Severity } from '../../src/policy/rule';
import { RULES } from '../../src/policy/rules';
import { modelOf, service } from '../model/helpers';

const nodePort = (annotations: Record<string, string> = {}) => ({
  ...service('debug', { app: 'debug' }, 'shop', 'NodePort'),
  metadata: { name: 'debug', namespace: 'shop', annotations },
});

describe('policy engine', () => {
  test('the severity of a finding is decided at the object\'s stage, else the default stage', () => {
    const model = modelOf(nodePort());
    const at = (stage?: Stage) => evaluate(model, stage).filter(f => f.ruleId === 'node-port-in-production');
    expect(at(Stage.DEVELOPMENT)).toEqual([]);
    expect(at(Stage.STAGING).map(f => [f.severity, f.stage])).toEqual([[Severity.WARNING, Stage.STAGING]]);
    expect(at(Stage.PRODUCTION).map(f => [f.severity, isBlocking(f)])).toEqual([[Severity.ERROR, true]]);
    // The object's own stage wins over the default.
    const staged = buildModel([{ manifest: nodePort(), origin: { stage: Stage.PRODUCTION } }]);
    expect(evaluate(staged, Stage.DEVELOPMENT).filter(f => f.ruleId === 'node-port-in-production').map(f => f.stage)).toEqual([Stage.PRODUCTION]);
  });

  test('an acknowledged finding is reported with its reason and blocks nothing', () => {
    const model = modelOf(nodePort({ 'ack.cdk8s-expose/node-port-in-production': 'bare-metal lab' }));
    const [finding] = evaluate(model, Stage.PRODUCTION).filter(f => f.ruleId === 'node-port-in-production');
    expect(finding.acknowledged).toBe('bare-metal lab');
    expect(isBlocking(finding)).toBe(false);
    expect(acknowledgeHint(finding)).toBe('');
  });

  test('findings come back in rule order, with the rule\'s why', () => {
    const model = modelOf({ ...nodePort(), spec: { type: 'NodePort', selector: { app: 'debug' }, externalIPs: ['1.2.3.4'], ports: [{ port: 22, targetPort: 22 }] } });
    const findings = evaluate(model, Stage.PRODUCTION);
    const order = RULES.map(r => r.id);
    const ids = findings.map(f => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['external-ips', 'ssh-exposed', 'node-port-in-production']));
    expect([...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(ids);
    for (const f of findings) expect(f.why).toBe(RULES.find(r => r.id === f.ruleId)!.why);
    // A rule that is an error at every stage is not acknowledgeable: the fix is to change the object.
    const externalIps = findings.find(f => f.ruleId === 'external-ips')!;
    expect(externalIps.acknowledgeable).toBe(false);
    expect(acknowledgeHint(externalIps)).toBe('');
  });

  test('one line per finding: rule, object, where it came from, what, the fix and how to accept it', () => {
    const [finding] = evaluate(modelOf(nodePort()), Stage.PRODUCTION).filter(f => f.ruleId === 'node-port-in-production');
    expect(formatFinding(finding)).toMatch(/^\[node-port-in-production\] Service shop\/debug: is a NodePort Service .*\. Fix: .*\. To accept it, write the annotation `ack\.cdk8s-expose\/node-port-in-production: <reason>` on the object \(or call acknowledge/);
    const fromFile = { ...finding, object: { ...finding.object, origin: { file: 'dist/prod.k8s.yaml', documentIndex: 2 } } };
    expect(formatFinding(fromFile)).toMatch(/^\[node-port-in-production\] Service shop\/debug \(dist\/prod\.k8s\.yaml document 3\): /);
    const fromConstruct = { ...finding, object: { ...finding.object, origin: { constructPath: 'prod/Debug', constructKind: 'DevService' } } };
    expect(formatFinding(fromConstruct)).toMatch(/^\[node-port-in-production\] Service shop\/debug \(DevService 'prod\/Debug'\): /);
    expect(acknowledgeHint(fromConstruct)).toMatch(/^To accept it, call acknowledge\('node-port-in-production', '<reason>'\) on the DevService/);
  });
});
