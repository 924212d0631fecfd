/** Prints what the harness says when asked for an engine: its path, or the error. argv: redis|postgres. */
import { postgresBinDir, redisServerBinary } from '../ensure.js';

try {
  process.stdout.write(`${JSON.stringify({ path: process.argv[2] === 'postgres' ? postgresBinDir() : redisServerBinary() })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
}
