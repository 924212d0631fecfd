/**
 * Reads an installed package the way a TypeScript user's editor does, with the project's own
 * typescript@6: which names each subpath declares (split into values and type-only names), and
 * whether a consumer file type-checks against the shipped `.d.ts` under a given resolution mode.
 */
import { join } from 'node:path';
import ts from 'typescript';

/** What a subpath declares: names with a runtime value, and names that exist only as types. */
export interface DeclaredExports {
  values: string[];
  types: string[];
}

/** The `.d.ts` file TypeScript resolves `specifier` to from a file in `projectDir`. */
export function resolveDeclarations(projectDir: string, specifier: string): string {
  const { resolvedModule } = ts.resolveModuleName(
    specifier,
    join(projectDir, 'index.ts'),
    { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    ts.sys,
  );
  if (!resolvedModule?.resolvedFileName.endsWith('.d.ts')) {
    throw new Error(`TypeScript resolves ${specifier} to ${resolvedModule?.resolvedFileName ?? 'nothing'}, not a .d.ts`);
  }
  return resolvedModule.resolvedFileName;
}

/** The names each specifier's declarations export, sorted, split into values and types. */
export function declaredExports(projectDir: string, specifiers: readonly string[]): Record<string, DeclaredExports> {
  const files = Object.fromEntries(specifiers.map((specifier) => [specifier, resolveDeclarations(projectDir, specifier)]));
  const program = ts.createProgram(Object.values(files), { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  return Object.fromEntries(
    Object.entries(files).map(([specifier, file]) => {
      const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
      const values: string[] = [];
      const types: string[] = [];
      for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
        (isValue(checker, symbol) ? values : types).push(symbol.name);
      }
      return [specifier, { values: values.sort(), types: types.sort() }];
    }),
  );
}

/** True when an export has a runtime value: not type-only anywhere along its alias chain. */
function isValue(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  let current: ts.Symbol | undefined = symbol;
  while (current && current.flags & ts.SymbolFlags.Alias) {
    if (current.declarations?.some((declaration) => ts.isTypeOnlyImportOrExportDeclaration(declaration))) return false;
    current = checker.getImmediateAliasedSymbol(current);
  }
  return current !== undefined && (current.flags & ts.SymbolFlags.Value) !== 0;
}

/** A consumer's compiler settings for one resolution mode, strict as the strictest users run. */
export function consumerOptions(mode: 'bundler' | 'nodenext', typeRoots: string[]): ts.CompilerOptions {
  const shared: ts.CompilerOptions = {
    strict: true,
    // Check our shipped .d.ts files too: a type that only resolves with the SDK's devDependencies
    // installed (type-fest, @types/node) fails here, as it would for a user.
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    resolveJsonModule: true,
    target: ts.ScriptTarget.ES2022,
  };
  return mode === 'bundler'
    ? // A bundled app for the browser or an edge runtime: Web APIs, no Node types.
      {
        ...shared,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
      }
    : // A Node app, ESM and CJS files side by side.
      {
        ...shared,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2023.d.ts'],
        types: ['node'],
        typeRoots,
      };
}

/**
 * Type-checks `rootNames` and returns the diagnostics that concern the SDK or the consumer files,
 * formatted; diagnostics inside other packages' own declarations (ky, zod) are not ours to fix.
 */
export function typeCheck(rootNames: string[], options: ts.CompilerOptions, projectDir: string): string[] {
  const program = ts.createProgram(rootNames, options);
  const ours = (file: string | undefined) =>
    file === undefined || !file.includes('/node_modules/') || file.includes('/node_modules/@kler/sdk/');
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => projectDir,
    getNewLine: () => '\n',
  };
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => ours(diagnostic.file?.fileName))
    .map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trim());
}
