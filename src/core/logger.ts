import { readEnv } from './env.js';
import { KlerConfigurationError } from './errors.js';
import { scrubText } from './scrub.js';

/** How much the SDK logs, from nothing (`'off'`) to one line per HTTP attempt (`'debug'`). */
export type KlerLogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/**
 * Where the SDK's log lines go: `console`, or any logger with these four methods (pino,
 * winston, consola, a test double). Each call gets one line of text, already free of the API key
 * and webhook secrets.
 */
export interface KlerLogger {
  /** One line per HTTP attempt (`logLevel: 'debug'`). */
  debug(message: string): void;
  /** An attempt that is being retried, with the reason and the wait. */
  info(message: string): void;
  /** A 2xx answer that failed validation. */
  warn(message: string): void;
  /** Reserved for failures the SDK cannot report by throwing. */
  error(message: string): void;
}

const LEVELS: readonly KlerLogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/**
 * The client's log sink: a logger and a threshold, scrubbing every line of the secrets it was
 * given (a server can echo the key anywhere: a request id header, an error text).
 */
export class Log {
  readonly #logger: KlerLogger;
  readonly #level: number;
  readonly #secrets: readonly string[];

  constructor(logger: KlerLogger, level: KlerLogLevel, secrets: readonly (string | undefined)[]) {
    this.#logger = logger;
    this.#level = LEVELS.indexOf(level);
    this.#secrets = secrets.filter((s): s is string => !!s);
  }

  /** Whether a line at `level` would be written (so callers skip building it otherwise). */
  enabled(level: Exclude<KlerLogLevel, 'off'>): boolean {
    return LEVELS.indexOf(level) <= this.#level;
  }

  /** Writes `message` at `level` if the threshold allows, scrubbed of every secret. */
  write(level: Exclude<KlerLogLevel, 'off'>, message: string): void {
    if (!this.enabled(level)) return;
    const line = this.#secrets.reduce((text, secret) => scrubText(text, secret), `[kler] ${message}`);
    this.#logger[level](line);
  }
}

/**
 * The `Log` for a client's `logger` and `logLevel` options (`logLevel` falling back to `KLER_LOG`,
 * then `'warn'`), checked so a typo fails at `new KlerClient()` instead of silently logging
 * nothing.
 */
export function createLog(
  options: { logger?: KlerLogger | undefined; logLevel?: KlerLogLevel | undefined },
  secrets: readonly (string | undefined)[],
): Log {
  const fromEnv = options.logLevel === undefined ? readEnv('KLER_LOG') : undefined;
  const level = options.logLevel ?? fromEnv?.trim().toLowerCase() ?? 'warn';
  if (!LEVELS.includes(level as KlerLogLevel)) {
    const source = fromEnv === undefined ? 'logLevel' : 'The KLER_LOG environment variable';
    throw new KlerConfigurationError(
      `${source} must be one of ${LEVELS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(fromEnv ?? options.logLevel)}.`,
    );
  }
  const logger = options.logger ?? console;
  const missing = LEVELS.slice(1).filter((method) => typeof (logger as unknown as Record<string, unknown>)[method] !== 'function');
  if (missing.length > 0) {
    throw new KlerConfigurationError(`logger must have error, warn, info and debug methods; it has no ${missing.join(', ')}.`);
  }
  return new Log(logger, level as KlerLogLevel, secrets);
}
