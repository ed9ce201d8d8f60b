import { answers, indexed } from '../../src/model/indexes';

describe('indexes', () => {
  test('groups a list by the keys of each item, in list order, built once', () => {
    const model = {};
    const list = [{ n: 'a', tags: ['x', 'y'] }, { n: 'b', tags: ['y'] }, { n: 'c', tags: [] }];
    let calls = 0;
    const keysOf = (item: { tags: string[] }) => {
      calls++;
      return item.tags;
    };
    const table = indexed(model, 'by tag', list, keysOf);
    expect([...table.entries()].map(([k, v]) => [k, v.map(i => i.n)])).toEqual([['x', ['a']], ['y', ['a', 'b']]]);
    // Asked again: the same table, not rebuilt.
    expect(indexed(model, 'by tag', list, keysOf)).toBe(table);
    expect(calls).toBe(3);
  });

  test('is rebuilt when its list has grown, and is separate per model and per name', () => {
    const model = {};
    const list = [{ n: 'a' }];
    const first = indexed(model, 'by name', list, i => [i.n]);
    list.push({ n: 'b' });
    expect(indexed(model, 'by name', list, i => [i.n]).get('b')).toEqual([{ n: 'b' }]);
    expect(first.get('b')).toBeUndefined();
    expect(indexed({}, 'by name', [], (i: { n: string }) => [i.n]).size).toBe(0);
    expect(indexed(model, 'other', list, () => ['all']).get('all')).toHaveLength(2);
  });

  test('a cache of answers is emptied when its list has grown', () => {
    const model = {};
    const list: number[] = [1];
    answers<string, number>(model, 'sums', list).set('sum', 1);
    expect(answers<string, number>(model, 'sums', list).get('sum')).toBe(1);
    list.push(2);
    expect(answers<string, number>(model, 'sums', list).get('sum')).toBeUndefined();
  });
});
