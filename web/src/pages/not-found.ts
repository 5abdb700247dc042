import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { t } from '../i18n';

export function renderNotFound(context: PageContext): void {
  context.setTitle(t('notFound.title'));
  replace(
    context.main,
    h('h1', { tabindex: '-1' }, t('notFound.title')),
    h('p', {}, t('notFound.text')),
    h('p', {}, h('a', { href: '/', 'data-link': true }, t('notFound.link'))),
  );
}
