// One published news item: its title, date, author and body (rich text, sanitised). Needs no
// account.
import { api, ApiError } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { formatDate, newsPath, richText } from './news';

export async function renderNewsItem(context: PageContext): Promise<void> {
  const { main } = context;
  replace(main, loading());
  let item;
  try {
    item = await api.publicNewsItem(Number(context.params.id));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    if (!context.current()) return;
    replace(main, ...pageHeading(context, t('news.notFound')), h('p', {}, h('a', { href: newsPath, 'data-link': true }, t('news.back'))));
    return;
  }
  if (!context.current()) return;
  replace(
    main,
    ...pageHeading(context, item.title),
    h('p', { class: 'news-meta' }, item.published_at ? formatDate(item.published_at) : '', ' · ', item.author),
    item.summary ? h('p', { class: 'lead' }, item.summary) : null,
    h('div', { class: 'rich-text' }, richText(item.body)),
    h('p', {}, h('a', { href: newsPath, 'data-link': true }, t('news.back'))),
  );
}
