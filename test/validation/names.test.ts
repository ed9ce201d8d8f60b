import { checkCidr, checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkIanaSvcName, checkIngressHost, checkPathSegmentName, checkQualifiedName, isIpAddress } from '../../src/validation/names';

describe('validation/names', () => {
  test.each(['a', 'backend-service', 'a1', 'x'.repeat(63)])('DNS-1035 accepts %s', v => expect(checkDns1035Label(v)).toBeUndefined());
  test.each(['', '1a', 'a-', 'A', 'a.b', 'a_b', 'x'.repeat(64)])('DNS-1035 refuses %s', v => expect(checkDns1035Label(v)).toBeDefined());

  test.each(['1a', 'a', 'web-1'])('DNS-1123 label accepts %s', v => expect(checkDns1123Label(v)).toBeUndefined());
  test.each(['', '-a', 'a-', 'a.b', 'UP'])('DNS-1123 label refuses %s', v => expect(checkDns1123Label(v)).toBeDefined());

  test.each(['example.com', 'a.b-c.d', '1.example'])('DNS-1123 subdomain accepts %s', v => expect(checkDns1123Subdomain(v)).toBeUndefined());
  test.each(['', '.a', 'a..b', 'a.', 'A.com', `${'x'.repeat(64)}.com`, 'x'.repeat(254)])('DNS-1123 subdomain refuses %s', v => expect(checkDns1123Subdomain(v)).toBeDefined());

  test.each(['http', 'grpc-web', 'h2c', 'a1'])('IANA_SVC_NAME accepts %s', v => expect(checkIanaSvcName(v)).toBeUndefined());
  test.each(['', '123', '-http', 'http-', 'a--b', 'HTTP', 'abcdefghijklmnop', 'a_b'])('IANA_SVC_NAME refuses %s', v => expect(checkIanaSvcName(v)).toBeDefined());

  test.each(['http', 'kubernetes.io/h2c', 'example.com/my-proto', 'a.B_c'])('qualified name accepts %s', v => expect(checkQualifiedName(v)).toBeUndefined());
  test.each(['', '/x', 'a/b/c', 'Bad_Prefix/x', 'x/', '-x'])('qualified name refuses %s', v => expect(checkQualifiedName(v)).toBeDefined());

  test.each(['api.example.com', '*.example.com'])('ingress host accepts %s', v => expect(checkIngressHost(v)).toBeUndefined());
  test.each(['*', 'a.*.com', '10.0.0.1', 'API.example.com'])('ingress host refuses %s', v => expect(checkIngressHost(v)).toBeDefined());

  test.each(['10.0.0.0/8', '0.0.0.0/0', '198.51.100.7/32', '2001:db8::/32', '::/0', '::1/128', '::ffff:10.0.0.0/104'])('CIDR accepts %s', v => expect(checkCidr(v)).toBeUndefined());
  test.each(['10.0.0.1/8', '10.0.0.0', '10.0.0/8', '010.0.0.0/8', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '2001:db8::1/32', '2001:db8:::/32', 'abc/1'])('CIDR refuses %s', v => expect(checkCidr(v)).toBeDefined());

  test.each(['1.2.3.4', '::1', '2001:db8::8a2e:370:7334', '::ffff:1.2.3.4'])('isIpAddress true for %s', v => expect(isIpAddress(v)).toBe(true));
  test.each(['1.2.3', '1.2.3.256', 'example.com', '1::2::3', ':::', '12345::'])('isIpAddress false for %s', v => expect(isIpAddress(v)).toBe(false));
});

describe('checkPathSegmentName: what every object name must be, and all the RBAC kinds ask', () => {
  test('accepts colons, capitals and underscores (system:aggregated-metrics-reader, a CRD\'s own names)', () => {
    for (const name of ['system:aggregated-metrics-reader', 'system:metrics-server', 'Big_Name', 'a.b']) expect(checkPathSegmentName(name)).toBeUndefined();
  });
  test('refuses an empty name, "." and "..", "/" and "%"', () => {
    expect(['', '.', '..', 'a/b', 'a%20b'].map(checkPathSegmentName)).toEqual([
      'must not be empty', 'may not be "."', 'may not be ".."', 'may not contain "/"', 'may not contain "%"',
    ]);
  });
});
