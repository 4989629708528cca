// Admin: a tenant's upstream identity providers (SPEC §10): register or replace, list, remove. Secrets go in, never out.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { providerSchema, providerName } from '../../core/federation/provider-request.ts';
import { saveProvider } from '../../core/federation/save-provider.ts';
import { removeProvider } from '../../core/federation/remove-provider.ts';
import { listProviders } from '../../core/federation/list-providers.ts';
import { providerJson } from '../../core/federation/provider-json.ts';
import { DEFAULT_TENANT } from '../../core/clients/clients.ts';
import { fields, parseInput } from '../../core/shared/input.ts';
import { jsonBody, queryOf } from '../validate.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

export function adminProviderRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/providers', adminAuth(deps));
  app.use('/v1/admin/providers/*', adminAuth(deps));

  app.post('/v1/admin/providers', async (c) => {
    const { provider, outcome } = await saveProvider(deps, await jsonBody(c, providerSchema));
    return c.json({ ...providerJson(provider, deps.config.issuer), outcome }, outcome === 'created' ? 201 : 200);
  });

  app.get('/v1/admin/providers', async (c) => {
    const { tenant } = queryOf(c, z.object({ tenant: fields.tenant.optional() }));
    return c.json({ providers: await listProviders(deps, tenant) });
  });

  app.delete('/v1/admin/providers/:name', async (c) => {
    const { name } = parseInput(z.object({ name: providerName }), c.req.param());
    const { tenant } = queryOf(c, z.object({ tenant: fields.tenant.optional() }));
    await removeProvider(deps, tenant ?? DEFAULT_TENANT, name);
    return c.body(null, 204);
  });
  return app;
}
