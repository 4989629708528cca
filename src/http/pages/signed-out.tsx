/** @jsxImportSource hono/jsx */
// The page a logout without a return address ends on.
import type { Config } from '../../core/shared/config.ts';
import type { Locale } from './i18n.ts';
import { Layout } from './layout.tsx';

const TEXT = { en: ['Signed out', 'You are signed out.', 'Sign in again'], fr: ['Déconnecté', 'Vous êtes déconnecté.', 'Se reconnecter'] } as const;

export function SignedOutPage(props: { config: Config; locale: Locale }) {
  const [title, body, again] = TEXT[props.locale] ?? TEXT.en;
  return (
    <Layout title={title} locale={props.locale} config={props.config}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p><a href={`/login?lang=${props.locale}`}>{again}</a></p>
    </Layout>
  );
}
