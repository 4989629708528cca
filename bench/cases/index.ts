// Every benchmark `npm run bench` runs, in order.
import type { BenchCase } from '../harness.ts';
import { foundation } from './foundation.ts';
import { emailOtpBench } from './email-otp.ts';
import { cognitoApiBench } from './cognito-api.ts';
import { importBench } from './import.ts';
import { invitations } from './invitations.ts';
import { sesEvents } from './ses-events.ts';
import { adminConsoleBench } from './admin-console.ts';
import { oidcClients } from './oidc-clients.ts';
import { postgresBench } from './postgres.ts';

export const cases: BenchCase[] = [
  foundation,
  emailOtpBench,
  cognitoApiBench,
  importBench,
  invitations,
  sesEvents,
  adminConsoleBench,
  oidcClients,
  postgresBench,
];
