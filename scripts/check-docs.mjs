#!/usr/bin/env node
/**
 * The documentation gate run before TypeDoc renders (`npm run docs`). TypeDoc's own
 * `notDocumented` validation reports a schema field once per type that inlines it (hundreds of
 * lines for a dozen comments); this lists each missing comment once, at its source line, and
 * adds the checks TypeDoc has no option for:
 *
 * - every public symbol has a description: a sentence, not only tags (TypeDoc's `notDocumented`
 *   accepts a comment that is just `@default …`);
 * - every optional property of an `…Options` or `…Params` interface has `@default`;
 * - every public method of a class in `src/resources/` has `@throws`, and one of an API resource
 *   that sends a request names the four failures every request can end in (TRANSPORT_FAILURES);
 * - every `@throws {Name}` names an error class an entry point exports (no stale or misspelt
 *   names);
 * - every function and class an entry point exports has `@example` (error classes excepted).
 *
 * Exit 1 with the list when anything is missing. `--json` prints the findings as JSON.
 */
import { relative } from 'node:path';
import { Application, ReflectionKind, TSConfigReader, TypeDocReader } from 'typedoc';

/** The declaring file, relative to the repo (`src/…`). */
const fileOf = (reflection) => {
  const source = reflection.sources?.[0] ?? reflection.parent?.sources?.[0];
  return source ? relative(process.cwd(), source.fullFileName) : '';
};

const app = await Application.bootstrapWithPlugins(
  // TypeDoc's own validation runs too (broken links, referenced-but-unexported types), except
  // `notDocumented`, which this script replaces with a deduplicated list.
  { validation: { notDocumented: false }, treatWarningsAsErrors: false },
  [new TypeDocReader(), new TSConfigReader()],
);
const project = await app.convert();
if (!project) {
  console.error('TypeDoc could not convert the project (see the errors above).');
  process.exit(1);
}
app.validate(project);
const typedocWarnings = app.logger.warningCount + app.logger.errorCount;

const requiredKinds = app.options
  .getValue('requiredToBeDocumented')
  .reduce((kinds, name) => kinds | ReflectionKind[name], 0);

/** @type {Map<string, { rule: string, where: string, symbol: string }>} */
const findings = new Map();
function report(rule, reflection, detail = '') {
  const id = project.getSymbolIdFromReflection(reflection);
  const source = reflection.sources?.[0] ?? reflection.parent?.sources?.[0];
  const where = source ? `${fileOf(reflection)}:${source.line}` : (id?.packagePath ?? '?');
  const symbol = id?.qualifiedName ?? reflection.getFriendlyFullName();
  findings.set(`${rule} ${where} ${symbol}`, { rule, where, symbol: symbol + detail });
}

/** A reflection's comment, or that of its first documented signature (functions, accessors). */
const commentOf = (reflection) =>
  reflection.comment ??
  [
    ...(reflection.signatures ?? []),
    ...(reflection.type?.declaration?.signatures ?? []),
    reflection.getSignature,
    reflection.setSignature,
  ].find((signature) => signature?.comment)?.comment;
const hasTag = (reflection, tag) => Boolean(commentOf(reflection)?.blockTags.some((block) => block.tag === tag));
const isDocumented = (reflection) => Boolean(commentOf(reflection)?.summary.some((part) => part.text.trim() !== ''));
/** The class names in a reflection's `@throws {Name}` tags. */
const thrownNames = (reflection) =>
  (commentOf(reflection)?.blockTags ?? [])
    .filter((block) => block.tag === '@throws')
    .map((block) => /^\{\s*([\w$.]+)\s*\}$/.exec(block.typeAnnotation ?? '')?.[1] ?? '(no {Class})');
const inParameter = (reflection) => {
  for (let r = reflection.parent; r; r = r.parent) if (r.kindOf(ReflectionKind.Parameter)) return true;
  return false;
};
const ours = (reflection) => fileOf(reflection).startsWith('src/');

// 1. A description on every public symbol (deduplicated by declaration).
for (const reflection of project.getReflectionsByKind(requiredKinds)) {
  if (inParameter(reflection) || !ours(reflection)) continue;
  if (reflection.kindOf(ReflectionKind.TypeLiteral)) continue;
  // An overload set or accessor is documented when any of its signatures is.
  if (!isDocumented(reflection)) report('no description', reflection);
}

// 2. `@default` on optional options.
for (const iface of project.getReflectionsByKind(ReflectionKind.Interface)) {
  if (!/(Options|Params)$/.test(iface.name) || !ours(iface)) continue;
  for (const property of iface.children ?? []) {
    if (!property.flags.isOptional || !ours(property)) continue;
    if (!hasTag(property, '@default') && !hasTag(property, '@defaultValue')) report('no @default', property);
  }
}

// 3. `@throws` on resource methods, complete for those that send requests.
/** What any request can end in, whatever the endpoint (src/core/http.ts). */
const TRANSPORT_FAILURES = ['KlerAPIError', 'KlerConnectionError', 'KlerResponseValidationError', 'KlerConfigurationError'];
/** An API resource (`extends Resource`, holding the transport), not a helper class beside one. */
const sendsRequests = (cls) => (cls.extendedTypes ?? []).some((type) => type.type === 'reference' && type.name === 'Resource');
/** Methods of API resources that send no request, with why. */
const SENDS_NO_REQUEST = new Set([
  'Webhooks.verify', // checks the signature locally
]);
for (const cls of project.getReflectionsByKind(ReflectionKind.Class)) {
  if (!fileOf(cls).startsWith('src/resources/')) continue;
  for (const method of cls.children ?? []) {
    if (!method.kindOf(ReflectionKind.Method) || method.flags.isPrivate || method.flags.isProtected) continue;
    if (method.name.startsWith('[') || !ours(method)) continue;
    if (!hasTag(method, '@throws')) report('no @throws', method);
    else if (sendsRequests(cls) && !SENDS_NO_REQUEST.has(`${cls.name}.${method.name}`)) {
      const missing = TRANSPORT_FAILURES.filter((name) => !thrownNames(method).includes(name));
      if (missing.length > 0) report('@throws misses a failure every request can end in', method, `: ${missing.join(', ')}`);
    }
  }
}

// 3b. `@throws {Name}` names an exported error class.
const exportedErrors = new Set(
  (project.children ?? []).flatMap((module) =>
    (module.children ?? []).filter((child) => child.kindOf(ReflectionKind.Class) && /Error$/.test(child.name)).map((child) => child.name),
  ),
);
for (const reflection of project.getReflectionsByKind(ReflectionKind.Method | ReflectionKind.Function | ReflectionKind.Constructor)) {
  if (!ours(reflection)) continue;
  for (const name of thrownNames(reflection)) {
    if (!exportedErrors.has(name)) report('@throws names no exported error class', reflection, `: ${name}`);
  }
}

// 4. `@example` on what entry points export (functions and classes; errors excepted).
for (const module of project.children ?? []) {
  for (const child of module.children ?? []) {
    if (!child.kindOf(ReflectionKind.Function | ReflectionKind.Class) || !ours(child)) continue;
    if (child.kindOf(ReflectionKind.Class) && /Error$/.test(child.name)) continue;
    if (!hasTag(child, '@example')) report('no @example', child, ` (exported by ${module.name})`);
  }
}

const list = [...findings.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.where.localeCompare(b.where, 'en', { numeric: true }));
if (process.argv.includes('--json')) console.log(JSON.stringify(list, null, 2));
else if (list.length > 0) {
  const byRule = Map.groupBy(list, (finding) => finding.rule);
  for (const [rule, items] of byRule) {
    console.log(`\n${rule} (${items.length}):`);
    for (const item of items) console.log(`  ${item.where.padEnd(44)} ${item.symbol}`);
  }
  console.log(`\n✖ ${list.length} documentation gaps: add the JSDoc above, then run \`npm run docs\` again.`);
} else console.log('✔ every public symbol is documented (@default, @throws and @example where required)');
if (typedocWarnings > 0) console.error(`✖ TypeDoc reported ${typedocWarnings} warning(s) or error(s), printed above.`);
process.exitCode = list.length > 0 || typedocWarnings > 0 ? 1 : 0;
