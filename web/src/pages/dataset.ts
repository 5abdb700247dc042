// One dataset: what the reader found (rows, encoding, delimiter, notes), its column marks, and
// the ways on: analyse it, or delete it.
import { api } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { describeError } from '../errors';
import { formatBytes, formatDate, formatInteger, t } from '../i18n';
import { loading, pageHeading } from './common';
import { marksForm } from './marks';

function delimiterLabel(delimiter: string): string {
  if (delimiter === '\t') return t('dataset.tab');
  return `${delimiter}`;
}

export async function renderDataset(context: PageContext): Promise<void> {
  const { main, app } = context;
  const id = Number(context.params.id);
  context.setTitle(t('dataset.loadingTitle'));
  replace(main, h('h1', { tabindex: '-1' }, t('dataset.loadingTitle')), loading());
  const dataset = await api.dataset(app.org, id);
  if (!context.current()) return;
  const heading = pageHeading(context, t('dataset.title', { name: dataset.name }));
  const facts: [string, string][] = [
    [t('dataset.file'), dataset.file_name],
    [t('dataset.rows'), formatInteger(dataset.row_count)],
    [t('dataset.columns'), formatInteger(dataset.columns?.length ?? 0)],
    [t('dataset.size'), formatBytes(dataset.bytes)],
    [t('dataset.encoding'), dataset.encoding],
    [t('dataset.delimiter'), delimiterLabel(dataset.delimiter)],
    [t('dataset.decimalComma'), dataset.decimal_comma ? t('common.yes') : t('common.no')],
    [t('dataset.created'), formatDate(dataset.created_at)],
  ];
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'button danger',
      onclick: async () => {
        if (!window.confirm(t('dataset.confirmDelete', { name: dataset.name }))) return;
        try {
          await api.deleteDataset(app.org, dataset.id);
          app.navigate('/datamangder', t('dataset.deleted', { name: dataset.name }));
        } catch (error) {
          replace(message, h('p', { class: 'error', role: 'alert' }, describeError(error)));
        }
      },
    },
    t('dataset.delete'),
  );
  replace(
    main,
    ...heading,
    h('p', {}, h('a', { href: '/datamangder', 'data-link': true }, t('dataset.back'))),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    dataset.notes.length
      ? h('details', {}, h('summary', {}, t('dataset.notes')), h('ul', {}, dataset.notes.map((note) => h('li', {}, note))))
      : null,
    app.canWrite
      ? h(
          'p',
          { class: 'actions' },
          h('a', { href: `/analyser/ny?dataset=${dataset.id}`, class: 'button', 'data-link': true }, t('dataset.analyse')),
        )
      : null,
    marksForm(app, dataset, () => undefined),
    app.canWrite ? h('section', { class: 'danger-zone', 'aria-labelledby': 'danger-heading' }, h('h2', { id: 'danger-heading' }, t('dataset.deleteHeading')), h('p', {}, t('dataset.deleteText')), remove, message) : null,
  );
}
