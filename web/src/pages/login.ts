// The login page: paste an API key (made with `sigtrader users add` or `keys create`), check it
// with GET /api/v1/me, and only then keep it in this browser.
import { describe_error } from '../api/errors';
import type { Api } from '../api/endpoints';
import type { Me } from '../api/types';
import { h, replace } from '../ui/dom';

export interface LoginOptions {
  api: Api;
  // Why the user is here again (key rejected, server down), shown above the form.
  message: string | null;
  prefill: string | null;
  on_success(key: string, me: Me): void;
}

export function render_login(root: HTMLElement, options: LoginOptions): void {
  const input = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'current-password', spellcheck: 'false',
    placeholder: 'st_…', required: true, 'data-testid': 'login-key', value: options.prefill ?? '',
  });
  const submit = h('button', { class: 'button primary wide', type: 'submit', 'data-testid': 'login-submit' }, 'Log in');
  const message = h('p', { class: 'inline-error', role: 'alert', 'data-testid': 'login-error', hidden: options.message === null },
    options.message ?? '');

  const form = h('form', { class: 'login-form', 'data-testid': 'login-form' },
    h('label', { for: 'api-key' }, 'API key'),
    input,
    message,
    submit,
    h('p', { class: 'muted small' },
      'Create a key on the server with ', h('code', null, 'sigtrader keys create NAME'),
      '. It is kept in this browser until you log out.'),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    submit.disabled = true;
    replace(submit, 'Checking…');
    options.api
      .me(key)
      .then((me) => options.on_success(key, me))
      .catch((error: unknown) => {
        message.hidden = false;
        message.textContent = describe_error(error);
        submit.disabled = false;
        replace(submit, 'Log in');
        input.focus();
      });
  });

  replace(root,
    h('div', { class: 'login-screen', 'data-testid': 'page-login' },
      h('div', { class: 'login-card' },
        h('div', { class: 'brand login-brand' }, h('span', { class: 'brand-mark' }, '◆'), 'sigtrader'),
        h('p', { class: 'muted' }, 'Signals, risk and positions at a glance.'),
        form,
      ),
    ),
  );
  input.focus();
}
