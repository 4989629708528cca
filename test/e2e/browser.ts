// Headless Chromium through playwright-core, with a CDP WebAuthn virtual authenticator per page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../src/core/shared/deps.ts';
import { runBackgroundJobs } from '../../src/runtime/background.ts';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  credentials(): Promise<{ credentialId: string; isResidentCredential: boolean; rpId: string; privateKey: string; userHandle: string; signCount: number }[]>;
}

/** A platform authenticator holding discoverable credentials, with a verified user (fingerprint or PIN). */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    cdp,
    authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials as never,
  };
}

/**
 * Records what the page asks navigator.credentials.get for, and optionally pretends the browser has no
 * passkey autofill, so the button path can be driven on its own (a virtual authenticator answers a
 * conditional request at once, as there is no autofill menu to click in automation).
 */
export async function instrumentWebAuthn(page: Page, opts: { autofill: boolean }): Promise<void> {
  await page.addInitScript((autofill: boolean) => {
    // Kept in sessionStorage: the sign-in ends on another page of the same origin.
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options?: CredentialRequestOptions) => {
      const calls = JSON.parse(sessionStorage.getItem('webauthnCalls') ?? '[]') as string[];
      sessionStorage.setItem('webauthnCalls', JSON.stringify([...calls, options?.mediation ?? 'optional']));
      return get(options);
    };
    if (!autofill && window.PublicKeyCredential) {
      (PublicKeyCredential as unknown as { isConditionalMediationAvailable: () => Promise<boolean> }).isConditionalMediationAvailable = async () => false;
    }
  }, opts.autofill);
}

export const webauthnCalls = (page: Page) => page.evaluate(() => {
  const calls = JSON.parse(sessionStorage.getItem('webauthnCalls') ?? '[]') as string[];
  sessionStorage.removeItem('webauthnCalls');
  return calls;
});

export const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;

/** Saves a full-page screenshot of `path` in both languages at both widths; returns the files. */
export async function screenshots(page: Page, base: string, path: string, name: string): Promise<string[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const files: string[] = [];
  for (const lang of ['en', 'fr'] as const) {
    for (const [width, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      const u = new URL(path, base);
      u.searchParams.set('lang', lang);
      await page.goto(u.toString());
      const file = join(ARTIFACTS, `${name}-${lang}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  const back = new URL(path, base);
  back.searchParams.set('lang', 'en');
  await page.goto(back.toString());
  return files;
}

export async function newContext(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: opts.javaScriptEnabled ?? true });
}

/** The 6-digit code of the latest mail to `email`, read where a developer reads it: GET /dev/mail.json (log mailer). */
export async function mailedCode(server: { url: string; deps: Deps }, email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    // The test server runs no background loop: drain the outbox as the Node runtime would.
    await runBackgroundJobs(server.deps);
    const mails = (await (await fetch(`${server.url}/dev/mail.json`)).json()) as { to: string; text: string }[];
    const code = mails.find((m) => m.to.toLowerCase() === email.toLowerCase())?.text.match(/^\s*(\d{6})\s*$/m)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code mailed to ${email}`);
}

/** Signs in on the hosted /login page by the email code, as a person would. */
export async function signInByEmailCode(server: { url: string; deps: Deps }, page: Page, loginUrl: string, email: string): Promise<void> {
  await page.goto(loginUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a link and a code' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.getByLabel('6-digit code').fill(await mailedCode(server, email));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
