/** Reads typed values out of parsed options and arguments, with usage errors a person can act on. */
import { CliUsageError } from './errors.js';
import type { RunContext } from './command.js';

/** A string option, or `undefined` when not given. */
export function stringOption(ctx: RunContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A required string option. */
export function requiredOption(ctx: RunContext, name: string): string {
  const value = stringOption(ctx, name);
  if (value === undefined || value.trim() === '') throw new CliUsageError(`--${name} is required.`);
  return value;
}

/** A whole-number option within bounds, or `undefined` when not given. */
export function intOption(ctx: RunContext, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = stringOption(ctx, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
    throw new CliUsageError(`--${name} must be a whole number ${range}, got ${JSON.stringify(raw)}.`);
  }
  return value;
}

/** The positional argument at `index`, named `name` in the error when missing. */
export function requiredArg(ctx: RunContext, index: number, name: string): string {
  const value = ctx.args[index];
  if (value === undefined || value.trim() === '') throw new CliUsageError(`Missing <${name}>.`);
  return value;
}
