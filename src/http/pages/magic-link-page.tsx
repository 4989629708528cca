/** @jsxImportSource hono/jsx */
// The page a magic link opens: a button that redeems it (a GET never does, so mail scanners cannot burn links).
import type { Config } from '../../core/shared/config.ts';
import { Layout } from './layout.tsx';
import type { Locale } from './i18n.ts';

const COPY = {
  en: {
    title: 'Sign in',
    lead: 'Press the button to finish signing in. You can do it on this device even if you asked for the link on another one.',
    button: 'Sign in',
    badTitle: 'This link no longer works',
    bad: 'Sign-in links work once and for a short time. Ask for a new one.',
    again: 'Back to sign-in',
  },
  fr: {
    title: 'Connexion',
    lead: "Appuyez sur le bouton pour terminer la connexion. Cela fonctionne sur cet appareil, même si vous avez demandé le lien sur un autre.",
    button: 'Se connecter',
    badTitle: 'Ce lien ne fonctionne plus',
    bad: "Les liens de connexion ne servent qu'une fois et pendant peu de temps. Demandez-en un nouveau.",
    again: 'Retour à la connexion',
  },
} as const;

export function MagicLinkPage(props: { config: Config; locale: Locale; token: string }) {
  const t = COPY[props.locale];
  return (
    <Layout title={t.title} locale={props.locale} config={props.config}>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <form method="post" action="/auth/magic-link">
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="lang" value={props.locale} />
        <button type="submit">{t.button}</button>
      </form>
    </Layout>
  );
}

export function MagicLinkFailedPage(props: { config: Config; locale: Locale }) {
  const t = COPY[props.locale];
  return (
    <Layout title={t.badTitle} locale={props.locale} config={props.config}>
      <h1>{t.badTitle}</h1>
      <p class="error" role="alert">{t.bad}</p>
      <p><a href={`/login?lang=${props.locale}`}>{t.again}</a></p>
    </Layout>
  );
}
