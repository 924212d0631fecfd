/** `kler demo`: the offline end-to-end walkthrough. */
import type { Command } from '../command.js';
import { runDemo } from '../demo.js';

export const demo: Command = {
  words: ['demo'],
  summary: 'walk through the SDK end to end, offline: mock Kler, webhooks, reconciliation, audit',
  args: [],
  usesApi: false,
  options: {},
  examples: ['kler demo'],
  run: (ctx) => runDemo(ctx.io),
};
