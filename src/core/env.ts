/**
 * Reads an environment variable without assuming `process` exists: edge runtimes have none,
 * and Deno throws on `process.env` reads without `--allow-env`. Empty strings count as unset.
 */
export function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
      name
    ];
    return value === undefined || value.trim() === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
