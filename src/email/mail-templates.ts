// The MailTemplates port for the core: every mail, written in the configured brand.
import type { Config } from '../core/shared/config.ts';
import type { MailTemplates } from '../core/ports/mail-templates.ts';
import { renderSignInMail } from './sign-in-mail.ts';
import { renderInvitationEmail } from './invitation-template.ts';
import { renderAccountNotice } from './account-notice-mail.ts';

export function createMailTemplates(config: Pick<Config, 'brand' | 'issuer'>): MailTemplates {
  return {
    signIn: (input) => renderSignInMail(config, input),
    invitation: (input) => renderInvitationEmail(config, input),
    passkeyAdded: (notice) => renderAccountNotice(config, notice),
  };
}
