// Published statistics in: Kolada's pages, an SCB PxWeb response or a WHO HEAT Plus template,
// read on the server by the same importers as `jamlik import` and saved as an analysis of
// published results. The page says what was imported (indicators, areas, periods, values and
// missing ones) and leads on to the analysis and its comparison; a bad file's problem (the file,
// the JSON pointer or line and column) is said at the field it concerns.
import { ApiError, importPublished } from '../api';
import type { PublishedImport } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { describeError } from '../errors';
import { formatInteger, t } from '../i18n';
import { pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid } from './form-errors';

export const publishedUploadPath = '/analyser/publicerad';

// The problem's place in the file: the JSON pointer (or column), line and position.
function problemPlace(error: ApiError): string {
  const parts: string[] = [];
  const { field: pointer, line, column } = error.problem;
  if (line) parts.push(t('published.line', { line: formatInteger(line) }));
  if (column) parts.push(t('published.position', { column: formatInteger(column) }));
  if (pointer && pointer !== 'file' && !error.problem.detail?.includes(pointer)) parts.push(t('published.pointer', { pointer }));
  return parts.join(', ');
}

function list(items: string[], limit = 12): string {
  return items.length > limit ? `${items.slice(0, limit).join(', ')} … (${formatInteger(items.length)})` : items.join(', ');
}

function summary(imported: PublishedImport): HTMLElement {
  const analysis = imported.analysis;
  const facts: [string, string][] = [
    [t('published.format'), t(`published.format.${imported.format}` as 'published.format.kolada')],
    [t('published.files'), imported.files.join(', ')],
    [t('published.indicators'), list(imported.indicators.map((i) => (i.name && i.name !== i.id ? `${i.name} (${i.id})` : i.id)))],
    [t('published.areas'), list(imported.areas.map((a) => (a.name && a.name !== a.code ? `${a.name} (${a.code})` : a.code)))],
    [t('published.periods'), list(imported.periods)],
    [t('published.values'), formatInteger(imported.values)],
    [t('published.missing'), formatInteger(imported.missing)],
  ];
  return h(
    'section',
    { class: 'uploaded', 'aria-labelledby': 'imported-heading', tabindex: '-1', id: 'imported' },
    h('h2', { id: 'imported-heading' }, t('published.imported', { name: analysis.name })),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    imported.missing > 0 ? h('p', {}, t('published.missingNote')) : null,
    imported.notes.length
      ? h('details', {}, h('summary', {}, t('published.notes')), h('ul', {}, imported.notes.map((note) => h('li', {}, note))))
      : null,
    h(
      'p',
      { class: 'actions' },
      h('a', { href: `/analyser/${analysis.id}`, 'data-link': true, class: 'button' }, t('published.toAnalysis')),
      ' ',
      h('a', { href: `/analyser/${analysis.id}/jamforelse`, 'data-link': true, class: 'button secondary' }, t('published.toComparison')),
    ),
  );
}

export function renderPublishedUpload(context: PageContext): void {
  const { main, app } = context;
  const heading = pageHeading(context, t('published.title'));
  if (!app.canWrite) {
    replace(main, ...heading, h('p', {}, t('datasets.readerNote')));
    return;
  }
  const file = h('input', {
    type: 'file',
    name: 'file',
    multiple: true,
    required: true,
    'data-field': 'file',
    accept: '.json,.csv,.txt,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const format = h(
    'select',
    { name: 'format', 'data-field': 'format' },
    ['auto', 'kolada', 'scb', 'heat'].map((id) => option(id, t(`published.format.${id}` as 'published.format.auto'), id === 'auto')),
  );
  const name = h('input', { type: 'text', name: 'name', maxlength: '200', 'data-field': 'name' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('published.submit'));
  const message = h('div', { class: 'form-message' });
  const status = h('div', { class: 'upload-status', role: 'status' });
  const result = h('div', { class: 'upload-result' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'published-form-heading' },
    h('h2', { id: 'published-form-heading', class: 'visually-hidden' }, t('published.title')),
    field(t('published.file'), file, t('published.fileHint')),
    field(t('published.formatLabel'), format, t('published.formatHint')),
    field(t('published.name'), name, t('upload.nameHint')),
    message,
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    replace(result);
    const chosen = Array.from(file.files ?? []);
    if (!chosen.length) {
      markInvalid(file, t('upload.noFile'));
      file.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = t('published.reading', { count: formatInteger(chosen.length) });
    let imported: PublishedImport;
    try {
      imported = await importPublished(app.org, chosen, name.value.trim(), format.value);
    } catch (error) {
      if (!context.current()) return;
      submit.disabled = false;
      status.textContent = '';
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 403) {
        // Format and name problems at their fields; every problem of the file's content at the file.
        const target = error.problem.field === 'format' ? format : error.problem.field === 'name' ? name : file;
        // The importer's words start with the file's name, which keeps its case.
        const words = target === file && error.problem.detail ? error.problem.detail : fieldMessage(error);
        const place = target === file ? problemPlace(error) : '';
        markInvalid(target, place ? `${words} (${place})` : words);
        target.focus();
      } else {
        replace(message, h('p', { class: 'error', role: 'alert' }, describeError(error)));
      }
      return;
    }
    if (!context.current()) return;
    submit.disabled = false;
    status.textContent = t('published.done', {
      values: formatInteger(imported.values),
      missing: formatInteger(imported.missing),
    });
    const panel = summary(imported);
    replace(result, panel);
    panel.focus();
  });
  replace(main, ...heading, h('p', {}, t('published.intro')), form, result);
}
