// "Fördelning / Distribution" on the analysis page: distribution measures (Gini, S80/S20, …) of a
// continuous outcome such as income in the analysis' dataset, per group of the chosen columns and
// for everyone, as the API computes and releases them. Nothing is computed here; a withheld group
// is shown in words.
import { api } from '../api';
import type { Dataset, DistributionResult, DistributionRow } from '../api';
import { field, h, option, replace } from '../dom';
import { describeError } from '../errors';
import { formatInteger, formatNumber, t } from '../i18n';
import type { Key } from '../i18n/sv';
import { dataTable, loading } from './common';
import type { TableColumn } from './common';

// The measures offered, with the server's defaults checked.
const kMeasures = ['gini', 's80_s20', 'p90_p10', 'palma', 'theil_t', 'mld', 'atkinson', 'cv'];
const kDefaults = new Set(['gini', 's80_s20', 'p90_p10', 'palma']);
const kMaxGroupBy = 4;
// Fewer resamples than the CLI's default keep the answer quick in a browser.
const kDraws = 500;

function measureLabel(id: string): string {
  const [base, parameter] = id.split(':');
  const label = t(`distribution.measure.${base}` as Key);
  return parameter ? `${label} (${parameter})` : label;
}

function groupLabel(value: string): string {
  return value === 'total' ? t('distribution.total') : value;
}

function noteOf(row: DistributionRow): string {
  if (row.suppressed) {
    const reason = row.suppression_reason ?? 'denominator_below_minimum';
    return t('distribution.withheld', { reason: t(`analysis.reason.${reason}` as Key) });
  }
  if (row.estimate === null) return t('distribution.undefined', { reason: row.reason ?? '' });
  return '';
}

function resultTable(result: DistributionResult): HTMLElement {
  const confidence = formatNumber(result.confidence * 100, 0);
  const columns: TableColumn<DistributionRow>[] = [
    ...result.by.map((name, i) => ({
      header: name,
      cell: (row: DistributionRow) => groupLabel(row.groups[name] ?? ''),
      rowHeader: i === 0,
    })),
    { header: t('distribution.col.measure'), cell: (row) => measureLabel(row.measure), rowHeader: result.by.length === 0 },
    { header: t('distribution.col.estimate'), cell: (row) => formatNumber(row.estimate, 3), numeric: true },
    {
      header: t('distribution.col.interval', { confidence }),
      cell: (row) => (row.lower === null || row.upper === null ? '–' : `${formatNumber(row.lower, 3)} – ${formatNumber(row.upper, 3)}`),
      numeric: true,
    },
    { header: t('distribution.col.n'), cell: (row) => (row.n === null ? '–' : formatInteger(row.n)), numeric: true },
    { header: t('distribution.col.note'), cell: noteOf },
  ];
  return dataTable(t('distribution.caption', { value: result.value }), columns, result.rows);
}

// The section, filled in once the dataset's columns are known.
export function distributionSection(org: number, datasetId: number): HTMLElement {
  const output = h('div', { 'aria-live': 'polite', 'data-distribution-output': true });
  const form = h('form', { class: 'card', 'aria-label': t('distribution.form') });
  const section = h(
    'section',
    { 'aria-labelledby': 'distribution-heading', 'data-section': 'distribution' },
    h('h2', { id: 'distribution-heading' }, t('distribution.heading')),
    h('p', {}, t('distribution.intro')),
    form,
    output,
  );
  replace(form, loading());
  api
    .dataset(org, datasetId)
    .then((dataset) => fillForm(form, output, org, dataset))
    .catch((error: unknown) => replace(form, h('p', { class: 'error', role: 'alert' }, describeError(error))));
  return section;
}

function fillForm(form: HTMLFormElement, output: HTMLElement, org: number, dataset: Dataset): void {
  const columns = dataset.columns ?? [];
  const numeric = columns.filter((c) => c.type === 'int64' || c.type === 'double');
  const groups = columns.filter((c) => c.type === 'categorical' || c.type === 'string');
  if (numeric.length === 0) {
    replace(form, h('p', { class: 'empty' }, t('distribution.noNumeric')));
    return;
  }
  const preferred = numeric.find((c) => c.name === 'inkomst') ?? numeric[0];
  const value = h('select', { name: 'value' }, numeric.map((c) => option(c.name, c.name, c === preferred)));
  const weight = h(
    'select',
    { name: 'weight' },
    option('', t('distribution.noWeight'), true),
    numeric.map((c) => option(c.name, c.name)),
  );
  const byBoxes = groups.map((c) => h('input', { type: 'checkbox', name: 'by', value: c.name }));
  const measureBoxes = kMeasures.map((id) => {
    const box = h('input', { type: 'checkbox', name: 'measure', value: id });
    box.checked = kDefaults.has(id);
    return box;
  });
  const fieldset = (legend: string, boxes: HTMLInputElement[], label: (b: HTMLInputElement) => string) =>
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', {}, legend),
      boxes.map((box) => h('label', { class: 'choice' }, box, ' ', label(box))),
    );
  const submit = h('button', { type: 'submit', class: 'button' }, t('distribution.compute'));
  replace(
    form,
    field(t('distribution.value'), value, t('distribution.valueHint')),
    field(t('distribution.weight'), weight, t('common.optional')),
    groups.length > 0 ? fieldset(t('distribution.by', { most: kMaxGroupBy }), byBoxes, (b) => b.value) : null,
    fieldset(t('distribution.measures'), measureBoxes, (b) => measureLabel(b.value)),
    h('div', { class: 'actions' }, submit),
  );
  form.onsubmit = async (event: Event) => {
    event.preventDefault();
    const by = byBoxes.filter((b) => b.checked).map((b) => b.value);
    const measures = measureBoxes.filter((b) => b.checked).map((b) => b.value);
    if (by.length > kMaxGroupBy) {
      replace(output, h('p', { class: 'error', role: 'alert' }, t('distribution.tooManyGroups', { most: kMaxGroupBy })));
      return;
    }
    if (measures.length === 0) {
      replace(output, h('p', { class: 'error', role: 'alert' }, t('distribution.noMeasures')));
      return;
    }
    submit.disabled = true;
    replace(output, loading());
    try {
      const result = await api.distribution(org, dataset.id, {
        value: value.value,
        ...(weight.value ? { weight: weight.value } : {}),
        by,
        measures,
        bootstrap_draws: kDraws,
      });
      const withheld = result.rows.filter((row) => row.suppressed).length;
      replace(
        output,
        resultTable(result),
        withheld > 0 ? h('p', { class: 'meta' }, t('distribution.withheldCount', { count: withheld })) : null,
        h('p', { class: 'meta' }, t('distribution.method', { draws: kDraws })),
      );
    } catch (error) {
      replace(output, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    } finally {
      submit.disabled = false;
    }
  };
}
