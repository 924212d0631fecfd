/**
 * What a user gets from `npm install @kler/sdk`: the packed tarball installed into a fresh
 * project outside the repo, imported, required, type-checked and run as a user would.
 *
 * Needs a build (`npm run build`). Run: `npm run test:package`. When a subpath's exported names
 * change on purpose, update the reviewed snapshot with `npm run test:package -- -u`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installConsumer,
  installInto,
  makeTempDir,
  packTarball,
  publicSpecifiers,
  readManifest,
  repoVersionOf,
  ROOT,
  run,
} from '../../scripts/lib/tarball.mjs';
import { CJS_CONSUMER, ESM_CONSUMER, namespaceImports } from './consumer-source.js';
import { consumerOptions, declaredExports, typeCheck } from './declarations.js';
import { OWN_ZOD_CONSUMER } from './own-zod-source.js';

const manifest = readManifest();
const specifiers = publicSpecifiers(manifest);
const mswVersion = repoVersionOf('msw');

let workDir: string;
let app: string;
let files: string[];
let tarball: string;

/** Runs a script with this Node in the consumer project and returns its JSON output. */
function runInApp<T>(fileName: string, source: string, list: readonly string[] = specifiers): T {
  writeFileSync(join(app, fileName), source);
  const { stdout } = run(process.execPath, [fileName, JSON.stringify(list)], { cwd: app });
  return JSON.parse(stdout) as T;
}

// Loads every specifier and reports each one's keys, and the names several subpaths share that
// are NOT the same object (an error class duplicated across chunks breaks `instanceof`).
const probeBody = `
const modules = {};
for (const specifier of specifiers) modules[specifier] = await load(specifier);
const keys = Object.fromEntries(specifiers.map((s) => [s, Object.keys(modules[s]).sort()]));
const seen = new Map();
const duplicated = new Set();
for (const s of specifiers) for (const name of keys[s]) {
  if (seen.has(name) && seen.get(name) !== modules[s][name]) duplicated.add(name);
  seen.set(name, modules[s][name]);
}
console.log(JSON.stringify({ keys, duplicated: [...duplicated], requireModule: process.features.require_module ?? null }));
`;
const ESM_PROBE = `const specifiers = JSON.parse(process.argv[2]);\nconst load = (s) => import(s);\n${probeBody}`;
const CJS_PROBE = `(async () => {\nconst specifiers = JSON.parse(process.argv[2]);\nconst load = (s) => require(s);\n${probeBody}})();`;

type Probe = { keys: Record<string, string[]>; duplicated: string[]; requireModule: boolean | null };

beforeAll(() => {
  workDir = makeTempDir('kler-package-test');
  app = join(workDir, 'app');
  const packed = packTarball(join(workDir, 'pack'));
  files = packed.files;
  tarball = packed.tarball;
  installConsumer(app, tarball);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build, README and LICENSE, and no sources, tests or tooling', () => {
    const unexpected = files.filter(
      (file) => !/^dist\/[^/]+\.(js|js\.map|d\.ts)$/.test(file) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file),
    );
    expect(unexpected).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
  });

  it('installs with only its declared dependencies (msw stays an optional peer)', () => {
    const { stdout } = run('npm', ['ls', '--all', '--parseable', '--omit=dev'], { cwd: app });
    const installed = stdout
      .split('\n')
      .filter((line) => line.includes('/node_modules/'))
      .map((line) => line.slice(line.lastIndexOf('/node_modules/') + '/node_modules/'.length));
    expect(installed.sort()).toEqual([manifest.name, ...Object.keys(manifest.dependencies ?? {})].sort());
  });
});

describe('without the optional peer msw installed', () => {
  // Only the testing kit may need msw (its docs say so); the client, webhooks, schemas and the
  // `kler` command must work without it.
  const needsNoPeer = specifiers.filter((specifier) => !specifier.endsWith('/testing'));

  it('imports the client, webhooks and schemas subpaths', () => {
    const probe = runInApp<Probe>('probe.mjs', ESM_PROBE, needsNoPeer);
    expect(Object.keys(probe.keys)).toEqual(needsNoPeer);
  });

  it('runs `kler --help` from the installed bin', () => {
    const result = run(join(app, 'node_modules/.bin/kler'), ['--help'], { cwd: app, allowFailure: true });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/kler/i);
    expect(result.stdout).toMatch(/usage/i);
  });
});

describe('a Node project using the installed package (with msw, as testing-kit users have)', () => {
  beforeAll(() => {
    installInto(app, [`msw@${mswVersion}`]);
  });

  it('imports every subpath, and shared names are one object across subpaths', () => {
    const probe = runInApp<Probe>('probe.mjs', ESM_PROBE);
    expect(Object.keys(probe.keys)).toEqual(specifiers);
    for (const specifier of specifiers) expect(probe.keys[specifier], specifier).not.toEqual([]);
    expect(probe.duplicated).toEqual([]);
  });

  it('require()s every subpath and gets the same names as import (Node >= 22.12)', () => {
    const esm = runInApp<Probe>('probe.mjs', ESM_PROBE);
    const cjs = runInApp<Probe>('probe.cjs', CJS_PROBE);
    expect(cjs.requireModule).toBe(true);
    expect(cjs.keys).toEqual(esm.keys);
    expect(cjs.duplicated).toEqual([]);
  });

  it('reads its version from @kler/sdk/package.json', () => {
    const result = runInApp<{ version: string }>(
      'version.mjs',
      `import pkg from '${manifest.name}/package.json' with { type: 'json' };\nconsole.log(JSON.stringify({ version: pkg.version }));`,
    );
    expect(result.version).toBe(manifest.version);
  });

  describe('the exported names', () => {
    it('match the reviewed snapshot (update with `npm run test:package -- -u`)', async () => {
      const declared = declaredExports(app, specifiers);
      await expect(`${JSON.stringify(declared, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/exports.json');
    });

    it('declare exactly the values that exist at runtime', () => {
      const declared = declaredExports(app, specifiers);
      const { keys } = runInApp<Probe>('probe.mjs', ESM_PROBE);
      // Received: what the JavaScript exports. Expected: the values its .d.ts declares (a name only
      // in the .d.ts type-checks in users' code and then fails at run time).
      for (const specifier of specifiers) {
        expect(keys[specifier], `${specifier}: runtime exports vs .d.ts values`).toEqual(declared[specifier]!.values);
      }
    });
  });

  describe('a TypeScript consumer', () => {
    const typeRoots = [join(ROOT, 'node_modules/@types')];

    function writeConsumers(): { esm: string; cjs: string; namespaces: string } {
      const paths = { esm: join(app, 'consumer.ts'), cjs: join(app, 'consumer.cts'), namespaces: join(app, 'namespaces.ts') };
      writeFileSync(paths.esm, ESM_CONSUMER);
      writeFileSync(paths.cjs, CJS_CONSUMER);
      writeFileSync(paths.namespaces, namespaceImports(specifiers));
      return paths;
    }

    it('type-checks with moduleResolution "bundler" (Web APIs only, no @types/node)', () => {
      const { esm, namespaces } = writeConsumers();
      expect(typeCheck([esm, namespaces], consumerOptions('bundler', typeRoots), app)).toEqual([]);
    });

    it('type-checks with moduleResolution "nodenext", from ESM and from CommonJS', () => {
      const { esm, cjs, namespaces } = writeConsumers();
      expect(typeCheck([esm, cjs, namespaces], consumerOptions('nodenext', typeRoots), app)).toEqual([]);
    });
  });
});

describe('a project with its own zod 4, composing the schemas', () => {
  type JsonSchema = { type?: string; properties?: Record<string, JsonSchema & { anyOf?: JsonSchema[] }>; required?: string[]; pattern?: string; format?: string };
  type Result = {
    idField: boolean;
    tier: string;
    paidAmount: string;
    paid: unknown;
    pickedKeys: string[];
    ticketAmount: string;
    draft: boolean;
    storedKeptUnknown: unknown;
    bad: { code: string; path: unknown[] }[];
    prettified: string;
    standard: boolean;
    standardBad: number;
    timestampFormat: string;
    jsonSchemas: Record<string, JsonSchema>;
  };
  let result: Result;
  let file: string;

  beforeAll(() => {
    // The user's own zod, at the version the SDK was tested with: npm dedupes the SDK's onto it.
    installInto(app, [`zod@${repoVersionOf('zod')}`]);
    file = join(app, 'own-zod.ts');
    writeFileSync(file, OWN_ZOD_CONSUMER);
    result = JSON.parse(run(process.execPath, ['own-zod.ts'], { cwd: app }).stdout) as Result;
  });

  it('shares one zod with the SDK: .shape, z.extend, z.pick, z.partial and a classic z.object work', () => {
    expect(result.idField).toBe(false); // the shape's id field refuses an empty id
    expect(result.tier).toBe('VIP');
    expect(result.pickedKeys).toEqual(['id', 'amount']);
    expect(result.paid).toMatchObject({ id: 'txn_1', amount: '5000.00' }); // loose: unknown keys pass through
    expect(result.ticketAmount).toBe('5000.00');
    expect(result.draft).toBe(true);
  });

  it('validates a stored copy, keeping unknown keys, and reports zod issues users can format', () => {
    expect(result.storedKeptUnknown).toBe('b7');
    expect(result.bad).toEqual([{ code: 'invalid_type', path: ['amount'] }]);
    expect(result.prettified).toContain('amount');
    expect(result.standard).toBe(true);
    expect(result.standardBad).toBe(1);
  });

  it('converts every exported schema to JSON Schema, objects with properties, required, patterns and formats', () => {
    const names = Object.keys(result.jsonSchemas);
    expect(names.length).toBeGreaterThan(25);
    const transaction = result.jsonSchemas['TransactionSchema']!;
    expect(transaction.type).toBe('object');
    expect(transaction.required).toEqual(expect.arrayContaining(['id', 'amount', 'currency', 'channel', 'status', 'session_id']));
    expect(transaction.properties!['amount']!.pattern).toBe('^-?\\d+(?:\\.\\d{1,2})?$');
    expect(transaction.properties!['created_at']!.format).toBe('date-time');
    expect(result.timestampFormat).toBe('date-time');
    for (const name of ['SessionSchema', 'ReconciliationSchema', 'SettlementSchema', 'OperatorSchema', 'SessionCreateParamsSchema']) {
      expect(result.jsonSchemas[name]!.type, name).toBe('object');
      expect(result.jsonSchemas[name]!.required?.length, name).toBeGreaterThan(0);
    }
  });

  it('type-checks: the schemas are zod objects to TypeScript too', () => {
    expect(typeCheck([file], consumerOptions('nodenext', [join(ROOT, 'node_modules/@types')]), app)).toEqual([]);
  });
});

describe('a project on msw 2 (the peer range allows ^2.7 as well as ^3)', () => {
  // msw 2 names the unhandled-request option `onUnhandledRequest` (msw 3: `onUnhandledFrame`);
  // the kit's handlers use only what both majors share (`http.all`, `HttpResponse`).
  const SOURCE = `
import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { KlerClient } from '${manifest.name}';
import { createKlerMock } from '${manifest.name}/testing';

const mock = createKlerMock();
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: 'error' });
const kler = new KlerClient({ apiKey: 'test_key', baseUrl: mock.baseUrl, maxRetries: 0 });
const session = await kler.sessions.create({ external_event_id: 'evt_1', name: 'Gig', collection: { account: true, pos: false } });
await mock.simulatePayment(session.session_id, { amount: '5000.00', channel: 'bank_transfer' });
await mock.simulatePayment(session.session_id, { amount: '2500.50', channel: 'ussd' });
const page = await kler.transactions.list({ session_id: session.session_id });
const summary = await kler.reconciliation.retrieve(session.session_id);
server.close();
const msw = JSON.parse(readFileSync('node_modules/msw/package.json', 'utf8')).version;
console.log(JSON.stringify({ msw, amounts: page.data.map((t) => t.amount), inflow: summary.total_inflow }));
`;
  let app2: string;

  beforeAll(() => {
    app2 = join(workDir, 'app-msw2');
    installConsumer(app2, tarball);
    installInto(app2, ['msw@^2.7.0']);
  });

  it("serves a KlerClient from mock.handlers under msw 2's setupServer", () => {
    writeFileSync(join(app2, 'msw2.ts'), SOURCE);
    const { stdout } = run(process.execPath, ['msw2.ts'], { cwd: app2 });
    const result = JSON.parse(stdout) as { msw: string; amounts: string[]; inflow: string };
    expect(result.msw).toMatch(/^2\./);
    expect(result.amounts).toEqual(['2500.50', '5000.00']);
    expect(result.inflow).toBe('7500.50');
  });

  it("type-checks against msw 2's types", () => {
    const file = join(app2, 'msw2.ts');
    writeFileSync(file, SOURCE);
    expect(typeCheck([file], consumerOptions('nodenext', [join(ROOT, 'node_modules/@types')]), app2)).toEqual([]);
  });
});
