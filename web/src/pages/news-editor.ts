// Nyheter för samordnare: every news item, drafts too, with publish and unpublish, and the form
// that writes a new item or edits one (/nyheter/redigera/12). The body is HTML (p, strong, em,
// lists, h2, h3, quotes, links); the server keeps only that and says so by showing what it kept.
import { api } from '../api';
import type { NewsItem } from '../api';
import type { PageContext } from '../app';
import { field, h, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { formatDate, newsPath } from './news';

export const newsEditorPath = `${newsPath}/redigera`;

function itemRow(context: PageContext, item: NewsItem): HTMLElement {
  const toggle = h(
    'button',
    { type: 'button', class: 'button secondary' },
    item.published ? t('newsEditor.unpublish') : t('newsEditor.publish'),
  );
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    await api.publishNews(item.id, !item.published);
    context.navigate(newsEditorPath, item.published ? t('newsEditor.unpublished') : t('newsEditor.published'));
  });
  return h(
    'li',
    { class: 'news-item' },
    h('h2', {}, item.title),
    h(
      'p',
      { class: 'news-meta' },
      item.published && item.published_at ? t('newsEditor.publishedAt', { date: formatDate(item.published_at) }) : t('newsEditor.draft'),
    ),
    h(
      'p',
      { class: 'actions' },
      h('a', { href: `${newsEditorPath}/${item.id}`, 'data-link': true, class: 'button secondary' }, t('newsEditor.editItem', { title: item.title })),
      ' ',
      toggle,
    ),
  );
}

function editorForm(context: PageContext, item: NewsItem | null): HTMLElement {
  const title = h('input', { type: 'text', name: 'title', required: true, maxlength: '200', 'data-field': 'title', value: item?.title ?? '' });
  const summary = h('input', { type: 'text', name: 'summary', maxlength: '500', 'data-field': 'summary', value: item?.summary ?? '' });
  const body = h('textarea', { name: 'body', rows: '12', required: true, 'data-field': 'body' });
  body.value = item?.body ?? '';
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, item ? t('newsEditor.save') : t('newsEditor.create'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'editor-heading' },
    h('h2', { id: 'editor-heading' }, item ? t('newsEditor.editHeading') : t('newsEditor.newHeading')),
    field(t('newsEditor.titleLabel'), title),
    field(t('newsEditor.summary'), summary, t('newsEditor.summaryHint')),
    field(t('newsEditor.body'), body, t('newsEditor.bodyHint')),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    if (!title.value.trim()) {
      markInvalid(title, t('newsEditor.titleRequired'));
      title.focus();
      return;
    }
    if (!body.value.trim()) {
      markInvalid(body, t('newsEditor.bodyRequired'));
      body.focus();
      return;
    }
    submit.disabled = true;
    try {
      const draft = { title: title.value.trim(), summary: summary.value.trim(), body: body.value };
      if (item) await api.editNews(item.id, draft);
      else await api.createNews(draft);
      context.navigate(newsEditorPath, t('newsEditor.saved'));
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  return form;
}

export async function renderNewsEditor(context: PageContext): Promise<void> {
  const { main } = context;
  const id = context.params.id ? Number(context.params.id) : null;
  const heading = pageHeading(context, t('newsEditor.title'));
  replace(main, ...heading, loading());
  const [items, item] = await Promise.all([api.allNews(), id ? api.newsItem(id) : Promise.resolve(null)]);
  if (!context.current()) return;
  replace(
    main,
    ...heading,
    editorForm(context, item),
    h('h2', {}, t('newsEditor.all')),
    items.length === 0 ? h('p', { class: 'empty' }, t('news.none')) : h('ul', { class: 'news-list' }, items.map((i) => itemRow(context, i))),
  );
}
