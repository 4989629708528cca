// Every CLI command, in the order `cutover --help` lists them.
import type { Command } from '../command.ts';
import { adminKeysCreate } from './admin-keys-create.ts';
import { clientsCreate } from './clients-create.ts';
import { clientsList } from './clients-list.ts';
import { clientsRotateSecret } from './clients-rotate-secret.ts';
import { keysRotate } from './keys-rotate.ts';
import { importCognito } from './import-cognito.ts';
import { importClientsCommand } from './import-clients.ts';
import { hybridLink } from './hybrid-link.ts';
import { importFile } from './import-file.ts';
import { importConflicts } from './import-conflicts.ts';
import { invite } from './invite.ts';
import { report } from './report.ts';
import { usersDelete, usersDisable, usersEnable, usersList, usersShow, usersSignOut } from './users.ts';
import { adminsGrant } from './admins-grant.ts';
import { migrate } from './migrate.ts';
import { dbCopy } from './db-copy.ts';
import { providersCreate, providersList, providersRemove } from './providers.ts';
import { importProvidersCommand } from './import-providers.ts';

export const commands: Command[] = [
  adminKeysCreate,
  clientsCreate,
  clientsList,
  clientsRotateSecret,
  providersCreate,
  providersList,
  providersRemove,
  keysRotate,
  importCognito,
  importClientsCommand,
  importProvidersCommand,
  hybridLink,
  importFile,
  importConflicts,
  invite,
  report,
  usersList,
  usersShow,
  usersDisable,
  usersEnable,
  usersDelete,
  usersSignOut,
  adminsGrant,
  migrate,
  dbCopy,
];
