// @ts-check
/** Login page. */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { login, ApiError } from '../api.js';

export function mount(container, { query, onLoggedIn }) {
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  if (query.get('expired')) {
    message.hidden = false;
    message.textContent = t('login.expired');
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

  container.append(
    h(
      'section',
      { class: 'login card', 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title' }, t('login.title')),
      h('p', { class: 'muted' }, t('login.intro')),
      form,
    ),
  );
  username.focus();
  return { unmount() {} };
}
