import { Rule, always } from '../rule';

/** A manifest the Kubernetes API server would refuse (src/validation/). */
export const apiServerRejects: Rule = {
  id: 'api-server-rejects',
  summary: 'The Kubernetes API server would refuse the object (its metadata, or a Service, Ingress or NetworkPolicy spec).',
  why: 'kubectl apply stops at the first object the API server refuses, leaving a release half applied; the library checks its own objects before writing them, and this finds the same mistakes in everything else.',
  severity: always,
  check(model) {
    return model.rejected.map(r => ({
      object: r,
      message: `the API server would refuse it: ${r.problems.join('; ')}`,
      fix: 'Correct the fields named (Kubernetes API reference for the kind)',
    }));
  },
};
