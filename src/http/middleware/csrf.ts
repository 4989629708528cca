// CSRF protection for form POSTs on the hosted pages: the browser's Origin must be the issuer's.
import { csrf } from 'hono/csrf';
import type { Config } from '../../core/shared/config.ts';

export const pageCsrf = (config: Config) => csrf({ origin: new URL(config.issuer).origin });
