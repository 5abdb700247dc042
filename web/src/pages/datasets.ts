// The organisation's datasets, newest first, with a way to upload another.
import { api } from '../api';
import type { Dataset } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { formatBytes, formatDate, formatInteger, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';

export async function renderDatasets(context: PageContext): Promise<void> {
  const { main, app } = context;
  const heading = pageHeading(context, t('datasets.title'));
  replace(main, ...heading, loading());
  const datasets = await api.datasets(app.org);
  if (!context.current()) return;
  const actions = app.canWrite
    ? h(
        'p',
        { class: 'actions' },
        h('a', { href: '/datamangder/ny', class: 'button', 'data-link': true }, t('datasets.upload')),
      )
    : h('p', { class: 'hint' }, t('datasets.readerNote'));
  replace(
    main,
    ...heading,
    h('p', {}, t('datasets.intro')),
    actions,
    datasets.length === 0
      ? h('p', { class: 'empty' }, t('datasets.empty'))
      : dataTable<Dataset>(
          t('datasets.caption', { organisation: app.membership.organisation.name }),
          [
            {
              header: t('datasets.col.name'),
              rowHeader: true,
              cell: (d) => h('a', { href: `/datamangder/${d.id}`, 'data-link': true }, d.name),
            },
            { header: t('datasets.col.file'), cell: (d) => d.file_name },
            { header: t('datasets.col.rows'), numeric: true, cell: (d) => formatInteger(d.row_count) },
            { header: t('datasets.col.size'), numeric: true, cell: (d) => formatBytes(d.bytes) },
            { header: t('datasets.col.created'), cell: (d) => formatDate(d.created_at) },
          ],
          datasets,
        ),
  );
}
