// Avanmälan: the page the private link in the confirmation mail opens (/avanmalan/<token>). It
// asks first — a mail program or a link preview may open the address on its own, and that must
// not cancel anybody — then cancels, after which the seat goes to the first person waiting.
// Needs no account; the token is the only key.
import { api, ApiError } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';
import { activitiesPath } from './activities';
import { pageHeading } from './common';

const tokenPattern = /^[0-9a-f]{64}$/;

function backLink(): HTMLElement {
  return h('p', {}, h('a', { href: activitiesPath, 'data-link': true }, t('cancel.toActivities')));
}

function showUnknown(context: PageContext): void {
  replace(
    context.main,
    ...pageHeading(context, t('cancel.title')),
    h('p', { class: 'error', role: 'alert' }, t('cancel.unknown')),
    backLink(),
  );
}

export function renderCancelRegistration(context: PageContext): void {
  const token = context.params.token;
  if (!tokenPattern.test(token)) return showUnknown(context);
  const message = h('div', { class: 'form-message', 'aria-live': 'assertive' });
  const confirm = h('button', { type: 'button', class: 'button danger' }, t('cancel.confirm'));
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    confirm.textContent = t('cancel.busy');
    replace(message);
    try {
      await api.cancelRegistration(token);
      if (!context.current()) return;
      context.setTitle(t('cancel.doneTitle'));
      const heading = h('h1', { tabindex: '-1' }, t('cancel.doneTitle'));
      replace(context.main, heading, h('p', { class: 'success', role: 'status' }, t('cancel.doneText')), backLink());
      heading.focus();
    } catch (error) {
      if (!context.current()) return;
      if (error instanceof ApiError && error.status === 404) {
        showUnknown(context);
        (context.main.querySelector('h1') as HTMLElement | null)?.focus();
        return;
      }
      confirm.disabled = false;
      confirm.textContent = t('cancel.confirm');
      replace(message, h('p', { class: 'error' }, describeError(error)));
    }
  });
  replace(
    context.main,
    ...pageHeading(context, t('cancel.title')),
    h('p', {}, t('cancel.question')),
    message,
    h('div', { class: 'actions' }, confirm),
  );
}
