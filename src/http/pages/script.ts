// The hosted pages' browser script (served at /assets/pages.js): passkey sign-in (button and autofill) and enrolment.
// Plain ES2017 with no build step; it drives the @simplewebauthn/browser UMD bundle served beside it.
export const PAGES_SCRIPT = `(function () {
  'use strict';
  var W = window.SimpleWebAuthnBrowser;
  var body = document.body;
  var status = document.getElementById('passkey-status');
  function say(text, isError) {
    if (!status) return;
    status.textContent = text || '';
    status.className = isError ? 'error' : 'muted';
  }
  function aborted(e) { return e && (e.name === 'AbortError' || e.code === 'ERROR_CEREMONY_ABORTED'); }
  async function postJson(url, data) {
    var res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
    var json = await res.json().catch(function () { return {}; });
    if (!res.ok) { var err = new Error(json.message || ('HTTP ' + res.status)); err.server = true; throw err; }
    return json;
  }
  var supported = !!(W && W.browserSupportsWebAuthn());
  if (body.dataset.page === 'login') login();
  if (body.dataset.page === 'account') account();

  function login() {
    if (!supported) return; // the email form works on its own
    var area = document.getElementById('passkey-area');
    var form = document.getElementById('passkey-form');
    var button = document.getElementById('passkey-button');
    area.hidden = false;
    var clientId = form.elements.client_id.value;
    async function ceremony(autofill) {
      var options = await postJson('/v1/passkeys/login/options', { clientId: clientId });
      var response = await W.startAuthentication({ optionsJSON: options, useBrowserAutofill: autofill });
      say(body.dataset.msgWorking);
      // A real form POST: the server answers with the redirect to the app, which the browser follows.
      form.elements.response.value = JSON.stringify(response);
      form.submit();
    }
    function autofill() {
      W.browserSupportsWebAuthnAutofill().then(function (ok) {
        if (!ok) return;
        // Pending until the person picks a passkey in the email field's autofill; the button aborts it.
        ceremony(true).catch(function (e) { if (!aborted(e)) say(body.dataset.msgFailed, true); });
      });
    }
    button.addEventListener('click', function () {
      button.disabled = true;
      say(body.dataset.msgWorking);
      ceremony(false).catch(function (e) {
        button.disabled = false;
        say(aborted(e) ? '' : body.dataset.msgFailed, !aborted(e));
        autofill();
      });
    });
    autofill();
  }

  function account() {
    var add = document.getElementById('add-passkey');
    if (!add) return;
    if (!supported) { say(body.dataset.msgUnsupported, true); return; }
    add.hidden = false;
    add.addEventListener('click', async function () {
      add.disabled = true;
      say(body.dataset.msgWorking);
      try {
        var options = await postJson('/account/passkeys/options', {});
        var response = await W.startRegistration({ optionsJSON: options });
        await postJson('/account/passkeys', { response: response });
        location.assign('/account?done=added&lang=' + document.documentElement.lang);
      } catch (e) {
        add.disabled = false;
        say(e && e.server ? e.message : body.dataset.msgFailed, true);
      }
    });
  }
})();
`;
