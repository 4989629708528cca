// Picks the mailer named by CUTOVER_MAILER.
import type { Config } from '../core/shared/config.ts';
import type { Mailer } from '../core/ports/mailer.ts';
import type { Stores } from '../core/ports/index.ts';
import type { Clock } from '../core/ports/clock.ts';
import { createLogMailer } from './log-mailer.ts';
import { createSesMailer } from './ses-mailer.ts';

export function createMailer(config: Config, stores: Stores, clock?: Clock): Mailer {
  return config.mailer === 'ses' ? createSesMailer(config) : createLogMailer(stores.outbox, clock);
}
