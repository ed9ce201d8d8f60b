import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { GATEWAY_API_VERSION } from './common';
import { GATEWAY_API_GROUP } from '../api-groups';
import { propError, show } from '../errors';
import { addSynthCheck, refused } from '../internal/refusal';
import { annotationProblems, labelProblems } from '../validation/metadata';
import { checkDns1123Label, checkDns1123Subdomain } from '../validation/names';

/** Who may refer into the namespace (`spec.from[]`). */
export interface ReferenceGrantFrom {
  /** The referring kind, such as `HTTPRoute` or `ListenerSet`. */
  readonly kind: string;
  /** The referring object's namespace. */
  readonly namespace: string;
  /**
   * The referring kind's API group.
   *
   * @default 'gateway.networking.k8s.io'
   */
  readonly group?: string;
}

/** What may be referred to (`spec.to[]`). */
export interface ReferenceGrantTo {
  /**
   * The kind referred to.
   *
   * @default 'Service'
   */
  readonly kind?: string;
  /**
   * The one object of that kind that may be referred to.
   *
   * @default - every object of the kind in the namespace
   */
  readonly name?: string;
  /**
   * The kind's API group (`''` is the core group of Services and Secrets).
   *
   * @default ''
   */
  readonly group?: string;
}

/** Props of a `ReferenceGrant`. */
export interface ReferenceGrantProps {
  /** Who may refer into this namespace (1-16 entries). */
  readonly from: ReferenceGrantFrom[];
  /**
   * What they may refer to (1-16 entries).
   *
   * @default - none yet; add them with `allow()`
   */
  readonly to?: ReferenceGrantTo[];
  /**
   * Metadata; the namespace is the one whose objects are referred to.
   *
   * @default - a generated name, in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

const KIND_PATTERN = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/**
 * A Gateway API ReferenceGrant: lets routes (or listeners) in another namespace refer to
 * Services (or Secrets) in this one. Routes of the library write the ones they need; this
 * construct is for the rest.
 *
 * @example
 * declare const chart: Chart;
 * new ReferenceGrant(chart, 'LetShopRoutes', {
 *   metadata: { namespace: 'payments' },
 *   from: [{ kind: 'HTTPRoute', namespace: 'shop' }],
 *   to: [{ name: 'payments-api' }],
 * });
 */
export class ReferenceGrant extends Construct {
  /** The ReferenceGrant object. */
  public readonly apiObject: ApiObject;
  private readonly to: ReferenceGrantTo[] = [];

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props who may refer to what
   */
  constructor(scope: Construct, id: string, props: ReferenceGrantProps) {
    super(scope, id);
    try {
      const fail = (message: string) => propError('ReferenceGrant', this, message);
      if (props === null || typeof props !== 'object') throw fail(`props ${show(props)} must be an object`);
      const from = props.from;
      if (!Array.isArray(from) || from.length === 0 || from.length > 16) {
        throw fail(`from ${show(from)} must list 1 to 16 referrers, such as [{ kind: 'HTTPRoute', namespace: 'shop' }]`);
      }
      from.forEach((f, i) => {
        if (f === null || typeof f !== 'object' || typeof f.kind !== 'string' || !KIND_PATTERN.test(f.kind)) throw fail(`from[${i}].kind ${show(f?.kind)} must be a kind such as "HTTPRoute"`);
        const problem = typeof f.namespace === 'string' ? checkDns1123Label(f.namespace) : 'is required';
        if (problem) throw fail(`from[${i}].namespace ${show(f.namespace)} ${problem}`);
        groupCheck(fail, `from[${i}].group`, f.group);
      });
      const meta = props.metadata;
      const metaProblems = [...labelProblems(meta?.labels, 'metadata.labels'), ...annotationProblems(meta?.annotations, 'metadata.annotations')];
      if (metaProblems.length > 0) throw fail(metaProblems.join('; '));
      if (meta?.name !== undefined) {
        const problem = checkDns1123Subdomain(meta.name);
        if (problem) throw fail(`metadata.name ${show(meta.name)} ${problem}`);
      }
      if (meta?.namespace !== undefined) {
        const problem = checkDns1123Label(meta.namespace);
        if (problem) throw fail(`metadata.namespace ${show(meta.namespace)} ${problem}`);
      }
      for (const to of props.to ?? []) this.allow(to);
      this.apiObject = new ApiObject(this, 'Resource', {
        apiVersion: GATEWAY_API_VERSION,
        kind: 'ReferenceGrant',
        metadata: meta,
        spec: {
          from: from.map(f => ({ group: f.group ?? GATEWAY_API_GROUP, kind: f.kind, namespace: f.namespace })),
          to: Lazy.any({ produce: () => this.to.map(t => ({ group: t.group ?? '', kind: t.kind ?? 'Service', ...(t.name !== undefined ? { name: t.name } : {}) })) }),
        },
      });
      addSynthCheck(this, () => this.to.length === 0 ? [`ReferenceGrant '${this.node.path}': to is empty, so it grants nothing; pass to: [{ name: 'my-service' }] or remove it`] : []);
    } catch (e) {
      throw refused(this, e);
    }
  }

  /** The namespace whose objects are referred to. */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /**
   * Allows one more target. A target already allowed is not repeated.
   *
   * @param to what may be referred to
   */
  public allow(to: ReferenceGrantTo): void {
    const fail = (message: string) => propError('ReferenceGrant', this, message);
    if (to === null || typeof to !== 'object') throw fail(`to ${show(to)} must be an object such as { name: 'web' }`);
    if (to.kind !== undefined && (typeof to.kind !== 'string' || !KIND_PATTERN.test(to.kind))) throw fail(`to.kind ${show(to.kind)} must be a kind such as "Service"`);
    groupCheck(fail, 'to.group', to.group);
    if (to.name !== undefined && (typeof to.name !== 'string' || to.name.length === 0 || to.name.length > 253)) throw fail(`to.name ${show(to.name)} must be an object name`);
    const key = (t: ReferenceGrantTo) => `${t.group ?? ''}/${t.kind ?? 'Service'}/${t.name ?? ''}`;
    if (this.to.some(t => key(t) === key(to))) return;
    if (this.to.length >= 16) throw fail(`to would have ${this.to.length + 1} entries; a ReferenceGrant has at most 16, so use another ReferenceGrant`);
    this.to.push({ ...to });
  }
}

function groupCheck(fail: (m: string) => Error, at: string, group: string | undefined): void {
  if (group === undefined || group === '') return;
  const problem = typeof group === 'string' ? checkDns1123Subdomain(group) : 'is not a string';
  if (problem) throw fail(`${at} ${show(group)} ${problem}`);
}
