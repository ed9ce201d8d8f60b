import { ExposureModel, buildModel } from '../../src/model/model';

/** A model of plain manifests, as the audit reads them. */
export function modelOf(...manifests: any[]): ExposureModel {
  return buildModel(manifests.map((manifest, i) => ({ manifest, origin: { documentIndex: i } })));
}

export const deployment = (name: string, labels: Record<string, string>, namespace = 'shop', ports: any[] = []) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app:1', ports }] } } },
});

export const service = (name: string, selector: Record<string, string>, namespace = 'shop', type = 'ClusterIP') => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type, selector, ports: [{ port: 80, targetPort: 8080 }] },
});
