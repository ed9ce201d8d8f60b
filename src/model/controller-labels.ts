/**
 * The labels that controllers add to the pods they create, beyond the pod template's, so that a
 * selector written on them is matched as Kubernetes matches it. Private to the library.
 *
 * The keys, from kubernetes/kubernetes (release 1.33):
 * - staging/src/k8s.io/api/apps/v1/types.go: `statefulset.kubernetes.io/pod-name` (the pod's
 *   name, `<statefulset>-<ordinal>`), `apps.kubernetes.io/pod-index` (the ordinal, since 1.28),
 *   `controller-revision-hash` (StatefulSet and DaemonSet), `pod-template-hash` (what a
 *   Deployment's ReplicaSets add), `pod-template-generation` (DaemonSet); set by
 *   pkg/controller/statefulset/stateful_set_utils.go, pkg/controller/daemon and
 *   pkg/controller/deployment.
 * - staging/src/k8s.io/api/batch/v1/types.go: `batch.kubernetes.io/job-name` and the legacy
 *   `job-name` (the Job's name), `batch.kubernetes.io/controller-uid` and `controller-uid`,
 *   `batch.kubernetes.io/job-completion-index` (Indexed Jobs); set by pkg/controller/job.
 *   A CronJob's Jobs are named `<cronjob>-<scheduled time>`, so their job names are not known.
 */

/** What a controller adds to the labels of a workload's pods. */
export interface ControllerLabels {
  /** Labels with one known value on every pod (a Job's name). */
  readonly fixed: Readonly<Record<string, string>>;
  /** Label keys whose values the controller computes (hashes, uids, schedule times): not decidable from the YAML. */
  readonly computed: readonly string[];
  /** A StatefulSet's ordinals: pod `name-i` for i from `start`, `count` pods (undefined: not fixed in the YAML). */
  readonly ordinals?: { readonly name: string; readonly start: number; readonly count?: number };
}

const POD_NAME = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX = 'apps.kubernetes.io/pod-index';
const JOB_COMPUTED = ['controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index'];

/** Every label key some controller adds (to find a template label to index by). */
export const CONTROLLER_LABEL_KEYS: ReadonlySet<string> = new Set([
  POD_NAME, POD_INDEX, 'controller-revision-hash', 'pod-template-hash', 'pod-template-generation',
  'job-name', 'batch.kubernetes.io/job-name', ...JOB_COMPUTED,
]);

/** The labels the controller of a workload kind adds to its pods; undefined when it adds none. */
export function controllerLabelsOf(kind: string, name: string, spec: any): ControllerLabels | undefined {
  switch (kind) {
    case 'Deployment': return { fixed: {}, computed: ['pod-template-hash'] };
    case 'DaemonSet': return { fixed: {}, computed: ['controller-revision-hash', 'pod-template-generation'] };
    case 'StatefulSet': {
      const start = typeof spec?.ordinals?.start === 'number' ? spec.ordinals.start : 0;
      // Without replicas in the YAML, an autoscaler or `kubectl scale` decides how many pods there are.
      const count = typeof spec?.replicas === 'number' ? spec.replicas : undefined;
      return { fixed: {}, computed: ['controller-revision-hash'], ordinals: { name, start, count } };
    }
    case 'Job': return { fixed: { 'job-name': name, 'batch.kubernetes.io/job-name': name }, computed: JOB_COMPUTED };
    case 'CronJob': return { fixed: {}, computed: ['job-name', 'batch.kubernetes.io/job-name', ...JOB_COMPUTED] };
    default: return undefined;
  }
}

/** Whether a selector matches a workload's pods: certainly, perhaps (a computed label), or not. */
export type PodMatch = 'yes' | 'maybe' | 'no';

/** The ordinal a pod-name or pod-index value names, or undefined when it names none of this StatefulSet's. */
function ordinalOf(key: string, value: string, name: string): number | undefined {
  const text = key === POD_NAME ? (value.startsWith(`${name}-`) ? value.slice(name.length + 1) : '') : value;
  return /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : undefined;
}

/**
 * How a selector matches the pods of a workload with these template labels and controller
 * labels. An empty selector matches nothing here (the callers judge label selectors only).
 */
export function podMatch(selector: Record<string, string>, podLabels: Record<string, string>, added: ControllerLabels | undefined): PodMatch {
  let result: PodMatch = 'no';
  let ordinal: number | undefined;
  for (const key in selector) {
    const value = String(selector[key]);
    result = 'yes';
    if (added !== undefined && added.ordinals !== undefined && (key === POD_NAME || key === POD_INDEX)) {
      const i = ordinalOf(key, value, added.ordinals.name);
      if (i === undefined || (ordinal !== undefined && ordinal !== i)) return 'no';
      ordinal = i;
      continue;
    }
    if (added !== undefined && added.fixed[key] !== undefined) {
      if (added.fixed[key] !== value) return 'no';
      continue;
    }
    if (podLabels[key] !== undefined) {
      if (String(podLabels[key]) !== value) return 'no';
      continue;
    }
    if (added !== undefined && added.computed.includes(key)) continue;
    return 'no';
  }
  if (result === 'no') return 'no';
  let maybe = added !== undefined && Object.keys(selector).some(k => added.computed.includes(k) && podLabels[k] === undefined);
  if (ordinal !== undefined && added?.ordinals !== undefined) {
    const { start, count } = added.ordinals;
    if (ordinal < start) return 'no';
    if (count !== undefined) {
      if (ordinal >= start + count) return 'no';
    } else if (ordinal > start) {
      maybe = true;
    }
  }
  return maybe ? 'maybe' : 'yes';
}
