/**
 * The mock's HTTP door: a real server on loopback (what `kler mock` runs), for clients that
 * cannot use MSW: other processes, other languages, browsers, end-to-end tests.
 * `node:http` is imported lazily, so bundling `@kler/sdk/testing` for an edge runtime works as
 * long as `listen()` is not called there.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Dispatch } from './dispatch.js';
import { KlerMockError } from './errors.js';

/** Options of `mock.listen()`. */
export interface KlerMockListenOptions {
  /** The port; `0` picks a free one. @default 0 */
  port?: number;
  /** The interface to bind. Loopback by default: the mock accepts any API key. @default '127.0.0.1' */
  host?: string;
}

/** A running mock server. */
export interface KlerMockServer {
  /** The base URL to give `KlerClient`, including `/v1`, e.g. `http://127.0.0.1:53121/v1`. */
  readonly url: string;
  /** The port the server listens on (the one picked when `port` was `0`). */
  readonly port: number;
  /** Stops the server, cutting open connections. */
  close(): Promise<void>;
}

/** A handler for requests outside `/v1` (the mock's control routes); `false` when not handled. */
export type SideHandler = (req: IncomingMessage, res: ServerResponse, body: string) => Promise<boolean>;

/** Starts the HTTP door on `host:port`. */
export async function startServer(
  dispatch: Dispatch,
  options: KlerMockListenOptions = {},
  side?: SideHandler,
): Promise<KlerMockServer> {
  const { createServer } = await import('node:http');
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new KlerMockError(`listen() port must be a whole number from 0 to 65535, got ${String(port)}.`);
  }
  const server = createServer((req, res) => {
    handle(dispatch, side, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Kler mock failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await bind(server, port, host);
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}/v1`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function bind(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new KlerMockError(`Port ${port} on ${host} is already in use; pick another or use 0 for a free one.`, { cause: error })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function handle(dispatch: Dispatch, side: SideHandler | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (side && (await side(req, res, body))) return;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const outcome = await dispatch({
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', 'http://127.0.0.1'),
    headers,
    body,
  });
  if (outcome.kind === 'drop') {
    // No status line at all: the client sees a reset connection, as when a load balancer dies.
    req.socket.destroy();
    return;
  }
  res.writeHead(outcome.status, outcome.headers);
  res.end(outcome.body);
}
