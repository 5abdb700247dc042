// One learning example: what was done, for whom, the results and how they are known, the linked
// analysis, the contact, the tags and the attachments (downloads). Needs no account.
import { api, ApiError } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { exampleTags, examplesPath } from './examples';
import { richText } from './news';

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

export async function renderExample(context: PageContext): Promise<void> {
  const { main } = context;
  replace(main, loading());
  let example;
  try {
    example = await api.publicExample(Number(context.params.id));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    if (!context.current()) return;
    replace(main, ...pageHeading(context, t('example.notFound')), h('p', {}, h('a', { href: examplesPath, 'data-link': true }, t('example.back'))));
    return;
  }
  if (!context.current()) return;
  const section = (id: string, title: string, ...content: (Node | string | null)[]) =>
    h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...content);
  const attachments = example.attachments ?? [];
  replace(
    main,
    ...pageHeading(context, example.title),
    h('p', { class: 'example-meta' }, example.organisation_name),
    h('p', { class: 'example-tags' }, exampleTags(example)),
    section('example-what', t('example.what'), h('div', { class: 'rich-text' }, richText(example.what, 1))),
    example.for_whom ? section('example-for-whom', t('example.forWhom'), h('p', {}, example.for_whom)) : null,
    example.results ? section('example-results', t('example.results'), h('div', { class: 'rich-text' }, richText(example.results, 1))) : null,
    example.evidence ? section('example-evidence', t('example.evidence'), h('p', {}, example.evidence)) : null,
    example.analysis_id ? h('p', {}, t('example.analysisLinked')) : null,
    section(
      'example-contact',
      t('example.contact'),
      h('p', {}, example.contact_name, ' · ', h('a', { href: `mailto:${example.contact_email}` }, example.contact_email)),
    ),
    attachments.length
      ? section(
          'example-attachments',
          t('example.attachments'),
          h(
            'ul',
            {},
            attachments.map((file) => h('li', {}, h('a', { href: file.url, download: file.file_name }, file.file_name), ` (${kilobytes(file.bytes)})`)),
          ),
        )
      : null,
    // The organisation's own analysts and admins edit it.
    context.app && context.app.canWrite && context.app.org === example.organisation_id
      ? h('p', {}, h('a', { href: `${examplesPath}/${example.id}/redigera`, 'data-link': true, class: 'button secondary' }, t('example.edit')))
      : null,
    h('p', {}, h('a', { href: examplesPath, 'data-link': true }, t('example.back'))),
  );
}
