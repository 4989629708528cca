// Port: the words of the mails the core sends. The templates (text + HTML, per language) live in src/email.
import type { Locale } from '../shared/locale.ts';
import type { MailMessage } from './mailer.ts';
import type { AccountNotice } from './outbox.ts';

export interface SignInMailInput {
  to: string;
  url: string;
  code: string;
  linkTtlSeconds: number;
  codeTtlSeconds: number;
  locale: Locale;
  newcomer: boolean;
}

export interface InvitationMailInput {
  to: string;
  url: string;
  expiresAt: number;
  locale: Locale;
  /** the person's given name, when known */
  name?: string;
}

export interface MailTemplates {
  signIn(input: SignInMailInput): MailMessage;
  invitation(input: InvitationMailInput): MailMessage;
  /** The notice every new passkey sends (issue 18). */
  passkeyAdded(notice: AccountNotice): MailMessage;
}
