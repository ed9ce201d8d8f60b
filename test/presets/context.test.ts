import { mergeWithUser, renderMap } from '../../src/presets/context';

describe('mergeWithUser', () => {
  test('same value: kept; other keys of the user: untouched', () => {
    expect(mergeWithUser('p', { a: '1' }, { a: '1', b: '2' }, 'metadata.annotations')).toEqual({ annotations: { a: '1' }, problems: [] });
  });
  test('map-valued AWS attributes are merged, sorted', () => {
    const key = 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes';
    expect(mergeWithUser('aws-nlb', { [key]: 'x=1' }, { [key]: 'w=2' }, 'metadata.annotations').annotations[key]).toBe('w=2,x=1');
  });
  test('two values of any other key are a problem naming both', () => {
    expect(mergeWithUser('p', { a: '1' }, { a: '2' }, 'metadata.annotations').problems).toEqual(['metadata.annotations a is "2" but the p preset sets "1"; remove the annotation or change the preset\'s option']);
  });
  test('renderMap sorts keys', () => {
    expect(renderMap({ b: '2', a: '1' })).toBe('a=1,b=2');
  });
});
