// The HMAC secret for short codes: configured, or generated once and shared through the database.
import type { Config } from './config.ts';
import type { SettingsStore } from '../ports/settings.ts';
import { randomToken } from './crypto.ts';

export async function resolveSecret(config: Config, settings: SettingsStore): Promise<string> {
  return config.secret ?? settings.getOrInit('hmac_secret', randomToken(32));
}
