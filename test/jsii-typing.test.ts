/**
 * What TypeScript accepts but Java and .NET refuse: TypeScript checks a value's shape, jsii's
 * Java and .NET bindings check its declared types. This test reads the jsii assembly (.jsii) of
 * the library and of the packages its API names, and finds every class that has the shape of an
 * interface the public API takes but does not declare it (cdk8s-plus-28's `Pods` has every
 * member of `INetworkPolicyPeer` and declares `IPodSelector` only). Each such case needs a
 * static factory in the library that takes what the class declares and returns the interface
 * (`NetworkPeer.pods`). It also finds union types, which jsii languages see as a bare object, and
 * member names that Go and .NET would merge (they have no overloads either).
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

const root = path.join(__dirname, '..');

/** A jsii assembly, read as JSON (with the compressed form jsii writes for large ones). */
function readAssembly(dir: string): any {
  const assembly = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf-8'));
  if (assembly.schema === 'jsii/file-redirect') {
    const data = fs.readFileSync(path.join(dir, assembly.filename));
    return JSON.parse((assembly.compression === 'gzip' ? zlib.gunzipSync(data) : data).toString('utf-8'));
  }
  return assembly;
}

/** The library's assembly, compiled first when missing or older than a source file. */
function ownAssembly(): any {
  const jsiiFile = path.join(root, '.jsii');
  const newestSource = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const file = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(file) : fs.statSync(file).mtimeMs);
  }, 0);
  if (!fs.existsSync(jsiiFile) || fs.statSync(jsiiFile).mtimeMs < newestSource(path.join(root, 'src'))) {
    execSync('npx jsii --silence-warnings=reserved-word', { cwd: root, stdio: 'pipe' });
  }
  return readAssembly(root);
}

type TypeRef = any;

/** Every type reference in a type reference (collections, unions), with its own. */
function refsIn(ref: TypeRef | undefined): TypeRef[] {
  if (ref === undefined) return [];
  if (ref.collection) return [ref, ...refsIn(ref.collection.elementtype)];
  if (ref.union) return [ref, ...ref.union.types.flatMap(refsIn)];
  if (ref.intersection) return [ref, ...ref.intersection.types.flatMap(refsIn)];
  return [ref];
}

/** Where the public API takes a value: initializer and method parameters, struct properties. */
function inputsOf(type: any): { where: string; ref: TypeRef }[] {
  const inputs: { where: string; ref: TypeRef }[] = [];
  const params = (where: string, parameters: any[] | undefined) => {
    for (const p of parameters ?? []) inputs.push({ where: `${where}(${p.name})`, ref: p.type });
  };
  if (type.kind === 'class') params(`${type.fqn} constructor`, type.initializer?.parameters);
  for (const m of type.methods ?? []) params(`${type.fqn}.${m.name}`, m.parameters);
  if (type.kind === 'interface' && type.datatype) {
    for (const p of type.properties ?? []) inputs.push({ where: `${type.fqn}.${p.name}`, ref: p.type });
  }
  return inputs;
}

describe('the public API under nominal typing (Java, .NET)', () => {
  const own = ownAssembly();
  const types: Record<string, any> = { ...own.types };
  for (const dependency of Object.keys(own.dependencies ?? {})) {
    Object.assign(types, readAssembly(path.dirname(require.resolve(`${dependency}/package.json`, { paths: [root] }))).types);
  }
  const ownTypes = Object.values(own.types) as any[];

  /** What a type declares it is: itself, its base classes and every interface, transitively. */
  const declared = (fqn: string, into = new Set<string>()): Set<string> => {
    if (into.has(fqn) || !types[fqn]) return into;
    into.add(fqn);
    const type = types[fqn];
    if (type.base) declared(type.base, into);
    for (const i of type.interfaces ?? []) declared(i, into);
    return into;
  };
  /** The instance members of a type, with those it inherits. */
  const members = (fqn: string): Set<string> => {
    const names = new Set<string>();
    for (const t of declared(fqn)) {
      for (const m of [...(types[t].methods ?? []), ...(types[t].properties ?? [])]) if (!m.static) names.add(m.name);
    }
    return names;
  };

  const inputs = ownTypes.flatMap(inputsOf);
  /** The behavioural interfaces the API takes (structs are built field by field in every language). */
  const takenInterfaces = [...new Set(inputs.flatMap(i => refsIn(i.ref)).map(r => r.fqn)
    .filter(fqn => fqn && types[fqn]?.kind === 'interface' && !types[fqn].datatype))].sort();

  /** Classes that have every member of an interface the API takes, without declaring it. */
  const shapeOnly = takenInterfaces.flatMap(iface => {
    const wanted = members(iface);
    return (Object.values(types) as any[])
      .filter(t => t.kind === 'class' && !declared(t.fqn).has(iface) && [...wanted].every(name => members(t.fqn).has(name)))
      .map(t => ({ cls: t.fqn as string, iface }));
  });

  /** A static factory of the library that turns what the class declares into the interface. */
  const bridgeFor = (cls: string, iface: string): string | undefined => {
    for (const type of ownTypes) {
      for (const m of type.methods ?? []) {
        if (m.static && m.returns?.type?.fqn === iface && m.parameters?.length >= 1
          && m.parameters.slice(1).every((p: any) => p.optional)
          && m.parameters[0].type.fqn && m.parameters[0].type.fqn !== iface && declared(cls).has(m.parameters[0].type.fqn)) {
          return `${type.name}.${m.name}`;
        }
      }
    }
    return undefined;
  };

  test('the interfaces the API takes are found (the search below reads something)', () => {
    expect(takenInterfaces).toEqual(expect.arrayContaining(['cdk8s-plus-28.INetworkPolicyPeer', 'cdk8s-plus-28.IPodSelector', 'constructs.IConstruct']));
  });

  test('finds the case that broke Java: kplus.Pods has the shape of INetworkPolicyPeer but declares IPodSelector only', () => {
    expect(shapeOnly).toContainEqual({ cls: 'cdk8s-plus-28.Pods', iface: 'cdk8s-plus-28.INetworkPolicyPeer' });
    expect(bridgeFor('cdk8s-plus-28.Pods', 'cdk8s-plus-28.INetworkPolicyPeer')).toBe('NetworkPeer.pods');
  });

  test('every class that only has the shape of an interface the API takes has a factory to it', () => {
    const unbridged = shapeOnly.filter(({ cls, iface }) => bridgeFor(cls, iface) === undefined).map(({ cls, iface }) => `${cls} -> ${iface}`);
    expect(unbridged).toEqual([]);
  });

  test('no two members of a type share a name once capitalised (Go and .NET name both PascalCase; jsii has no overloads)', () => {
    const clashes = ownTypes.flatMap(type => {
      const seen = new Map<string, string>();
      const found: string[] = [];
      for (const t of declared(type.fqn)) {
        for (const m of [...(types[t].methods ?? []), ...(types[t].properties ?? [])]) {
          const key = `${m.static ? 'static ' : ''}${m.name.toLowerCase()}`;
          const other = seen.get(key);
          if (other !== undefined && other !== m.name) found.push(`${type.fqn}: ${other} / ${m.name}`);
          seen.set(key, m.name);
        }
      }
      return found;
    });
    expect(clashes).toEqual([]);
  });

  test('no union or intersection types where the API takes a value (jsii languages see them as a bare object)', () => {
    const loose = inputs.filter(i => refsIn(i.ref).some(r => r.union || r.intersection)).map(i => i.where);
    expect(loose).toEqual([]);
  });
});
