// Who may use the admin console (SPEC §11): an enabled person with the `admin` role of the default tenant.
import type { User } from '../ports/users.ts';
import { DEFAULT_TENANT } from '../clients/clients.ts';
import { ADMIN_ROLE } from './grant-admin.ts';

export const isConsoleAdmin = (user: User): boolean => user.enabled && user.tenant === DEFAULT_TENANT && user.roles.includes(ADMIN_ROLE);
