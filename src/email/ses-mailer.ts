// The `ses` mailer: Amazon SES v2 SendEmail, one attempt per call; the caller decides on retries.
import { GetAccountCommand, SESv2Client, SendEmailCommand, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import type { Config } from '../core/shared/config.ts';
import { MailerError, type Mailer } from '../core/ports/mailer.ts';
import { asciiDomain } from '../core/shared/email.ts';

export function createSesClient(config: Config): SESv2Client {
  return new SESv2Client({
    region: config.aws.region,
    // Passed explicitly: inside workerd the SDK does not read AWS_ENDPOINT_URL_* itself.
    endpoint: config.aws.sesEndpoint,
    // SES v2 has no idempotency token: an SDK-level retry after a lost answer could send a mail twice.
    maxAttempts: 1,
  });
}

/** Classifies a failed SendEmail: did SES certainly refuse it, and may we try again? */
export function classifySesError(e: unknown): MailerError {
  if (e instanceof SESv2ServiceException) {
    const status = e.$metadata.httpStatusCode ?? 0;
    // An HTTP answer from SES means it did not accept the mail; throttling and 5xx are worth retrying.
    const retryable = status === 429 || status >= 500 || e.name === 'TooManyRequestsException' || e.name === 'LimitExceededException';
    return new MailerError(`${e.name}: ${e.message}`, 'refused', retryable);
  }
  // No answer (time-out, reset): SES may have accepted it. Never resend blindly.
  return new MailerError(`no answer from SES: ${(e as Error)?.message ?? String(e)}`, 'unknown', false);
}

export function createSesMailer(config: Config, client: SESv2Client = createSesClient(config)): Mailer {
  return {
    async send(message) {
      try {
        const out = await client.send(new SendEmailCommand({
          FromEmailAddress: config.emailFrom,
          Destination: { ToAddresses: [smtpAddress(message.to)] },
          ConfigurationSetName: config.ses.configurationSet,
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
              // SES v2 Simple content carries custom headers; SES signs them with DKIM like the rest.
              ...(message.headers?.length ? { Headers: message.headers.map((h) => ({ Name: h.name, Value: h.value })) } : {}),
            },
          },
        }));
        return { messageId: out.MessageId ?? 'unknown' };
      } catch (e) {
        throw classifySesError(e);
      }
    },
    async maxSendRate() {
      // GetAccount needs ses:GetAccount; without it the caller falls back to CUTOVER_SES_MAX_SEND_RATE or a safe default.
      try {
        const out = await client.send(new GetAccountCommand({}));
        const rate = out.SendQuota?.MaxSendRate;
        return typeof rate === 'number' && rate > 0 ? rate : null;
      } catch {
        return null;
      }
    },
  };
}

/** SES takes IDN domains in their ASCII (punycode) form only; the local part goes as it is. */
function smtpAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 1 ? address : `${address.slice(0, at)}@${asciiDomain(address.slice(at + 1)) ?? address.slice(at + 1)}`;
}
