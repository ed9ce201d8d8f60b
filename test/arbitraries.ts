/**
 * The fast-check generators the property tests share with the API server harness
 * (test/apiserver/cases.ts), so that the real server sees the same inputs.
 */
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { ExposedPort } from '../src';

export const protocols = [undefined, kplus.Protocol.TCP, kplus.Protocol.UDP, kplus.Protocol.SCTP];
// Mostly plausible values, so that both branches (accepted and refused) are reached often.
export const anyPortNumber = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 65535 }), weight: 4 },
  { arbitrary: fc.constantFrom(1, 80, 65535, 30000, 32767), weight: 2 },
  { arbitrary: fc.constantFrom(0, -1, 65536, 70000, 80.5), weight: 1 },
);
export const anyName = fc.oneof(
  { arbitrary: fc.constantFrom(undefined, 'http', 'https', 'a', 'metrics', 'grpc-web'), weight: 4 },
  { arbitrary: fc.constantFrom('HTTP', '-x', 'a--b', '1', 'x'.repeat(64), ''), weight: 1 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);
export const anyPort: fc.Arbitrary<ExposedPort> = fc.record({
  port: anyPortNumber,
  targetPort: fc.option(anyPortNumber, { nil: undefined }),
  targetPortName: fc.option(anyName, { nil: undefined }),
  nodePort: fc.option(anyPortNumber, { nil: undefined }),
  name: anyName,
  protocol: fc.constantFrom(...protocols),
  appProtocol: fc.option(fc.constantFrom('http', 'kubernetes.io/h2c', 'bad value', 'x/y/z'), { nil: undefined }),
}, { requiredKeys: ['port'] }) as fc.Arbitrary<ExposedPort>;


/** Values a JavaScript or Python caller can pass where TypeScript would not let them. */
export const labelKey = fc.oneof(
  { arbitrary: fc.constantFrom('app', 'tier', 'example.com/team', 'a.b/c-d_e.f'), weight: 12 },
  { arbitrary: fc.constantFrom('Bad Key=', '', '-x', 'a/b/c', '/x', 'x'.repeat(64), 'UPPER.example.com/x'), weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);
export const labelValue = fc.oneof(
  { arbitrary: fc.constantFrom('web', '', 'v1.2', 'a_b-c'), weight: 12 },
  { arbitrary: fc.constantFrom('not ok!', '-x', 'x'.repeat(64)), weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);
export const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 2 });
export const enumish = (...valid: string[]) => fc.oneof(
  { arbitrary: fc.constantFrom(undefined, ...valid), weight: 12 },
  { arbitrary: fc.constantFrom('local', 'Sticky', '', 'IPv5'), weight: 1 },
);

