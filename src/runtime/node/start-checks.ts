// Checks at start that would otherwise fail much later, each answered in one line: SES credentials, a port in use.
import type { Server } from 'node:net';
import type { Config } from '../../core/shared/config.ts';
import { createSesClient } from '../../email/ses-mailer.ts';

/**
 * With CUTOVER_MAILER=ses, no region or no AWS credentials would surface only at the first mail, off the request
 * path, as a failed job. The SDK's own resolution (environment, profile, SSO, container or instance role) answers now.
 */
export async function sesProblem(config: Config): Promise<string | null> {
  if (config.mailer !== 'ses') return null;
  const client = createSesClient(config);
  try {
    await client.config.region();
  } catch {
    return 'CUTOVER_MAILER=ses needs an AWS region: set AWS_REGION (e.g. eu-west-1)';
  }
  try {
    await client.config.credentials();
  } catch {
    return 'CUTOVER_MAILER=ses needs AWS credentials and none were found (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or an instance or task role); or use CUTOVER_MAILER=log';
  } finally {
    client.destroy();
  }
  return null;
}

/** A port already taken is one line naming the port and the fix, not an EADDRINUSE stack. */
export function exitOnListenError(server: Server, port: number): void {
  server.on('error', (e: NodeJS.ErrnoException) => {
    const line = e.code === 'EADDRINUSE'
      ? `port ${port} is already in use (another cutover, or another program); stop it or set PORT to a free port`
      : e.code === 'EACCES' ? `port ${port} needs privileges this process lacks; set PORT to 1024 or above` : `cannot listen on port ${port}: ${e.message}`;
    console.error(`cutover: ${line}`);
    process.exit(1);
  });
}
