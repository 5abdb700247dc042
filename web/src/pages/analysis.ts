// A saved analysis: its long-format results, chosen by indicator, area level, area, period and
// dimension, drawn as a chart with confidence intervals and listed in a table (the chart's text
// alternative), with the server's inequality measures for the chosen dimension below; export to
// CSV and Excel; the definitions it was run with. Every number shown is one the server returned.
import { api } from '../api';
import type { Analysis, IndicatorDefinition, InequalityMeasure, InequalityResult, InequalityRow, ResultRow } from '../api';
import type { PageContext } from '../app';
import type { BarDatum, ChartTexts, ResultChart, SeriesDatum } from '../chart';
import { field, h, option, replace } from '../dom';
import { describeError } from '../errors';
import { decimalsFor, formatDate, formatInteger, formatLevel, formatNumber, lang, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import { distributionSection } from './distribution-panel';
import type { TableColumn } from './common';
import type { Key } from '../i18n/sv';
import { axisUnit, chartCsvColumns, chartDownloads, rememberSelection, rowsCsv, selectionFromQuery } from './analysis-chart';
import type { Selection } from './analysis-chart';

const allPeriods = '*';

function unique<T>(values: T[]): T[] {
  return Array.from(new Set(values));
}

function indicatorName(definition: IndicatorDefinition | undefined, row?: ResultRow): string {
  if (definition) return lang() === 'en' && definition.name_en ? definition.name_en : definition.name_sv;
  return row?.indicator_name ?? '';
}

function unitOf(definition: IndicatorDefinition | undefined): string {
  if (!definition) return '';
  return (lang() === 'en' ? definition.unit_en || definition.unit_sv : definition.unit_sv) ?? '';
}

// The area levels the code lists know, in words; another (a dataset's own column) as it is.
const knownLevels = ['riket', 'alla', 'lan', 'kommun', 'regso', 'deso'] as const;

function levelLabel(level: string): string {
  return (knownLevels as readonly string[]).includes(level) ? t(`analysis.level.${level}` as Key) : level;
}

// The areas' names and the dimensions' labels as the engine gives them (area_name,
// dimension_label, in the language of the request), by level and code and by dimension.
const areaNames = new Map<string, string>();
const dimensionLabels = new Map<string, string>();

function rememberAreaNames(rows: ResultRow[]): void {
  for (const row of rows) {
    areaNames.set(`${row.area_level}|${row.area}`, row.area_name);
    dimensionLabels.set(row.dimension, row.dimension_label);
  }
}

function areaLabel(level: string, area: string): string {
  const name = areaNames.get(`${level}|${area}`);
  if (!name || name === area) return area;
  return level === 'riket' || level === 'alla' ? name : `${name} (${area})`;
}

function dimensionLabel(dimension: string): string {
  return dimensionLabels.get(dimension) || (dimension === 'total' ? t('analysis.total') : dimension);
}

function subgroupLabel(row: ResultRow): string {
  return row.subgroup_label || row.subgroup;
}

// Why a value is missing or to be read with care, in the engine's words (flag_label,
// suppression_reason_label).
function noteOf(row: ResultRow): string {
  const notes: string[] = [];
  if (row.suppressed) notes.push(t('analysis.suppressed') + (row.suppression_reason_label ? `: ${row.suppression_reason_label}` : ''));
  if (row.flag) notes.push(t('analysis.flag', { flag: row.flag_label || row.flag }));
  if (row.reference_subgroup) notes.push(t('analysis.reference'));
  return notes.join('; ');
}

function sortRows(rows: ResultRow[]): ResultRow[] {
  return [...rows].sort((a, b) => {
    if (a.period !== b.period) return a.period < b.period ? -1 : 1;
    const ao = a.subgroup_order || 0;
    const bo = b.subgroup_order || 0;
    if (ao !== bo) return ao - bo;
    return 0;
  });
}

export async function renderAnalysis(context: PageContext): Promise<void> {
  const { main, app } = context;
  const id = Number(context.params.id);
  context.setTitle(t('analysis.loadingTitle'));
  replace(main, h('h1', { tabindex: '-1' }, t('analysis.loadingTitle')), loading());
  // The inequality measures are fetched once with the results; their failure leaves the rest.
  const [analysis, rows, datasets, inequality] = await Promise.all([
    api.analysis(app.org, id),
    api.results(app.org, id),
    api.datasets(app.org),
    api.inequality(app.org, id, lang()).catch((error: unknown) => ({ error })),
  ]);
  if (!context.current()) return;
  const definitions = new Map((analysis.indicators ?? []).map((d) => [d.id, d]));
  const dataset = datasets.find((d) => d.id === analysis.dataset_id);
  const heading = pageHeading(context, t('analysis.title', { name: analysis.name }));

  const meta = h(
    'p',
    { class: 'meta' },
    t('analysis.meta', {
      count: formatInteger(analysis.result_count),
      date: formatDate(analysis.created_at),
      dataset: analysis.source
        ? t('analyses.publishedSource', { files: analysis.source.files.join(', ') })
        : dataset
          ? dataset.name
          : t('analyses.datasetRemoved'),
    }),
  );
  // CSV as the interface's Excel opens it, or with ',' and points for other programs.
  const csvLink = h('a', { class: 'button secondary', download: '', 'data-export': 'csv' }, t('analysis.exportCsv'));
  const inequalityCsvLink = h('a', { class: 'button secondary', download: '', 'data-export': 'inequality-csv' }, t('analysis.exportInequalityCsv'));
  const csvFormat = h(
    'select',
    { id: 'export-csv-format' },
    option('comma', t('analysis.csvDecimalComma')),
    option('point', t('analysis.csvDecimalPoint')),
  ) as HTMLSelectElement;
  csvFormat.value = lang() === 'sv' ? 'comma' : 'point';
  const setCsvLinks = (): void => {
    const decimal = csvFormat.value === 'point' ? 'point' : 'comma';
    csvLink.setAttribute('href', api.exportUrl(app.org, id, 'csv', { decimal }));
    inequalityCsvLink.setAttribute('href', api.exportUrl(app.org, id, 'csv', { table: 'inequality', decimal }));
  };
  setCsvLinks();
  csvFormat.addEventListener('change', setCsvLinks);
  const exports = h(
    'div',
    { class: 'actions export' },
    field(t('analysis.csvFormat'), csvFormat),
    csvLink,
    inequalityCsvLink,
    h('a', { class: 'button secondary', href: api.exportUrl(app.org, id, 'xlsx'), download: '', 'data-export': 'xlsx' }, t('analysis.exportXlsx')),
  );

  if (rows.length === 0) {
    replace(main, ...heading, meta, h('p', { class: 'empty' }, t('analysis.noResults')), exports, definitionsSection(analysis));
    return;
  }

  // The choice in the address (a language switch, a reload or a shared link), else the defaults.
  const wanted = selectionFromQuery(context.query);
  const selection: Selection = {
    indicator: wanted.indicator ?? rows[0].indicator,
    level: wanted.level ?? '',
    area: wanted.area ?? '',
    period: wanted.period ?? '',
    dimension: wanted.dimension ?? '',
  };
  // The organisation's own area (a municipality's code) is the first shown, where it has results.
  const ownArea = app.membership.organisation.area_code ?? '';
  const controls = h('div', { class: 'filters form-grid' });
  const output = h('div', { class: 'results-output' });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const inequalityOutput = h('div', { class: 'inequality-output' });
  let chart: ResultChart | null = null;

  const selectFor = (
    key: keyof Selection,
    label: string,
    values: { value: string; label: string }[],
  ): HTMLElement => {
    if (!values.some((v) => v.value === selection[key])) selection[key] = values[0]?.value ?? '';
    const select = h(
      'select',
      {
        name: key,
        onchange: (event: Event) => {
          selection[key] = (event.target as HTMLSelectElement).value;
          draw(key);
        },
      },
      values.map((v) => option(v.value, v.label, v.value === selection[key])),
    );
    select.id = `filter-${key}`;
    return field(label, select);
  };

  // Rebuild the controls (choices depend on earlier ones) and the output.
  rememberAreaNames(rows);
  const draw = (changed?: keyof Selection) => {
    const ofIndicator = rows.filter((r) => r.indicator === selection.indicator);
    // Area levels in the definition's order: the finest first.
    const order = definitions.get(selection.indicator)?.areas ?? [];
    const rank = (level: string) => (order.includes(level) ? order.indexOf(level) : order.length);
    const levels = unique(ofIndicator.map((r) => r.area_level)).sort((a, b) => rank(a) - rank(b));
    if (!levels.includes(selection.level)) {
      selection.level = levels.find((l) => ofIndicator.some((r) => r.area_level === l && r.area === ownArea)) ?? levels[0];
    }
    const ofLevel = ofIndicator.filter((r) => r.area_level === selection.level);
    const areas = unique(ofLevel.map((r) => r.area));
    if (!areas.includes(selection.area)) selection.area = areas.includes(ownArea) ? ownArea : areas[0];
    const ofArea = ofLevel.filter((r) => r.area === selection.area);
    const periods = unique(ofArea.map((r) => r.period)).sort();
    const dimensions = unique(ofArea.map((r) => r.dimension));
    // A first dimension other than the total, when there is one.
    if (!dimensions.includes(selection.dimension)) selection.dimension = dimensions.find((d) => d !== 'total') ?? dimensions[0];
    const periodValues = [
      ...(periods.length > 1 ? [{ value: allPeriods, label: t('analysis.allPeriods') }] : []),
      ...periods.map((p) => ({ value: p, label: p || t('analysis.noPeriod') })),
    ];
    // The latest period by default; the time series is one choice away.
    if (!periodValues.some((p) => p.value === selection.period)) selection.period = periods[periods.length - 1] ?? '';

    const indicatorIds = unique(rows.map((r) => r.indicator));
    replace(
      controls,
      selectFor(
        'indicator',
        t('analysis.indicator'),
        indicatorIds.map((i) => ({ value: i, label: indicatorName(definitions.get(i), rows.find((r) => r.indicator === i)) })),
      ),
      selectFor('level', t('analysis.areaLevel'), levels.map((l) => ({ value: l, label: levelLabel(l) }))),
      selectFor('area', t('analysis.area'), areas.map((a) => ({ value: a, label: areaLabel(selection.level, a) }))),
      selectFor('dimension', t('analysis.dimension'), dimensions.map((d) => ({ value: d, label: dimensionLabel(d) }))),
      selectFor('period', t('analysis.period'), periodValues),
    );
    if (changed) (controls.querySelector(`#filter-${changed}`) as HTMLElement | null)?.focus();

    const chosen = sortRows(
      ofArea.filter(
        (r) => r.dimension === selection.dimension && (selection.period === allPeriods || r.period === selection.period),
      ),
    );
    // A choice made here goes into the address; the defaults leave it as it was.
    if (changed) rememberSelection(selection);
    drawInequality(inequalityOutput, inequality, selection, ofArea);
    void drawOutput(chosen, periods, ofIndicator[0]);
  };

  const drawOutput = async (chosen: ResultRow[], periods: string[], sample: ResultRow) => {
    const definition = definitions.get(selection.indicator);
    const name = indicatorName(definition, sample);
    const unit = unitOf(definition);
    const confidence = formatLevel(sample.confidence ?? 0.95);
    const digits = decimalsFor(chosen.flatMap((r) => [r.estimate, r.lower, r.upper]));
    const countDigits = decimalsFor(chosen.flatMap((r) => [r.numerator, r.denominator]));
    const timeSeries = selection.period === allPeriods;
    const where = `${areaLabel(selection.level, selection.area)}, ${dimensionLabel(selection.dimension)}${timeSeries ? '' : selection.period ? `, ${selection.period}` : ''}`;
    const chartTitle = `${name} – ${where}`;
    const alt = timeSeries
      ? t('analysis.altLines', { indicator: name, dimension: dimensionLabel(selection.dimension), area: areaLabel(selection.level, selection.area), confidence, first: periods[0], last: periods[periods.length - 1] })
      : t('analysis.altBars', { indicator: name, dimension: dimensionLabel(selection.dimension), area: areaLabel(selection.level, selection.area), confidence });
    const chartBox = h('div', { class: 'chart', role: 'img', 'aria-label': alt, 'data-chart': timeSeries ? 'lines' : 'bars' });
    const csvColumns = chartCsvColumns({
      area: (r) => areaLabel(r.area_level, r.area),
      dimension: (r) => dimensionLabel(r.dimension),
      subgroup: subgroupLabel,
      note: noteOf,
      confidence,
    });
    const downloads = chartDownloads(
      () => (chartBox.dataset.ready === 'true' ? chart : null),
      () => rowsCsv(chosen, csvColumns),
      [name, dimensionLabel(selection.dimension), timeSeries ? '' : selection.period],
    );
    const columns: TableColumn<ResultRow>[] = [
      { header: t('analysis.col.subgroup'), rowHeader: true, cell: (r) => subgroupLabel(r) },
      ...(timeSeries || periods.length > 1 ? [{ header: t('analysis.col.period'), cell: (r: ResultRow) => r.period }] : []),
      { header: t('analysis.col.estimate'), numeric: true, cell: (r) => (r.suppressed ? t('analysis.hidden') : formatNumber(r.estimate, digits)) },
      { header: t('analysis.col.lower', { confidence }), numeric: true, cell: (r) => formatNumber(r.lower, digits) },
      { header: t('analysis.col.upper', { confidence }), numeric: true, cell: (r) => formatNumber(r.upper, digits) },
      { header: t('analysis.col.numerator'), numeric: true, cell: (r) => formatNumber(r.numerator, countDigits) },
      { header: t('analysis.col.denominator'), numeric: true, cell: (r) => formatNumber(r.denominator, countDigits) },
      { header: t('analysis.col.note'), cell: (r) => noteOf(r) },
    ];
    const about = [
      unit ? t('analysis.unit', { unit }) : '',
      sample.favourable_indicator ? t('analysis.favourableHigh') : t('analysis.favourableLow'),
      t('analysis.interval', { confidence, method: sample.method_label || sample.method }),
    ].filter(Boolean).join(' · ');
    if (chart) {
      chart.dispose();
      chart = null;
    }
    replace(
      output,
      h(
        'figure',
        { class: 'chart-figure', 'aria-labelledby': 'chart-title' },
        h('figcaption', { id: 'chart-title' }, h('span', { class: 'chart-title' }, chartTitle), h('span', { class: 'chart-about' }, about)),
        chartBox,
        h('p', { class: 'hint' }, timeSeries ? t('analysis.chartHintLines') : t('analysis.chartHint')),
        chosen.length ? downloads : null,
      ),
      chosen.length ? dataTable(t('analysis.tableCaption', { title: chartTitle }), columns, chosen) : h('p', { class: 'empty' }, t('analysis.noRows')),
    );
    status.textContent = t('analysis.showing', { count: chosen.length, title: chartTitle });
    if (!chosen.length) return;
    const texts: ChartTexts = {
      estimate: t('analysis.col.estimate'),
      interval: t('analysis.ciShort', { confidence }),
      axis: axisUnit(definition, sample),
      format: (value) => formatNumber(value, digits),
      axisFormat: (value) => formatNumber(value),
    };
    // ECharts loads on the first chart, not with the log-in page.
    const { ResultChart: Chart } = await import('../chart');
    if (!context.current() || !chartBox.isConnected) return;
    chart = new Chart(chartBox);
    if (timeSeries) {
      const groups = unique(chosen.map((r) => subgroupLabel(r)));
      const series: SeriesDatum[] = groups.map((group) => ({
        name: group,
        points: chosen
          .filter((r) => subgroupLabel(r) === group)
          .map((r) => ({ label: group, period: r.period, estimate: r.estimate, lower: r.lower, upper: r.upper, note: noteOf(r) })),
      }));
      chart.lines(series, periods, texts);
    } else {
      const data: BarDatum[] = chosen.map((r) => ({ label: subgroupLabel(r), estimate: r.estimate, lower: r.lower, upper: r.upper, note: noteOf(r) }));
      chart.bars(data, texts);
    }
    chartBox.dataset.ready = 'true';
  };

  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const remove = app.canWrite
    ? h(
        'button',
        {
          type: 'button',
          class: 'button danger',
          onclick: async () => {
            if (!window.confirm(t('analysis.confirmDelete', { name: analysis.name }))) return;
            try {
              await api.deleteAnalysis(app.org, analysis.id);
              app.navigate('/analyser', t('analysis.deleted', { name: analysis.name }));
            } catch (error) {
              replace(message, h('p', { class: 'error', role: 'alert' }, describeError(error)));
            }
          },
        },
        t('analysis.delete'),
      )
    : null;

  replace(
    main,
    ...heading,
    h('p', {}, h('a', { href: '/analyser', 'data-link': true }, t('analysis.back'))),
    meta,
    h('p', {}, h('a', { href: `/analyser/${id}/jamforelse`, 'data-link': true, class: 'button secondary' }, t('compare.openLink'))),
    h('section', { 'aria-labelledby': 'export-heading' }, h('h2', { id: 'export-heading' }, t('analysis.export')), exports),
    h(
      'section',
      { 'aria-labelledby': 'results-heading' },
      h('h2', { id: 'results-heading' }, t('analysis.results')),
      h('form', { class: 'card', 'aria-label': t('analysis.filters'), onsubmit: (e: Event) => e.preventDefault() }, controls),
      status,
      output,
    ),
    h(
      'section',
      { 'aria-labelledby': 'inequality-heading', 'data-section': 'inequality' },
      h('h2', { id: 'inequality-heading' }, t('inequality.heading')),
      inequalityOutput,
    ),
    analysis.dataset_id ? distributionSection(app.org, analysis.dataset_id) : null,
    definitionsSection(analysis),
    remove ? h('section', { class: 'danger-zone', 'aria-labelledby': 'delete-heading' }, h('h2', { id: 'delete-heading' }, t('analysis.deleteHeading')), remove, message) : null,
  );
  draw();
}

// Decimals for one measure's figures: ratios near 1 and indices near 0 need more than gaps in
// percentage points.
function measureDigits(row: InequalityRow): number {
  const largest = Math.max(0, ...[row.estimate, row.lower, row.upper].filter((v): v is number => v !== null).map(Math.abs));
  return largest >= 10 ? 1 : largest >= 1 ? 2 : 3;
}

// The measures of the chosen indicator, area, period (or every period) and dimension: a table of
// label, estimate, interval, what the value says for the indicator's polarity (the server's
// reading) and why a value is missing, and what each measure means. Measures that
// cannot apply to the dimension's type (SII on sex) are left out and named.
function drawInequality(
  target: HTMLElement,
  result: InequalityResult | { error: unknown },
  selection: Selection,
  ofArea: ResultRow[],
): void {
  if ('error' in result) {
    replace(target, h('p', { class: 'error' }, t('inequality.failed', { reason: describeError(result.error) })));
    return;
  }
  const dimension = selection.dimension;
  if (dimension === 'total') {
    replace(target, h('p', { class: 'empty' }, t('inequality.chooseDimension')));
    return;
  }
  if (dimension.includes(' × ')) {
    replace(target, h('p', { class: 'empty' }, t('inequality.crossed')));
    return;
  }
  const ordered = ofArea.some((r) => r.dimension === dimension && r.ordered_dimension);
  const applies = (m: InequalityMeasure) => (ordered ? m.applicability.ordered : m.applicability.binary || m.applicability.unordered);
  const shown = result.measures.filter(applies);
  const left = result.measures.filter((m) => !applies(m));
  const order = new Map(shown.map((m, i) => [m.id, i]));
  const timeSeries = selection.period === allPeriods;
  const rows = result.rows
    .filter(
      (r) =>
        r.indicator === selection.indicator &&
        r.area_level === selection.level &&
        r.area === selection.area &&
        r.dimension === dimension &&
        order.has(r.measure) &&
        (timeSeries || r.period === selection.period),
    )
    .sort((a, b) => (a.period !== b.period ? (a.period < b.period ? -1 : 1) : (order.get(a.measure) ?? 0) - (order.get(b.measure) ?? 0)));
  const where = `${areaLabel(selection.level, selection.area)}, ${dimensionLabel(dimension)}${timeSeries ? '' : selection.period ? `, ${selection.period}` : ''}`;
  const confidence = formatLevel(rows.find((r) => r.confidence !== null)?.confidence ?? 0.95);
  const columns: TableColumn<InequalityRow>[] = [
    { header: t('inequality.col.measure'), rowHeader: true, cell: (r) => r.measure_label },
    ...(timeSeries ? [{ header: t('analysis.col.period'), cell: (r: InequalityRow) => r.period }] : []),
    { header: t('inequality.col.estimate'), numeric: true, cell: (r) => formatNumber(r.estimate, measureDigits(r)) },
    {
      header: t('inequality.col.interval', { confidence }),
      numeric: true,
      cell: (r) => (r.lower !== null && r.upper !== null ? `${formatNumber(r.lower, measureDigits(r))} – ${formatNumber(r.upper, measureDigits(r))}` : '–'),
    },
    { header: t('inequality.col.reading'), cell: (r) => r.reading ?? '' },
    { header: t('inequality.col.note'), cell: (r) => (r.estimate === null ? t('inequality.undefined', { reason: r.reason ?? '' }) : (r.reason ?? '')) },
  ];
  const table = rows.length
    ? dataTable(t('inequality.caption', { where }), columns, rows)
    : h('p', { class: 'empty' }, t('inequality.noRows'));
  // Rows carry their measure and raw estimate for tests and scripts; the text shows the formatted one.
  table.querySelectorAll('tbody tr').forEach((tr, i) => {
    (tr as HTMLElement).dataset.measure = rows[i].measure;
    if (rows[i].estimate !== null) (tr as HTMLElement).dataset.estimate = String(rows[i].estimate);
  });
  replace(
    target,
    h('p', {}, t(ordered ? 'inequality.introOrdered' : 'inequality.intro', { dimension: dimensionLabel(dimension) })),
    table,
    left.length
      ? h('p', { class: 'hint' }, t(ordered ? 'inequality.leftOutOrdered' : 'inequality.leftOut', { measures: left.map((m) => m.label).join(', ') }))
      : null,
    shown.length
      ? h(
          'div',
          { class: 'measure-notes' },
          h('h3', {}, t('inequality.howToRead')),
          h('dl', { class: 'facts' }, shown.map((m) => [h('dt', {}, m.label), h('dd', {}, m.interpretation)])),
        )
      : null,
  );
}

function definitionsSection(analysis: Analysis): HTMLElement {
  const items = (analysis.indicators ?? []).map((d) => {
    const facts: [string, string][] = [
      [t('indicator.type'), d.type],
      ...(d.method ? [[t('indicator.method'), d.method] as [string, string]] : []),
      ...(d.numerator ? [[t('indicator.numerator'), d.numerator] as [string, string]] : []),
      ...(d.numerator_where ? [[t('indicator.numeratorWhere'), d.numerator_where] as [string, string]] : []),
      ...(d.denominator ? [[t('indicator.denominator'), d.denominator] as [string, string]] : []),
      ...(d.value ? [[t('indicator.value'), d.value] as [string, string]] : []),
      ...(d.age ? [[t('indicator.age'), d.age] as [string, string]] : []),
      ...(d.filter ? [[t('indicator.filter'), d.filter] as [string, string]] : []),
      ...(d.multiplier ? [[t('indicator.multiplier'), formatNumber(d.multiplier)] as [string, string]] : []),
      [t('indicator.favourable'), d.higher_is_favourable ? t('indicator.favourableHigh') : t('indicator.favourableLow')],
      [t('indicator.dimensions'), (d.dimensions ?? []).map((x) => (Array.isArray(x) ? x.join(' × ') : x)).join(', ') || '–'],
      [t('indicator.areas'), (d.areas ?? []).map(levelLabel).join(', ') || '–'],
      [t('indicator.period'), d.period || '–'],
    ];
    return h(
      'div',
      { class: 'definition' },
      h('h3', {}, indicatorName(d)),
      h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    );
  });
  return h(
    'section',
    { 'aria-labelledby': 'definitions-heading' },
    h('h2', { id: 'definitions-heading' }, t('analysis.definitions')),
    h('details', {}, h('summary', {}, t('analysis.showDefinitions')), items),
  );
}
