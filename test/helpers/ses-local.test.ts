// The emulator helper itself: mail sent through the real SES v2 SDK arrives in /store.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { startSesLocal, type SesLocal } from './ses-local.ts';

let ses: SesLocal;
beforeAll(async () => (ses = await startSesLocal()));
afterAll(() => ses.stop());

it('receives a SendEmail and shows it in /store', async () => {
  const client = new SESv2Client({ region: 'us-east-1', endpoint: ses.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  await client.send(new SendEmailCommand({
    FromEmailAddress: 'no-reply@example.com',
    Destination: { ToAddresses: ['ada@example.com'] },
    Content: { Simple: { Subject: { Data: 'hello' }, Body: { Text: { Data: 'body' } } } },
  }));
  const [mail] = await ses.emails();
  expect(mail.destination.to).toEqual(['ada@example.com']);
  expect(mail.subject).toBe('hello');
});
