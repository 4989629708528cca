// Seeding users and clients for tests, through the real stores.
import type { Deps } from '../../src/core/shared/deps.ts';
import { newUserId } from '../../src/core/shared/crypto.ts';
import type { NewUser, User } from '../../src/core/ports/users.ts';

let n = 0;
export async function seedUser(deps: Deps, overrides: Partial<NewUser> = {}): Promise<User> {
  n += 1;
  const user = await deps.stores.users.insert({
    id: newUserId(),
    tenant: 'default',
    email: `person${n}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    emailVerified: true,
    ...overrides,
  }, deps.clock.now());
  if (!user) throw new Error('seedUser: email already taken');
  return user;
}
