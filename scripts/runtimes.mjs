#!/usr/bin/env node
/**
 * `npm run test:runtimes`: the packed SDK on every runtime it supports, each from its npm
 * package so it works on any machine that reaches the npm registry:
 *
 *   Node 22 (`node@22`), Node 24 (the project's own `node`), Node 26 (`node@26`), Bun (`bun@1`),
 *   Deno (`deno@2`), and an edge runtime (Vercel's `@edge-runtime/vm`: Web APIs only, no
 *   `process`, no `require`, no Node built-ins).
 *
 * Each runtime runs `scripts/runtimes/smoke-checks.mjs` from a temp project that installed the
 * tarball: the client against the mock server (`createKlerMock().listen()` from the packed
 * `@kler/sdk/testing`, started here) and webhook sign → verify; the CommonJS `require()` of every
 * subpath where the runtime has `require`. Runtimes are cached in `.tmp/runtimes/`
 * (`--refresh` reinstalls the newest of each major). Needs a build (`npm run build`).
 *
 * Flags: `--only=node22,deno` runs a subset; `--refresh` reinstalls the runtimes.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installConsumer, installInto, makeTempDir, packTarball, publicSpecifiers, repoVersionOf, ROOT, run } from './lib/tarball.mjs';

const CACHE = join(ROOT, '.tmp/runtimes');
const HERE = join(ROOT, 'scripts/runtimes');
const REFRESH = process.argv.includes('--refresh');
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');

/**
 * @typedef {{ id: string, label: string, install?: string, allow?: string, binary: (dir: string) => string | undefined,
 *   command: (binary: string, script: string, args: string[]) => string[] }} Runtime
 */
const nodeCommand = (binary, script, args) => [binary, script, ...args];
/** @type {Runtime[]} */
const RUNTIMES = [
  { id: 'node22', label: 'Node 22', install: 'node@22', allow: 'node', binary: (dir) => join(dir, 'node_modules/node/bin/node'), command: nodeCommand },
  // The project's own devDependency (what `npm run` scripts use), whichever node runs this file.
  { id: 'node24', label: 'Node 24', binary: () => join(ROOT, 'node_modules/node/bin/node'), command: nodeCommand },
  { id: 'node26', label: 'Node 26', install: 'node@26', allow: 'node', binary: (dir) => join(dir, 'node_modules/node/bin/node'), command: nodeCommand },
  { id: 'bun', label: 'Bun', install: 'bun@1', allow: 'bun', binary: (dir) => join(dir, 'node_modules/bun/bin/bun.exe'), command: nodeCommand },
  {
    id: 'deno',
    label: 'Deno',
    install: 'deno@2',
    allow: 'deno',
    // The platform package's binary, not the `deno` package's Node launcher (one process less).
    binary: (dir) => {
      const scope = join(dir, 'node_modules/@deno');
      const platform = existsSync(scope) ? readdirSync(scope).find((name) => existsSync(join(scope, name, 'deno'))) : undefined;
      return platform && join(scope, platform, 'deno');
    },
    command: (binary, script, args) => [
      binary,
      'run',
      '--allow-net=127.0.0.1',
      '--allow-read',
      '--allow-env',
      '--no-prompt',
      '--no-lock',
      '--node-modules-dir=manual',
      script,
      ...args,
    ],
  },
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Installs (or reuses) one runtime in `.tmp/runtimes/<id>` and returns its binary and version. */
function provision(runtime) {
  const started = performance.now();
  const dir = join(CACHE, runtime.id);
  const versionOf = (binary) => {
    const result = run(binary, ['--version'], { allowFailure: true, env: { ...process.env, NO_COLOR: '1' } });
    return result.status === 0 ? result.stdout.trim().split('\n')[0] : undefined;
  };
  let binary = runtime.binary(dir);
  let version = binary && existsSync(binary) && !(REFRESH && runtime.install) ? versionOf(binary) : undefined;
  let how = 'cached';
  if (!version && runtime.install) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // The runtimes' install scripts put the binary in place: allow them, for this project only.
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: `kler-runtime-${runtime.id}`, private: true, allowScripts: { [runtime.allow]: true } }, null, 2)}\n`,
    );
    installInto(dir, [runtime.install]);
    binary = runtime.binary(dir);
    version = binary && existsSync(binary) ? versionOf(binary) : undefined;
    how = 'installed';
  }
  if (!version) {
    throw new Error(`${runtime.label}: no working binary ${runtime.install ? `after installing ${runtime.install}` : `at ${binary} (run npm install)`}`);
  }
  return { binary, version: version.replace(/^(v|deno |bun )/i, '').replace(/ \(.*$/, ''), how, ms: performance.now() - started };
}

/**
 * Runs a command without blocking this process: the mock server the command talks to lives in
 * this process's event loop (a `spawnSync` here would starve it).
 */
function runAsync(command, args, { timeout, ...options }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, signal: error.message, stdout, stderr });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

function parseJsonLine(stdout) {
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no result line in output:\n${stdout}`);
  return JSON.parse(line);
}

/** Runs the smoke checks (and `require()`) with one runtime; returns rows of results. */
async function exercise(runtime, binary, app, server, sessionId) {
  const env = {
    ...process.env,
    NO_COLOR: '1',
    DENO_DIR: join(CACHE, 'deno-dir'),
    DENO_NO_UPDATE_CHECK: '1',
    // The SDK must not depend on the runner's environment.
    KLER_API_KEY: '',
    KLER_BASE_URL: '',
  };
  const started = performance.now();
  const call = async (script, args) => {
    const [command, ...rest] = runtime.command(binary, script, args);
    const result = await runAsync(command, rest, { cwd: app, env, timeout: 60_000 });
    if (result.status !== 0) {
      return [{ name: script, ok: false, detail: `exit ${result.status ?? result.signal}: ${(result.stderr || result.stdout).trim().split('\n').slice(0, 6).join(' | ')}` }];
    }
    return parseJsonLine(result.stdout).results;
  };
  const smoke = await call('smoke.mjs', [server.url, sessionId]);
  const required = await call('require.cjs', [JSON.stringify(publicSpecifiers())]);
  return { smoke, required, ms: performance.now() - started };
}

/** The same checks inside Vercel's edge runtime VM, from a bundle of the installed package. */
async function exerciseEdge(app, server, sessionId) {
  const started = performance.now();
  const { EdgeVM } = await import('@edge-runtime/vm');
  const bundle = await build({
    entryPoints: [join(app, 'smoke-checks.mjs')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'KlerSmoke',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['edge-light', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
  const vm = new EdgeVM();
  vm.evaluate(bundle.outputFiles[0].text);
  const globals = vm.evaluate('[typeof process, typeof require, typeof Buffer].join()');
  const outcome = JSON.parse(
    await vm.evaluate(`KlerSmoke.smoke(${JSON.stringify(server.url)}, ${JSON.stringify(sessionId)}).then(JSON.stringify)`),
  );
  const isolated = { name: 'no process, require or Buffer in the VM', ok: globals === 'undefined,undefined,undefined', detail: globals };
  return { smoke: [isolated, ...outcome.results], required: null, ms: performance.now() - started };
}

async function main() {
  const totalStarted = performance.now();
  const work = makeTempDir('kler-runtimes');
  const app = join(work, 'app');
  try {
    const { tarball } = packTarball(join(work, 'pack'));
    installConsumer(app, tarball);
    // The mock's MSW door needs msw; `@kler/sdk/testing` imports it.
    installInto(app, [`msw@${repoVersionOf('msw')}`]);
    for (const file of ['smoke.mjs', 'smoke-checks.mjs', 'require.cjs']) copyFileSync(join(HERE, file), join(app, file));

    // The mock server and a session with three payments, through the packed package itself.
    const appRequire = createRequire(join(app, 'package.json'));
    const { createKlerMock } = await import(pathToFileURL(appRequire.resolve('@kler/sdk/testing')).href);
    const { KlerClient } = await import(pathToFileURL(appRequire.resolve('@kler/sdk')).href);
    const mock = createKlerMock({ apiKey: 'sk_smoke' });
    const server = await mock.listen();
    const setup = new KlerClient({ apiKey: 'sk_smoke', baseUrl: server.url });
    const session = await setup.sessions.create({ external_event_id: 'evt_matrix', name: 'Matrix night', collection: { account: true, pos: false } });
    for (let i = 0; i < 3; i++) await mock.simulatePayment(session.session_id, { amount: '5000.00', channel: 'bank_transfer' });
    const prepared = performance.now() - totalStarted;

    const rows = [];
    for (const runtime of RUNTIMES.filter((r) => !ONLY || ONLY.includes(r.id))) {
      let row = { runtime: runtime.label, version: '', install: '', smoke: [], required: [], ms: 0 };
      try {
        const { binary, version, how, ms } = provision(runtime);
        row = { ...row, version, install: runtime.install ? `${how} ${seconds(ms)}` : 'project' };
        Object.assign(row, await exercise(runtime, binary, app, server, session.session_id));
      } catch (error) {
        row.smoke = [{ name: 'setup', ok: false, detail: error.message }];
      }
      rows.push(row);
      console.log(`${row.runtime}: ${row.smoke.every((r) => r.ok) && row.required.every((r) => r.ok) ? 'pass' : 'FAIL'}`);
    }
    if (!ONLY || ONLY.includes('edge')) {
      let row = { runtime: 'Edge (EdgeVM)', version: `@edge-runtime/vm ${repoVersionOf('@edge-runtime/vm')}`, install: 'devDependency', smoke: [], required: null, ms: 0 };
      try {
        Object.assign(row, await exerciseEdge(app, server, session.session_id));
      } catch (error) {
        row.smoke = [{ name: 'setup', ok: false, detail: error.message }];
      }
      rows.push(row);
      console.log(`${row.runtime}: ${row.smoke.every((r) => r.ok) ? 'pass' : 'FAIL'}`);
    }
    await server.close();

    const verdict = (results) =>
      results === null
        ? 'n/a'
        : results.length === 0
          ? '-'
          : results.every((r) => r.ok)
            ? `pass (${results.length})`
            : `FAIL (${results.filter((r) => !r.ok).length}/${results.length})`;
    const client = (row) => verdict(row.smoke.filter((r) => !r.name.startsWith('webhooks')));
    const webhooks = (row) => verdict(row.smoke.filter((r) => r.name.startsWith('webhooks')));
    const table = rows.map((row) => ({
      runtime: row.runtime,
      version: row.version,
      'client vs mock': client(row),
      'webhooks sign→verify': webhooks(row),
      'require()': verdict(row.required),
      'run time': seconds(row.ms),
      'runtime install': row.install,
    }));
    const columns = Object.keys(table[0]);
    const widths = columns.map((c) => Math.max(c.length, ...table.map((r) => String(r[c]).length)));
    const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
    console.log(`\n${line(columns)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of table) console.log(line(columns.map((c) => r[c])));

    const failures = rows.flatMap((row) => [...row.smoke, ...(row.required ?? [])].filter((r) => !r.ok).map((r) => `${row.runtime}: ${r.name}: ${r.detail}`));
    if (failures.length > 0) console.log(`\nFailures:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    console.log(`\nTotal ${seconds(performance.now() - totalStarted)} (pack + install + mock ${seconds(prepared)}).`);
    process.exitCode = failures.length > 0 ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
