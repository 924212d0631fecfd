#!/usr/bin/env node
/**
 * Entry point of the `kler` command (`bin` in package.json). Node only.
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
