import type { SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';

export declare const ROOT: string;
export declare function readManifest(): Record<string, any>;
export declare function publicSpecifiers(manifest?: Record<string, any>): string[];
export declare function assertBuilt(manifest?: Record<string, any>): void;
export declare function run(
  command: string,
  args: string[],
  options?: SpawnSyncOptions & { allowFailure?: boolean },
): SpawnSyncReturns<string>;
export declare function makeTempDir(prefix: string): string;
export declare function packTarball(destination: string): { tarball: string; files: string[]; size: number };
export declare function installConsumer(
  directory: string,
  tarball: string,
  options?: { manifest?: Record<string, unknown> },
): { mode: 'offline' | 'prefer-offline' };
export declare function installInto(directory: string, packages: string[]): { mode: 'offline' | 'prefer-offline' };
export declare function repoVersionOf(name: string): string;
