import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach } from 'vitest';

/** One delivery as the receiver got it. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 answering the scripted statuses in order (the last repeats),
 * recording every delivery. Closed after the test.
 */
export async function startReceiver(...statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receivers.push(server);
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/kler/webhooks`, received };
}

const receivers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(
    receivers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});
