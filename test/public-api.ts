import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** One exported class of the library, as its source declares it (what jsii publishes). */
export interface PublicClass {
  readonly name: string;
  /** True when `new Name(...)` is public (not abstract, not a private or protected constructor). */
  readonly publicConstructor: boolean;
  /** The public static methods (factories), without `_`-prefixed internal ones. */
  readonly factories: string[];
}

const SRC = path.join(__dirname, '..', 'src');

/**
 * Every class that src/index.ts exports, read from the source files with the TypeScript parser
 * (no type check, so it is fast): a new class, constructor or factory shows up here without
 * anyone listing it.
 */
export function publicClasses(): PublicClass[] {
  const index = parse(path.join(SRC, 'index.ts'));
  const out: PublicClass[] = [];
  for (const statement of index.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined) continue;
    const file = path.join(SRC, `${(statement.moduleSpecifier as ts.StringLiteral).text}.ts`);
    const named = statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)
      ? new Set(statement.exportClause.elements.map(e => e.name.text)) : undefined;
    for (const node of parse(file).statements) {
      if (!ts.isClassDeclaration(node) || node.name === undefined || !hasModifier(node, ts.SyntaxKind.ExportKeyword)) continue;
      if (named !== undefined && !named.has(node.name.text)) continue;
      const ctor = node.members.find(ts.isConstructorDeclaration);
      const publicConstructor = !hasModifier(node, ts.SyntaxKind.AbstractKeyword)
        && !(ctor !== undefined && (hasModifier(ctor, ts.SyntaxKind.PrivateKeyword) || hasModifier(ctor, ts.SyntaxKind.ProtectedKeyword)));
      const factories = node.members
        .filter((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && hasModifier(m, ts.SyntaxKind.StaticKeyword)
          && !hasModifier(m, ts.SyntaxKind.PrivateKeyword) && !hasModifier(m, ts.SyntaxKind.ProtectedKeyword))
        .map(m => m.name.getText())
        .filter(n => !n.startsWith('_'));
      out.push({ name: node.name.text, publicConstructor, factories });
    }
  }
  return out;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return (ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : []).some(m => m.kind === kind);
}
