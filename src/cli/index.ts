#!/usr/bin/env node
/**
 * Entry point of the `kler` command (`bin` in package.json). Node only.
 * @example
 * ```sh
 * npx kler demo                                   # the whole flow against an in-process mock
 * npx kler mock --seed                            # a local Kler on loopback
 * npx kler transactions list <session> --all --format csv > payments.csv
 * npx kler reconcile <session> --audit --credited tickets.csv   # exit 3 on differences
 * ```
 * @packageDocumentation
 */
import { processIo } from './io.js';
import { main } from './main.js';

// No top-level await: the build stays loadable by require() (decision 1).
void processIo()
  .then((io) => main(process.argv.slice(2), io))
  .then((code) => {
    process.exitCode = code;
  });
