// The migration report's parameters, as GET /v1/admin/report and `cutover report` both take them.
import { z } from 'zod';
import { fields } from '../shared/input.ts';
import { DEFAULT_TENANT } from '../clients/clients.ts';

export const reportQuery = z.object({
  tenant: fields.tenant.default(DEFAULT_TENANT),
  targetShare: z.coerce.number().gt(0, 'must be between 0 and 1 (exclusive)').lt(1, 'must be between 0 and 1 (exclusive)').default(0.9),
});
