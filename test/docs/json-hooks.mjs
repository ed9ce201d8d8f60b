// Node 20 loads a JSON module only with an import attribute, which @actions/workflow-parser's
// own import of its schema lacks (it targets newer Node): this hook adds it.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { type: 'json' } });
  return nextLoad(url, context);
}
