/**
 * Where `kler export` writes: standard output, or a file written under a temporary name and
 * renamed once complete (so a half-written workbook never sits under the name asked for).
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { OutputTarget } from './io.js';

/** Opens standard output (no `path`) or `path` for writing a document. */
export async function openOutput(path: string | undefined): Promise<OutputTarget> {
  if (path === undefined) {
    // Standard output is never ended (the process may still print), so it is wrapped.
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        process.stdout.write(chunk, (error) => callback(error ?? null));
      },
    });
    return {
      stream,
      name: 'standard output',
      commit: () => end(stream),
      discard: async () => void stream.destroy(),
    };
  }
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`Cannot write ${partial}: ${error.message}.`)));
  });
  return {
    stream,
    name: path,
    async commit() {
      await end(stream);
      await rename(partial, path);
    },
    async discard() {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
}

async function end(stream: Writable): Promise<void> {
  if (!stream.writableEnded) stream.end();
  await finished(stream);
}
