/**
 * The model's lookup tables, built in this one place: a table groups one of the model's lists
 * by a key, is built on the first question and rebuilt when the list has grown (a model is read
 * one manifest at a time). A rule asks a table instead of searching a list, so rules stay linear
 * in the App's size. Private to the library.
 */

interface Table {
  /** The length of the list when the table was built. */
  readonly size: number;
  readonly byKey: Map<any, any>;
}

const tables = new WeakMap<object, Map<string, Table>>();

function tableOf(model: object, name: string, size: number, build: () => Map<any, any>): Map<any, any> {
  let ofModel = tables.get(model);
  if (ofModel === undefined) {
    ofModel = new Map();
    tables.set(model, ofModel);
  }
  let table = ofModel.get(name);
  if (table === undefined || table.size !== size) {
    table = { size, byKey: build() };
    ofModel.set(name, table);
  }
  return table.byKey;
}

/**
 * `list` grouped by the keys of each item (an item may have several, or none), in list order.
 *
 * @param model the model the list belongs to
 * @param name the table's name, unique per model
 */
export function indexed<T>(model: object, name: string, list: readonly T[], keysOf: (item: T) => Iterable<string>): ReadonlyMap<string, T[]> {
  return tableOf(model, name, list.length, () => {
    const byKey = new Map<string, T[]>();
    for (const item of list) {
      for (const key of keysOf(item)) {
        const items = byKey.get(key);
        if (items) items.push(item); else byKey.set(key, [item]);
      }
    }
    return byKey;
  });
}

/**
 * A cache of answers over `list` (several rules and the report ask the same question), emptied
 * when the list has grown.
 */
export function answers<K, V>(model: object, name: string, list: readonly unknown[]): Map<K, V> {
  return tableOf(model, name, list.length, () => new Map<K, V>());
}
