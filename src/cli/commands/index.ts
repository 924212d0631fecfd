/** Every `kler` subcommand, in the order `kler --help` lists them. */
import type { Command } from '../command.js';
import { demo } from './demo.js';
import { exportCommand } from './export.js';
import { mock } from './mock.js';
import { operatorsAdd, operatorsList } from './operators.js';
import { reconcile } from './reconcile.js';
import { sessionsClose, sessionsCreate, sessionsGet } from './sessions.js';
import { settlement } from './settlement.js';
import { transactionsList } from './transactions.js';
import { webhooksDeadLetters, webhooksMigration, webhooksReplay } from './webhooks.js';

export const COMMANDS: readonly Command[] = [
  sessionsCreate,
  sessionsGet,
  sessionsClose,
  transactionsList,
  reconcile,
  settlement,
  exportCommand,
  operatorsAdd,
  operatorsList,
  webhooksDeadLetters,
  webhooksReplay,
  webhooksMigration,
  mock,
  demo,
];
