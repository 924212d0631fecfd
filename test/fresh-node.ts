import { spawn } from 'node:child_process';

/** What a fresh Node process printed and how it ended. */
export interface FreshNodeResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs `script` (an ES module; top-level await allowed) in a new Node process: for what only a
 * cold process shows, such as which modules an import loads. Asynchronous, so a loopback server
 * in the test's own process keeps answering meanwhile.
 */
export async function runInFreshNode(script: string): Promise<FreshNodeResult> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stdout, stderr, status };
}

/**
 * `script` run in a fresh Node process behind a module hook that counts, in `globalThis.resolved`,
 * each resolution of package `name` or one of its subpaths, and with `block` refuses them as a
 * missing package would (`Cannot find package '<name>'`).
 */
export function runWithPackageHook(name: string, block: boolean, script: string): Promise<FreshNodeResult> {
  return runInFreshNode(`
    import { registerHooks } from 'node:module';
    globalThis.resolved = 0;
    registerHooks({
      resolve(specifier, context, next) {
        if (specifier === ${JSON.stringify(name)} || specifier.startsWith(${JSON.stringify(`${name}/`)})) {
          globalThis.resolved++;
          if (${JSON.stringify(block)}) throw new Error(${JSON.stringify(`Cannot find package '${name}'`)});
        }
        return next(specifier, context);
      },
    });
    ${script}
  `);
}
