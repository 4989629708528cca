/** @jsxImportSource hono/jsx */
// The account deletion page: prove it is you again (email code or passkey sign-in), then confirm.
import type { Config } from '../../core/shared/config.ts';
import type { Locale } from './i18n.ts';
import { Layout } from './layout.tsx';
import { messagesFor } from './messages.ts';

export function DeleteAccountPage(props: { config: Config; locale: Locale; email: string | null; fresh: boolean; error?: string }) {
  const m = messagesFor(props.locale);
  const q = `?lang=${props.locale}`;
  const again = new URLSearchParams({ client_id: 'account', redirect_uri: `${props.config.issuer}/account/delete`, lang: props.locale });
  return (
    <Layout title={m.deleteTitle} locale={props.locale} config={props.config} switchPath="/account/delete">
      <h1>{m.deleteTitle}</h1>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <p>{m.deleteWarning}</p>
      {props.fresh
        ? <form method="post" action={`/account/delete${q}`}>
          <button type="submit" class="danger" id="confirm-delete">{m.deleteConfirm}</button>
        </form>
        : <>
          <p>{m.deleteProve}</p>
          {props.email && <form method="post" action={`/account/delete/code${q}`}>
            <button type="submit">{m.deleteSendCode}</button>
          </form>}
          <p><a class="button secondary" href={`/login?${again}`}>{m.deleteUsePasskey}</a></p>
        </>}
      <p><a href={`/account${q}`}>{m.cancel}</a></p>
    </Layout>
  );
}
