// Every CLI command, in the order `cutover --help` lists them.
import type { Command } from '../command.ts';
import { adminKeysCreate } from './admin-keys-create.ts';
import { clientsCreate } from './clients-create.ts';
import { keysRotate } from './keys-rotate.ts';
import { invite } from './invite.ts';
import { report } from './report.ts';

export const commands: Command[] = [
  adminKeysCreate,
  clientsCreate,
  keysRotate,
  invite,
  report,
];
