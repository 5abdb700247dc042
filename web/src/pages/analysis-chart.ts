// The analysis page's chart around the chart itself: the choice (indicator, area level, area,
// breakdown, period) kept in the address so that a language switch, a reload or a shared link
// shows the same; the value axis's unit; and the downloads of the shown chart (PNG, SVG) and of
// its rows (CSV in the user's language).
import type { IndicatorDefinition, ResultRow } from '../api';
import type { ResultChart } from '../chart';
import { h } from '../dom';
import { formatInteger, lang, t } from '../i18n';

export interface Selection {
  indicator: string;
  level: string;
  area: string;
  period: string;
  dimension: string;
}

// The address's names for the choices, in Swedish like the paths.
const queryNames: Record<keyof Selection, string> = {
  indicator: 'indikator',
  level: 'niva',
  area: 'omrade',
  dimension: 'uppdelning',
  period: 'period',
};

export function selectionFromQuery(query: URLSearchParams): Partial<Selection> {
  const chosen: Partial<Selection> = {};
  for (const [key, name] of Object.entries(queryNames) as [keyof Selection, string][]) {
    const value = query.get(name);
    if (value !== null) chosen[key] = value;
  }
  return chosen;
}

// Keep the choice in the address without a new history entry per change.
export function rememberSelection(selection: Selection): void {
  const query = new URLSearchParams(location.search);
  for (const [key, name] of Object.entries(queryNames) as [keyof Selection, string][]) query.set(name, selection[key]);
  const next = `${location.pathname}?${query.toString()}`;
  if (next !== location.pathname + location.search) history.replaceState(history.state, '', next);
}

// The value axis's title: the definition's own unit, else what the indicator's type and scale
// make of it (per cent for proportions, per 100 000 for rates).
export function axisUnit(definition: IndicatorDefinition | undefined, sample: ResultRow): string {
  const own = definition ? (lang() === 'en' ? definition.unit_en || definition.unit_sv : definition.unit_sv) : '';
  if (own) return own;
  const scale = sample.indicator_scale || 1;
  const per = t('analysis.axis.per', { scale: formatInteger(scale) });
  switch (sample.indicator_type) {
    case 'proportion':
      return scale === 100 ? t('analysis.axis.percent') : scale === 1 ? t('analysis.axis.share') : per;
    case 'rate':
    case 'dsr':
      return per;
    case 'count':
      return t('analysis.axis.count');
    case 'isr':
      return scale === 100 ? t('analysis.axis.smr100') : t('analysis.axis.smr');
    case 'life_expectancy':
      return t('analysis.axis.years');
    case 'mean':
      return t('analysis.axis.mean', { column: definition?.value ?? '' });
    case 'median':
      return t('analysis.axis.median', { column: definition?.value ?? '' });
    default:
      return scale === 1 ? '' : per;
  }
}

// A file name from the indicator and the breakdown, letters (å ä ö too) and digits kept.
export function downloadName(parts: string[], extension: string): string {
  const base = parts
    .join(' ')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return `${base || 'diagram'}.${extension}`;
}

export interface CsvColumn {
  header: string;
  value: (row: ResultRow) => string | number | null;
}

// The rows as CSV in the user's language: Swedish with ';' and a decimal comma, English with ','
// and a point; UTF-8 with a byte order mark so that a spreadsheet reads å ä ö. A text that a
// spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe.
export function rowsCsv(rows: ResultRow[], columns: CsvColumn[]): string {
  const swedish = lang() === 'sv';
  const separator = swedish ? ';' : ',';
  const cell = (value: string | number | null): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      const text = String(value);
      return swedish ? text.replace('.', ',') : text;
    }
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /["\n\r;,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((c) => cell(c.header)).join(separator), ...rows.map((row) => columns.map((c) => cell(c.value(row))).join(separator))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// Three buttons under the chart: the chart as PNG and SVG, its rows as CSV. `chart` is asked at
// the click, as the chart draws after the buttons exist.
export function chartDownloads(chart: () => ResultChart | null, csv: () => string, nameParts: string[]): HTMLElement {
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const button = (label: string, format: string, make: () => Promise<Blob | null>) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary small',
        'data-download': format,
        onclick: async () => {
          const blob = await make();
          if (!blob) return;
          const name = downloadName(nameParts, format);
          save(blob, name);
          status.textContent = t('analysis.download.saved', { name });
        },
      },
      label,
    );
  return h(
    'div',
    { class: 'actions chart-downloads', role: 'group', 'aria-label': t('analysis.download.label') },
    button(t('analysis.download.png'), 'png', async () => (chart() ? await chart()!.png() : null)),
    button(t('analysis.download.svg'), 'svg', async () => {
      const current = chart();
      return current ? new Blob([current.svg()], { type: 'image/svg+xml;charset=utf-8' }) : null;
    }),
    button(t('analysis.download.csv'), 'csv', async () => new Blob([csv()], { type: 'text/csv;charset=utf-8' })),
    status,
  );
}

// The CSV's columns for the shown rows: where, which group, the estimate and its interval, the
// counts and the note, headed in the user's language.
export function chartCsvColumns(labels: {
  area: (row: ResultRow) => string;
  dimension: (row: ResultRow) => string;
  subgroup: (row: ResultRow) => string;
  note: (row: ResultRow) => string;
  confidence: string;
}): CsvColumn[] {
  return [
    { header: t('analysis.area'), value: labels.area },
    { header: t('analysis.col.period'), value: (r) => r.period },
    { header: t('analysis.dimension'), value: labels.dimension },
    { header: t('analysis.col.subgroup'), value: labels.subgroup },
    { header: t('analysis.col.estimate'), value: (r) => (r.suppressed ? null : r.estimate) },
    { header: t('analysis.col.lower', { confidence: labels.confidence }), value: (r) => (r.suppressed ? null : r.lower) },
    { header: t('analysis.col.upper', { confidence: labels.confidence }), value: (r) => (r.suppressed ? null : r.upper) },
    { header: t('analysis.col.numerator'), value: (r) => r.numerator },
    { header: t('analysis.col.denominator'), value: (r) => r.denominator },
    { header: t('analysis.col.note'), value: labels.note },
  ];
}
