/** @jsxImportSource hono/jsx */
// The sign-in pages: email (link or code, no JavaScript needed) and passkey (button and autofill).
import type { Config } from '../../core/shared/config.ts';
import type { Locale } from './i18n.ts';
import { Layout } from './layout.tsx';
import { messagesFor } from './messages.ts';

/** The OAuth request a sign-in page carries from form to form until it ends in a redirect. */
export interface AuthorizeRequest {
  clientId: string;
  clientName: string;
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  /** OIDC: the requested scope and nonce, carried to the code */
  scope?: string;
  nonce?: string;
  /** OIDC login_hint: prefills the email field */
  loginHint?: string;
}

export const PAGE_SCRIPTS = ['/assets/simplewebauthn-browser.js', '/assets/pages.js'];

export function AuthorizeFields(props: { req: AuthorizeRequest }) {
  const { req } = props;
  return (
    <>
      <input type="hidden" name="client_id" value={req.clientId} />
      <input type="hidden" name="redirect_uri" value={req.redirectUri} />
      {req.state !== undefined && <input type="hidden" name="state" value={req.state} />}
      {req.codeChallenge !== undefined && <>
        <input type="hidden" name="code_challenge" value={req.codeChallenge} />
        <input type="hidden" name="code_challenge_method" value="S256" />
      </>}
      {req.scope !== undefined && <input type="hidden" name="scope" value={req.scope} />}
      {req.nonce !== undefined && <input type="hidden" name="nonce" value={req.nonce} />}
    </>
  );
}

interface PageBase { config: Config; locale: Locale; req: AuthorizeRequest; error?: string; switchPath?: string }

/** A provider's button: Cognito's /oauth2/authorize with identity_provider, carrying the whole request. */
export function federatedHref(req: AuthorizeRequest, provider: string): string {
  const p = new URLSearchParams({ identity_provider: provider, response_type: 'code', client_id: req.clientId, redirect_uri: req.redirectUri });
  if (req.state !== undefined) p.set('state', req.state);
  if (req.codeChallenge !== undefined) { p.set('code_challenge', req.codeChallenge); p.set('code_challenge_method', 'S256'); }
  if (req.scope !== undefined) p.set('scope', req.scope);
  if (req.nonce !== undefined) p.set('nonce', req.nonce);
  return `/oauth2/authorize?${p}`;
}

export interface ProviderButton { name: string; label: string }

export function LoginPage(props: PageBase & { email?: string; providers?: ProviderButton[]; notice?: string }) {
  const m = messagesFor(props.locale);
  const q = `?lang=${props.locale}`;
  const appName = props.req.clientName === 'Account' ? props.config.brand.productName : props.req.clientName;
  return (
    <Layout title={m.signInTitle} locale={props.locale} config={props.config} switchPath={props.switchPath} scripts={PAGE_SCRIPTS}
      data={{ page: 'login', 'msg-working': m.passkeyWorking, 'msg-failed': m.passkeyFailed, 'msg-unsupported': m.passkeyUnsupported }}>
      <h1>{m.signInTo(appName)}</h1>
      {props.notice && <p class="notice" role="status" id="form-notice">{props.notice}</p>}
      {props.error && <p class="error" role="alert" id="form-error">{props.error}</p>}
      {props.providers && props.providers.length > 0 && <>
        <ul class="providers">
          {props.providers.map((p) => <li><a class="button secondary" data-provider={p.name} href={federatedHref(props.req, p.name)}>{m.continueWith(p.label)}</a></li>)}
        </ul>
        <p class="sep">{m.or}</p>
      </>}
      <form method="post" action={`/login/email${q}`}>
        <AuthorizeFields req={props.req} />
        <label for="email">{m.emailLabel}</label>
        {/* "username webauthn": browsers offer saved passkeys in this field's autofill (conditional mediation). */}
        <input id="email" name="email" type="email" required autocomplete="username webauthn" autocapitalize="none" spellcheck={false}
          value={props.email ?? props.req.loginHint ?? ''} aria-describedby={props.error ? 'email-hint form-error' : 'email-hint'} autofocus />
        <p id="email-hint" class="muted">{m.emailHint}</p>
        <button type="submit">{m.sendLink}</button>
      </form>
      <div id="passkey-area" hidden>
        <p class="sep">{m.or}</p>
        <form id="passkey-form" method="post" action={`/login/passkey${q}`}>
          <AuthorizeFields req={props.req} />
          <input type="hidden" name="response" value="" />
          <button type="button" class="secondary" id="passkey-button" aria-describedby="passkey-hint">{m.passkeyButton}</button>
        </form>
        <p id="passkey-hint" class="muted">{m.passkeyHint}</p>
        <p id="passkey-status" role="status" aria-live="polite" class="muted"></p>
      </div>
      <p class="muted">{m.lostPasskeys}</p>
    </Layout>
  );
}

export function CodePage(props: PageBase & { email: string; cancelHref: string }) {
  const m = messagesFor(props.locale);
  const q = `?lang=${props.locale}`;
  return (
    <Layout title={m.checkEmailTitle} locale={props.locale} config={props.config}>
      <h1>{m.checkEmailTitle}</h1>
      <p id="code-explain">{m.checkEmailBody(props.email)}</p>
      {props.error && <p class="error" role="alert" id="code-error">{props.error}</p>}
      <form method="post" action={`/login/code${q}`}>
        <AuthorizeFields req={props.req} />
        <input type="hidden" name="email" value={props.email} />
        <label for="code">{m.codeLabel}</label>
        <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength={6} minlength={6} required
          autocomplete="one-time-code" aria-describedby={props.error ? 'code-explain code-error' : 'code-explain'} autofocus />
        <button type="submit">{m.codeSubmit}</button>
      </form>
      <form method="post" action={`/login/email${q}`}>
        <AuthorizeFields req={props.req} />
        <input type="hidden" name="email" value={props.email} />
        <button type="submit" class="secondary">{m.resend}</button>
      </form>
      <p><a href={props.cancelHref}>{m.otherEmail}</a></p>
    </Layout>
  );
}

export function BadRequestPage(props: { config: Config; locale: Locale; detail: string }) {
  const m = messagesFor(props.locale);
  return (
    <Layout title={m.badRequestTitle} locale={props.locale} config={props.config}>
      <h1>{m.badRequestTitle}</h1>
      <p>{m.badRequestBody}</p>
      <p class="muted">{m.details}: {props.detail}</p>
    </Layout>
  );
}
