// Saved analyses: each reopens with its results as the server stored them.
import { api } from '../api';
import type { Analysis, Dataset } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { formatDate, formatInteger, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import { publishedUploadPath } from './published-upload';

export async function renderAnalyses(context: PageContext): Promise<void> {
  const { main, app } = context;
  const heading = pageHeading(context, t('analyses.title'));
  replace(main, ...heading, loading());
  const [analyses, datasets] = await Promise.all([api.analyses(app.org), api.datasets(app.org)]);
  if (!context.current()) return;
  const datasetNames = new Map<number, string>(datasets.map((d: Dataset) => [d.id, d.name]));
  replace(
    main,
    ...heading,
    h('p', {}, t('analyses.intro')),
    app.canWrite
      ? h(
          'p',
          { class: 'actions' },
          h('a', { href: '/analyser/ny', class: 'button', 'data-link': true }, t('analyses.new')),
          ' ',
          h('a', { href: publishedUploadPath, class: 'button secondary', 'data-link': true }, t('published.title')),
        )
      : null,
    analyses.length === 0
      ? h('p', { class: 'empty' }, t('analyses.empty'))
      : dataTable<Analysis>(
          t('analyses.caption'),
          [
            {
              header: t('analyses.col.name'),
              rowHeader: true,
              cell: (a) => h('a', { href: `/analyser/${a.id}`, 'data-link': true }, a.name),
            },
            {
              header: t('analyses.col.dataset'),
              cell: (a) =>
                a.source
                  ? t('analyses.publishedSource', { files: a.source.files.join(', ') })
                  : a.dataset_id === null
                    ? t('analyses.datasetRemoved')
                    : datasetNames.get(a.dataset_id) ?? `#${a.dataset_id}`,
            },
            { header: t('analyses.col.results'), numeric: true, cell: (a) => formatInteger(a.result_count) },
            { header: t('analyses.col.created'), cell: (a) => formatDate(a.created_at) },
          ],
          analyses,
        ),
  );
}
