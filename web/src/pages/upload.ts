// Upload a CSV with progress. The server reads it with the engine's CSV reader: on success the
// inferred columns come back to be marked; on failure the problem names the line, the byte
// column, the column's name and the value, and nothing is stored. The page then shows the lines
// around the error from the user's own file (read locally, only to show it) with the place marked.
import { ApiError, uploadDataset } from '../api';
import type { Dataset, Problem } from '../api';
import type { PageContext } from '../app';
import { field, h, replace } from '../dom';
import { describeError } from '../errors';
import { formatBytes, formatInteger, t } from '../i18n';
import { marksForm } from './marks';
import { pageHeading } from './common';
import { publishedUploadPath } from './published-upload';

const excerptScanLimit = 256 * 1024 * 1024;

interface ExcerptLine {
  number: number;
  bytes: Uint8Array;
}

// Lines line-2 … line+1 of the file (physical lines, 1-based), or null when the line lies beyond
// what is worth scanning in the browser.
export async function readLines(file: Blob, line: number): Promise<ExcerptLine[] | null> {
  const first = Math.max(1, line - 2);
  const last = line + 1;
  const lines: ExcerptLine[] = [];
  let current: number[] = [];
  let number = 1;
  let scanned = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      scanned += value.length;
      for (let i = 0; i < value.length; i++) {
        const byte = value[i];
        if (byte === 0x0a) {
          if (number >= first) lines.push({ number, bytes: Uint8Array.from(current) });
          current = [];
          number += 1;
          if (number > last) return lines;
        } else if (number >= first && current.length < 4096) {
          current.push(byte);
        }
      }
      if (scanned > excerptScanLimit) return null;
    }
    if (current.length && number >= first && number <= last) lines.push({ number, bytes: Uint8Array.from(current) });
    return lines.length ? lines : null;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

function decode(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/\r$/, '').replace(/^\uFEFF/, '');
}

// One line of the excerpt; on the error's line the field starting at the byte column is marked.
function excerptLine(line: ExcerptLine, problem: Problem): HTMLElement {
  const isError = line.number === problem.line;
  const number = h('span', { class: 'line-number' }, String(line.number));
  if (!isError) return h('div', { class: 'excerpt-line' }, number, h('span', { class: 'line-text' }, decode(line.bytes)));
  const column = problem.column && problem.column > 0 ? Math.min(problem.column - 1, line.bytes.length) : -1;
  const text = h('span', { class: 'line-text' });
  if (column < 0) {
    text.append(h('mark', {}, decode(line.bytes)));
  } else {
    const before = decode(line.bytes.subarray(0, column));
    const rest = decode(line.bytes.subarray(column));
    const end = rest.search(/[,;\t]/);
    const marked = end < 0 ? rest : rest.slice(0, end);
    text.append(before, h('mark', {}, marked || ' '), end < 0 ? '' : rest.slice(end));
  }
  return h(
    'div',
    { class: 'excerpt-line error-line' },
    number,
    text,
    h('span', { class: 'excerpt-marker' }, ' ', t('upload.excerptMarker')),
  );
}

function problemPanel(problem: Problem, excerpt: ExcerptLine[] | null): HTMLElement {
  const facts: [string, string][] = [];
  if (problem.line) facts.push([t('upload.where.line'), formatInteger(problem.line)]);
  if (problem.field) facts.push([t('upload.where.field'), problem.field]);
  if (problem.column) facts.push([t('upload.where.position'), formatInteger(problem.column)]);
  if (problem.value !== undefined && problem.value !== '') facts.push([t('upload.where.value'), problem.value]);
  if (problem.detail) facts.push([t('upload.where.detail'), problem.detail]);
  const summary = problem.line
    ? problem.field
      ? t('upload.errorAtField', { line: formatInteger(problem.line), field: problem.field })
      : t('upload.errorAtLine', { line: formatInteger(problem.line) })
    : t('upload.errorNoPlace');
  return h(
    'section',
    { class: 'problem', 'aria-labelledby': 'problem-heading', tabindex: '-1', id: 'upload-problem' },
    h('h2', { id: 'problem-heading' }, t('upload.failed')),
    h('p', { class: 'problem-summary' }, summary),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    excerpt && problem.line
      ? h(
          'figure',
          { class: 'excerpt' },
          h('figcaption', {}, t('upload.excerpt', { line: formatInteger(problem.line) })),
          h('div', { class: 'excerpt-lines' }, excerpt.map((line) => excerptLine(line, problem))),
        )
      : null,
    h('p', {}, t('upload.fixAndRetry')),
  );
}

export function renderUpload(context: PageContext): void {
  const { main, app } = context;
  const heading = pageHeading(context, t('upload.title'));
  if (!app.canWrite) {
    replace(main, ...heading, h('p', {}, t('datasets.readerNote')));
    return;
  }
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', required: true });
  const name = h('input', { type: 'text', name: 'name', maxlength: '200' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('upload.submit'));
  const message = h('div', { class: 'form-message' });
  const status = h('div', { class: 'upload-status', role: 'status' });
  const result = h('div', { class: 'upload-result' });
  const progressId = 'upload-progress-label';
  const progress = h('progress', { max: '100', value: '0', 'aria-labelledby': progressId, hidden: true });
  const progressText = h('span', { id: progressId }, '');
  const cancel = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('upload.cancel'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'upload-form-heading' },
    h('h2', { id: 'upload-form-heading', class: 'visually-hidden' }, t('upload.title')),
    field(t('upload.file'), file, t('upload.fileHint')),
    field(t('upload.name'), name, t('upload.nameHint')),
    message,
    h('div', { class: 'actions' }, submit, cancel),
    h('div', { class: 'progress-row' }, progressText, progress),
    status,
  );
  let lastAnnounced = -1;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    replace(result);
    const chosen = file.files?.[0];
    if (!chosen) {
      replace(message, h('p', { class: 'error', role: 'alert' }, t('upload.noFile')));
      file.focus();
      return;
    }
    submit.disabled = true;
    file.disabled = true;
    progress.hidden = false;
    cancel.hidden = false;
    progress.value = 0;
    lastAnnounced = -1;
    replace(status, t('upload.started', { file: chosen.name, size: formatBytes(chosen.size) }));
    progressText.textContent = t('upload.progress', { percent: 0 });
    const handle = uploadDataset(
      app.org,
      chosen,
      name.value.trim(),
      (sent, total) => {
        const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
        progress.value = percent;
        progressText.textContent = t('upload.progress', { percent });
        // The live region speaks every quarter, not every event.
        const quarter = Math.floor(percent / 25);
        if (quarter !== lastAnnounced) {
          lastAnnounced = quarter;
          status.textContent = t('upload.progressLong', {
            percent,
            sent: formatBytes(sent),
            total: formatBytes(total),
          });
        }
      },
      () => {
        progress.value = 100;
        progressText.textContent = t('upload.progress', { percent: 100 });
        status.textContent = t('upload.reading');
        cancel.hidden = true;
      },
    );
    cancel.onclick = () => handle.abort();
    let dataset: Dataset;
    try {
      dataset = await handle.done;
    } catch (error) {
      if (!context.current()) return;
      submit.disabled = false;
      file.disabled = false;
      cancel.hidden = true;
      progress.hidden = true;
      progressText.textContent = '';
      if (error instanceof ApiError && error.problem.code === 'aborted') {
        status.textContent = t('upload.aborted');
        return;
      }
      status.textContent = '';
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 403 && error.status !== 413) {
        let excerpt: ExcerptLine[] | null = null;
        if (error.problem.line) excerpt = await readLines(chosen, error.problem.line).catch(() => null);
        if (!context.current()) return;
        const panel = problemPanel(error.problem, excerpt);
        replace(result, panel);
        panel.focus();
      } else {
        replace(message, h('p', { class: 'error', role: 'alert' }, describeError(error)));
      }
      return;
    }
    if (!context.current()) return;
    cancel.hidden = true;
    status.textContent = t('upload.done', { rows: formatInteger(dataset.row_count), name: dataset.name });
    form.hidden = true;
    const done = h(
      'section',
      { class: 'uploaded', 'aria-labelledby': 'uploaded-heading', tabindex: '-1' },
      h('h2', { id: 'uploaded-heading' }, t('upload.uploadedHeading', { name: dataset.name })),
      h('p', {}, t('upload.done', { rows: formatInteger(dataset.row_count), name: dataset.name })),
      dataset.notes.length
        ? h('details', {}, h('summary', {}, t('dataset.notes')), h('ul', {}, dataset.notes.map((note) => h('li', {}, note))))
        : null,
      marksForm(app, dataset, (saved) => app.navigate(`/datamangder/${saved.id}`, t('marks.saved'))),
      h('p', {}, h('a', { href: `/datamangder/${dataset.id}`, 'data-link': true }, t('upload.skipMarks'))),
    );
    replace(result, done);
    done.focus();
  });
  replace(
    main,
    ...heading,
    h('p', {}, t('upload.intro')),
    h('p', {}, h('a', { href: publishedUploadPath, 'data-link': true }, t('published.link'))),
    form,
    result,
  );
}
