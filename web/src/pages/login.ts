// Log-in: e-mail and password, errors said in words next to the form and announced.
import { api, ApiError } from '../api';
import type { PageContext } from '../app';
import { field, h, replace } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';

// Only paths of this application, never another site: browsers read "/\evil.example" and
// "/\t/evil.example" as "//evil.example", so backslashes and control characters are refused too.
export function safeNext(next: string | null): string {
  return next &&
    next.startsWith('/') &&
    !next.startsWith('//') &&
    !/[\\\u0000-\u001f\u007f]/.test(next) &&
    !next.startsWith('/logga-in')
    ? next
    : '/datamangder';
}

export function renderLogin(context: PageContext): void {
  const { main } = context;
  context.setTitle(t('login.title'));
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
    spellcheck: 'false',
  });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('div', { class: 'form-message', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true, 'aria-labelledby': 'login-heading' },
    field(t('login.email'), email),
    field(t('login.password'), password),
    message,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    if (!email.value.trim() || !password.value) {
      replace(message, h('p', { class: 'error' }, t('login.required')));
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('login.busy');
    try {
      const session = await api.login(email.value.trim(), password.value);
      context.signIn(session);
      context.navigate(safeNext(context.query.get('next')));
    } catch (error) {
      submit.disabled = false;
      submit.textContent = t('login.submit');
      let text = describeError(error);
      if (error instanceof ApiError) {
        if (error.problem.code === 'bad_credentials') text = t('login.badCredentials');
        if (error.problem.code === 'throttled') text = t('login.throttled');
      }
      replace(message, h('p', { class: 'error' }, text));
      password.value = '';
      password.focus();
    }
  });
  replace(
    main,
    h('h1', { id: 'login-heading' }, t('login.title')),
    context.flash ? h('p', { class: 'notice', role: 'status' }, context.flash) : null,
    h('p', {}, t('login.intro')),
    form,
  );
}
