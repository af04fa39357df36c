// @ts-check
/**
 * Login page: the organisation's OpenID provider (authorization code + PKCE, auth.js) when configured, and the local
 * users file of the demo mode (AUTH_DEMO) when that is on; GET /api/v1/auth/config says which.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { login, ApiError } from '../api.js';
import { signInOptions, startSignIn } from '../auth.js';

export function mount(container, { query, onLoggedIn }) {
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  if (query.get('expired')) {
    message.hidden = false;
    message.textContent = t('login.expired');
  }
  if (query.get('signin_error')) {
    message.hidden = false;
    message.textContent = t('login.oidcFailed', { message: query.get('signin_error') ?? '' });
  }
  const username = h('input', {
    id: 'login-username',
    name: 'username',
    type: 'text',
    autocomplete: 'username',
    required: true,
    'data-testid': 'login-username',
  });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'login-password',
  });
  const submit = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'login-submit' }, t('login.submit'));

  const form = h(
    'form',
    {
      class: 'login-form',
      novalidate: false,
      onsubmit: async (event) => {
        event.preventDefault();
        if (!username.value.trim() || !password.value) {
          form.reportValidity();
          return;
        }
        submit.disabled = true;
        submit.textContent = t('login.busy');
        message.hidden = true;
        try {
          const result = await login(username.value.trim(), password.value);
          onLoggedIn(result.principal);
        } catch (error) {
          message.hidden = false;
          message.textContent =
            error instanceof ApiError && (error.status === 401 || error.status === 400)
              ? t('login.invalid')
              : error instanceof ApiError && error.status === 429
                ? t('login.throttled', { message: error.message })
                : t('login.failed', { message: error.message });
          submit.disabled = false;
          submit.textContent = t('login.submit');
          password.select();
          password.focus();
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), password),
    message,
    submit,
  );

  const oidcButton = h('button', { type: 'button', class: 'button primary', 'data-testid': 'login-oidc', hidden: true });
  const oidcBox = h('div', { class: 'login-oidc', hidden: true }, oidcButton);
  const intro = h('p', { class: 'muted' }, t('login.intro'));
  form.hidden = true;
  container.append(
    h(
      'section',
      { class: 'login card', 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title' }, t('login.title')),
      intro,
      oidcBox,
      form,
    ),
  );
  let active = true;
  signInOptions().then((options) => {
    if (!active) return;
    const oidc = options.oidc;
    if (oidc) {
      oidcBox.hidden = false;
      oidcButton.hidden = false;
      oidcButton.textContent = t('login.oidc', { host: new URL(oidc.issuer).host });
      oidcButton.addEventListener('click', () => {
        oidcButton.disabled = true;
        oidcButton.textContent = t('login.oidcBusy');
        startSignIn(oidc).catch((error) => {
          oidcButton.disabled = false;
          oidcButton.textContent = t('login.oidc', { host: new URL(oidc.issuer).host });
          message.hidden = false;
          message.textContent = t('login.oidcFailed', { message: error instanceof Error ? error.message : String(error) });
        });
      });
      intro.textContent = options.local ? t('login.introBoth') : t('login.introOidc');
    }
    form.hidden = !options.local;
    if (options.local) username.focus();
    else oidcButton.focus();
  });
  return {
    unmount() {
      active = false;
    },
  };
}
