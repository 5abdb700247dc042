// The comparison page's charts (issue 11 item 5), each drawn from the comparison API's rows as
// they are — marks, comparator values, funnel limits, quartiles and trends all come from the
// server (src/compare); the page only places them. Every chart is a figure with a title, a text
// alternative, its data table (the same values), and downloads of the chart (PNG, SVG) and of the
// table (CSV). A mark is told by its shape and its word as well as by its colour.
import type { ComparisonRow } from '../api';
import type { ResultChart } from '../chart';
import { h } from '../dom';
import { t } from '../i18n';
import type { Key } from '../i18n';
import { chartDownloads, rowsCsv } from './analysis-chart';
import type { CsvColumn } from './analysis-chart';
import { dataTable } from './common';
import type { TableColumn } from './common';

// The marks' looks: colour (4.5:1 against white), a symbol shape in charts and a glyph in text.
const down = 'path://M0,0 L10,0 L5,9 Z';
export const markLook: Record<string, { colour: string; symbol: string; glyph: string }> = {
  better: { colour: '#2e7031', symbol: 'triangle', glyph: '▲' },
  similar: { colour: '#7a5c00', symbol: 'circle', glyph: '●' },
  worse: { colour: '#b3411a', symbol: down, glyph: '▼' },
  higher: { colour: '#1f5fa8', symbol: 'triangle', glyph: '△' },
  lower: { colour: '#1f5fa8', symbol: down, glyph: '▽' },
  not_compared: { colour: '#595959', symbol: 'emptyCircle', glyph: '○' },
};

export const marks = ['better', 'similar', 'worse', 'higher', 'lower', 'not_compared'] as const;

export function markLabel(mark: string): string {
  return (marks as readonly string[]).includes(mark) ? t(`compare.mark.${mark}` as Key) : mark;
}

// The mark in words with its glyph: "▲ Bättre".
export function markText(mark: string): string {
  const look = markLook[mark] ?? markLook.not_compared;
  return `${look.glyph} ${markLabel(mark)}`;
}

export function markBadge(mark: string): HTMLElement {
  return h('span', { class: `mark mark-${mark}`, 'data-mark': mark }, markText(mark));
}

const trendIds = ['increasing', 'decreasing', 'no_significant_change', 'could_not_be_calculated'];
const gapIds = ['narrowing', 'widening', 'no_significant_change', 'could_not_be_calculated'];
const reasonIds = ['fewer_than_five_periods', 'missing_value', 'no_counts_or_intervals', 'no_variation', 'no_standard_error', 'no_comparator_value'];

function reasonText(reason: string): string {
  return reasonIds.includes(reason) ? t(`compare.reason.${reason}` as Key) : reason;
}

// The recent trend in words with an arrow: "↑ Ökande", or why it could not be calculated.
export function trendText(row: ComparisonRow): string {
  const label = trendIds.includes(row.trend) ? t(`compare.trend.${row.trend}` as Key) : row.trend;
  const arrow = row.trend === 'increasing' ? '↑ ' : row.trend === 'decreasing' ? '↓ ' : row.trend === 'no_significant_change' ? '→ ' : '';
  return row.trend === 'could_not_be_calculated' && row.trend_reason ? `${label} (${reasonText(row.trend_reason)})` : `${arrow}${label}`;
}

export function gapTrendText(row: ComparisonRow): string {
  const label = gapIds.includes(row.gap_trend) ? t(`compare.gap.${row.gap_trend}` as Key) : row.gap_trend;
  return row.gap_trend === 'could_not_be_calculated' && row.gap_trend_reason ? `${label} (${reasonText(row.gap_trend_reason)})` : label;
}

export interface FigureColumn<T> {
  header: string;
  // The table's text.
  cell: (row: T) => Node | string;
  // The CSV's value (a number stays a number).
  value: (row: T) => string | number | null;
  numeric?: boolean;
  rowHeader?: boolean;
}

export interface FigureSpec<T> {
  id: string;
  title: string;
  about?: string;
  // The chart's text alternative: what it shows and what it says.
  alt: string;
  hint?: string;
  rows: T[];
  columns: FigureColumn<T>[];
  // Draw on the chart once it exists; `height` is set by the drawer.
  draw: (chart: ResultChart) => void;
  fileName: string[];
  // Each table row's data attributes (for tests and scripts): raw values, not formatted text.
  rowData?: (row: T) => Record<string, string>;
}

// A figure with its chart, downloads and data table; the chart draws after ECharts loads.
export function figure<T>(spec: FigureSpec<T>, isCurrent: () => boolean, charts: ResultChart[]): HTMLElement {
  const titleId = `${spec.id}-title`;
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': spec.alt, 'data-chart': spec.id });
  let chart: ResultChart | null = null;
  const csvColumns: CsvColumn[] = spec.columns.map((c) => ({ header: c.header, value: c.value as unknown as CsvColumn['value'] }));
  const downloads = chartDownloads(
    () => (box.dataset.ready === 'true' ? chart : null),
    () => rowsCsv(spec.rows as unknown as Parameters<typeof rowsCsv>[0], csvColumns),
    spec.fileName,
  );
  const table = dataTable(
    t('compare.tableOf', { title: spec.title }),
    spec.columns.map((c): TableColumn<T> => ({ header: c.header, cell: c.cell, numeric: c.numeric, rowHeader: c.rowHeader })),
    spec.rows,
  );
  if (spec.rowData) {
    table.querySelectorAll('tbody tr').forEach((tr, i) => Object.assign((tr as HTMLElement).dataset, spec.rowData!(spec.rows[i])));
  }
  const element = h(
    'figure',
    { class: 'chart-figure compare-figure', 'aria-labelledby': titleId, 'data-figure': spec.id },
    h('figcaption', { id: titleId }, h('span', { class: 'chart-title' }, spec.title), spec.about ? h('span', { class: 'chart-about' }, spec.about) : null),
    box,
    spec.hint ? h('p', { class: 'hint' }, spec.hint) : null,
    downloads,
    h('details', { class: 'figure-table' }, h('summary', {}, t('compare.showTable')), table),
  );
  void (async () => {
    const { ResultChart: Chart } = await import('../chart');
    if (!isCurrent() || !box.isConnected) return;
    chart = new Chart(box);
    charts.push(chart);
    spec.draw(chart);
    box.dataset.ready = 'true';
  })();
  return element;
}

// ECharts writes tooltips as HTML; chart.ts's escaping, here without loading ECharts with the page.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const textColour = '#1a1a1a';
const axisColour = '#595959';

export function valueAxis(name: string, format: (v: number) => string, extra: Record<string, unknown> = {}) {
  return {
    type: 'value',
    scale: true,
    name,
    nameLocation: 'middle',
    nameGap: 32,
    nameTextStyle: { color: textColour, fontSize: 13, fontWeight: 'bold' },
    axisLabel: { color: textColour, fontSize: 12, formatter: format },
    splitLine: { lineStyle: { color: '#d9d9d9' } },
    ...extra,
  };
}

export function categoryAxis(labels: string[], inverse = false, width = 180) {
  return {
    type: 'category',
    data: labels,
    inverse,
    axisLabel: { interval: 0, color: textColour, fontSize: 12, width, overflow: 'truncate' },
    axisLine: { lineStyle: { color: axisColour } },
    axisTick: { show: false },
  };
}

// `lines` gets the item's data index, its series index and its value.
function tooltip(lines: (index: number, series: number, value: unknown) => string) {
  return {
    trigger: 'item',
    confine: true,
    formatter: (params: { dataIndex: number; seriesIndex: number; value: unknown }) => lines(params.dataIndex, params.seriesIndex, params.value),
  };
}

// A legend of the marks drawn as the chart draws them (shape and colour), for the marks shown.
function markLegend(shown: string[]) {
  return {
    top: 0,
    left: 0,
    itemGap: 16,
    data: shown.map((mark) => ({ name: markText(mark), icon: markLook[mark].symbol, itemStyle: { color: markLook[mark].colour } })),
    textStyle: { color: textColour, fontSize: 12 },
    selectedMode: false,
  };
}

export interface Formatting {
  unit: string;
  format: (value: number | null | undefined) => string;
  axisFormat: (value: number) => string;
}

// Compare-areas bars (Fingertips' "league table"): each area's estimate as a bar coloured and
// labelled by its mark, its interval as a line with caps, the comparator as a vertical line; the
// chosen area's name in bold.
export function drawLeague(chart: ResultChart, rows: ComparisonRow[], chosen: string, comparator: number | null, f: Formatting): void {
  const labels = rows.map((r) => r.area_name || r.area);
  const shown = [...new Set(rows.map((r) => r.comparison))];
  chart.draw(
    {
      grid: { left: 8, right: 24, top: 40, bottom: 40, containLabel: true },
      legend: markLegend(shown),
      tooltip: tooltip((i) => {
        const r = rows[i];
        return r ? `${escapeHtml(labels[i])}: <strong>${escapeHtml(f.format(r.estimate))}</strong> (${escapeHtml(f.format(r.lower))}–${escapeHtml(f.format(r.upper))}) ${escapeHtml(markText(r.comparison))}` : '';
      }),
      yAxis: {
        ...categoryAxis(labels, true),
        axisLabel: {
          interval: 0,
          color: textColour,
          fontSize: 12,
          formatter: (value: string, index: number) => (rows[index]?.area === chosen ? `{chosen|${value}}` : value),
          rich: { chosen: { fontWeight: 'bold', color: textColour, fontSize: 12 } },
        },
      },
      xAxis: valueAxis(f.unit, f.axisFormat, { scale: false }),
      series: [
        ...shown.map((mark) => ({
          type: 'bar',
          name: markText(mark),
          stack: 'marks',
          barMaxWidth: 22,
          itemStyle: { color: markLook[mark].colour },
          data: rows.map((r) => (r.comparison === mark ? r.estimate : null)),
        })),
        intervals(rows, true),
        ...(comparator !== null
          ? [
              {
                type: 'line',
                name: t('compare.comparatorLine'),
                data: [],
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: textColour, type: 'dashed', width: 2 },
                  label: { formatter: `${t('compare.comparatorShort')} ${f.format(comparator)}`, color: textColour, position: 'end' },
                  data: [{ xAxis: comparator }],
                },
              },
            ]
          : []),
      ],
    },
    Math.max(240, 90 + rows.length * 26),
  );
}

// Intervals as lines with caps (custom series), lying (across bars) or standing.
function intervals(rows: { lower: number | null; upper: number | null }[], lying: boolean, x?: (i: number) => number) {
  return {
    type: 'custom',
    name: t('compare.interval'),
    silent: true,
    z: 10,
    tooltip: { show: false },
    data: rows.map((r, i) => [x ? x(i) : i, r.lower, r.upper]),
    encode: lying ? { y: 0, x: [1, 2] } : { x: 0, y: [1, 2] },
    renderItem: (_params: unknown, api: any) => {
      const lower = api.value(1);
      const upper = api.value(2);
      if (lower === null || upper === null || Number.isNaN(lower) || Number.isNaN(upper) || lower === '' || upper === '') return { type: 'group', children: [] };
      const at = api.value(0);
      const style = { stroke: textColour, lineWidth: 1.5 };
      if (lying) {
        const a = api.coord([lower, at]);
        const b = api.coord([upper, at]);
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
            { type: 'line', shape: { x1: a[0], y1: a[1] - 5, x2: a[0], y2: a[1] + 5 }, style },
            { type: 'line', shape: { x1: b[0], y1: b[1] - 5, x2: b[0], y2: b[1] + 5 }, style },
          ],
        };
      }
      const a = api.coord([at, lower]);
      const b = api.coord([at, upper]);
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
          { type: 'line', shape: { x1: a[0] - 5, y1: a[1], x2: a[0] + 5, y2: a[1] }, style },
          { type: 'line', shape: { x1: b[0] - 5, y1: b[1], x2: b[0] + 5, y2: b[1] }, style },
        ],
      };
    },
  };
}

// The funnel plot: each area's estimate against its denominator (events for standardised
// figures), shaped and coloured by its mark, the comparator's value as a line and the server's
// control limits (95 % and 99.8 %) at each area's denominator joined into the funnel.
export function drawFunnel(chart: ResultChart, rows: ComparisonRow[], chosen: string, comparator: number | null, x: (r: ComparisonRow) => number, xName: string, f: Formatting): void {
  const sorted = [...rows].sort((a, b) => x(a) - x(b));
  const shown = [...new Set(rows.map((r) => r.comparison))];
  const limit = (name: string, key: 'funnel_lower' | 'funnel_upper' | 'funnel_lower_2' | 'funnel_upper_2', type: string) => ({
    type: 'line',
    name,
    silent: true,
    symbol: 'none',
    lineStyle: { color: axisColour, width: 1.5, type },
    data: sorted.filter((r) => r[key] !== null).map((r) => [x(r), r[key]]),
    tooltip: { show: false },
  });
  const limit95 = t('compare.limits95');
  const limit998 = t('compare.limits998');
  chart.draw(
    {
      grid: { left: 8, right: 24, top: 64, bottom: 44, containLabel: true },
      legend: {
        ...markLegend(shown),
        data: [...markLegend(shown).data, { name: limit95, icon: 'path://M0,4 L24,4 L24,6 L0,6 Z', itemStyle: { color: axisColour } }, { name: limit998, icon: 'path://M0,4 L8,4 L8,6 L0,6 Z M12,4 L20,4 L20,6 L12,6 Z', itemStyle: { color: axisColour } }],
      },
      tooltip: tooltip((i, s) => {
        const mark = shown[s];
        const r = rows.filter((row) => row.comparison === mark)[i];
        return r ? `${escapeHtml(r.area_name || r.area)}: <strong>${escapeHtml(f.format(r.estimate))}</strong>, ${escapeHtml(xName)} ${escapeHtml(f.format(x(r)))} ${escapeHtml(markText(r.comparison))}` : '';
      }),
      xAxis: valueAxis(xName, f.axisFormat),
      yAxis: valueAxis(f.unit, f.axisFormat, { nameGap: 44 }),
      series: [
        ...shown.map((mark) => ({
          type: 'scatter',
          name: markText(mark),
          symbol: markLook[mark].symbol,
          symbolSize: (_value: unknown, params: { dataIndex: number }) => (rows.filter((r) => r.comparison === mark)[params.dataIndex]?.area === chosen ? 16 : 9),
          itemStyle: { color: markLook[mark].colour, borderColor: '#ffffff', borderWidth: 0.5 },
          data: rows.filter((r) => r.comparison === mark).map((r) => [x(r), r.estimate]),
          label: {
            show: true,
            formatter: (params: { dataIndex: number }) => {
              const r = rows.filter((row) => row.comparison === mark)[params.dataIndex];
              return r?.area === chosen ? r.area_name || r.area : '';
            },
            position: 'right',
            color: textColour,
            fontWeight: 'bold',
          },
          z: 5,
        })),
        limit(limit95, 'funnel_lower', 'solid'),
        limit(limit95, 'funnel_upper', 'solid'),
        limit(limit998, 'funnel_lower_2', 'dashed'),
        limit(limit998, 'funnel_upper_2', 'dashed'),
        ...(comparator !== null
          ? [{ type: 'line', name: t('compare.comparatorLine'), silent: true, symbol: 'none', lineStyle: { color: textColour, width: 2 }, data: [[x(sorted[0]), comparator], [x(sorted[sorted.length - 1]), comparator]], tooltip: { show: false } }]
          : []),
      ],
    },
    420,
  );
}

export interface SpineItem {
  label: string;
  row: ComparisonRow;
  // The areas of the level: least, greatest, and each quartile's least and greatest, as the
  // server grouped them (its `quartile`).
  min: number;
  max: number;
  quartiles: { low: number; high: number }[];
}

// The spine chart (Fingertips' area profile): one line per indicator, the comparator at the
// centre, the range of all areas around it in grey bands by the server's quartiles, the area's
// value as its mark's symbol. Each line is scaled so that the farthest area from the comparator
// reaches the edge; the table holds the values.
export function drawSpine(chart: ResultChart, items: SpineItem[]): void {
  const labels = items.map((item) => item.label);
  const scaled = (item: SpineItem, value: number) => {
    const centre = item.row.comparator_value ?? (item.min + item.max) / 2;
    const reach = Math.max(Math.abs(item.max - centre), Math.abs(centre - item.min)) || 1;
    return (value - centre) / reach;
  };
  const shades = ['#d0d0d0', '#a6a6a6', '#a6a6a6', '#d0d0d0'];
  const shown = [...new Set(items.map((item) => item.row.comparison))];
  chart.draw(
    {
      grid: { left: 8, right: 24, top: 40, bottom: 36, containLabel: true },
      legend: markLegend(shown),
      tooltip: tooltip((_i, _s, value) => {
        const item = Array.isArray(value) ? items[value[1] as number] : undefined;
        return item ? `${escapeHtml(item.label)}: ${escapeHtml(markText(item.row.comparison))}` : '';
      }),
      xAxis: { type: 'value', min: -1.05, max: 1.05, axisLabel: { show: false }, splitLine: { show: false }, name: t('compare.spineAxis'), nameLocation: 'middle', nameGap: 16, nameTextStyle: { color: textColour, fontSize: 12 } },
      yAxis: categoryAxis(labels, true, 220),
      series: [
        {
          type: 'custom',
          name: t('compare.range'),
          silent: true,
          data: items.map((_item, i) => [i]),
          renderItem: (params: { dataIndex: number }, api: any) => {
            const item = items[params.dataIndex];
            const height = Math.min(22, api.size([0, 1])[1] * 0.6);
            const children = item.quartiles.map((q, k) => {
              const a = api.coord([scaled(item, q.low), params.dataIndex]);
              const b = api.coord([scaled(item, q.high), params.dataIndex]);
              return { type: 'rect', shape: { x: a[0], y: a[1] - height / 2, width: Math.max(1, b[0] - a[0]), height }, style: { fill: shades[k] } };
            });
            const centre = api.coord([0, params.dataIndex]);
            children.push({ type: 'rect', shape: { x: centre[0] - 1, y: centre[1] - height / 2 - 3, width: 2, height: height + 6 }, style: { fill: textColour } });
            return { type: 'group', children };
          },
        },
        ...shown.map((mark) => ({
          type: 'scatter',
          name: markText(mark),
          symbol: markLook[mark].symbol,
          symbolSize: 14,
          itemStyle: { color: markLook[mark].colour, borderColor: '#ffffff', borderWidth: 1 },
          z: 5,
          data: items.map((item, i) => (item.row.comparison === mark && item.row.estimate !== null ? [scaled(item, item.row.estimate), i] : null)).filter((d) => d !== null),
        })),
      ],
    },
    Math.max(200, 90 + items.length * 44),
  );
}

// The equiplot: one line per area, each subgroup a dot of its own shape and colour on the value
// axis, a grey line from the lowest to the highest subgroup (the gap).
export function drawEquiplot(chart: ResultChart, areas: { label: string; rows: ComparisonRow[] }[], subgroups: { id: string; label: string }[], f: Formatting): void {
  const palette = ['#1f5fa8', '#b3411a', '#2e7031', '#6a3d9a', '#7a5c00', '#00707a'];
  const symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'roundRect'];
  chart.draw(
    {
      grid: { left: 8, right: 24, top: 40, bottom: 44, containLabel: true },
      legend: { top: 0, left: 0, itemGap: 16, data: subgroups.map((s) => s.label), textStyle: { color: textColour, fontSize: 12 }, selectedMode: false },
      tooltip: tooltip((_i, s, value) => {
        const sub = subgroups[s - 1];
        const area = Array.isArray(value) ? areas[value[1] as number] : undefined;
        const r = area?.rows.find((row) => row.subgroup === sub?.id);
        return r && sub && area ? `${escapeHtml(area.label)}, ${escapeHtml(sub.label)}: <strong>${escapeHtml(f.format(r.estimate))}</strong>` : '';
      }),
      xAxis: valueAxis(f.unit, f.axisFormat),
      yAxis: categoryAxis(areas.map((a) => a.label), true),
      series: [
        {
          type: 'custom',
          name: t('compare.gapLine'),
          silent: true,
          data: areas.map((area, i) => {
            const values = area.rows.map((r) => r.estimate).filter((v): v is number => v !== null);
            return [i, values.length ? Math.min(...values) : null, values.length ? Math.max(...values) : null];
          }),
          encode: { y: 0, x: [1, 2] },
          renderItem: (_params: unknown, api: any) => {
            const low = api.value(1);
            const high = api.value(2);
            if (low === null || high === null || Number.isNaN(low) || low === '') return { type: 'group', children: [] };
            const a = api.coord([low, api.value(0)]);
            const b = api.coord([high, api.value(0)]);
            return { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: '#8c8c8c', lineWidth: 4 } };
          },
        },
        ...subgroups.map((sub, k) => ({
          type: 'scatter',
          name: sub.label,
          symbol: symbols[k % symbols.length],
          symbolSize: 12,
          z: 5,
          itemStyle: { color: palette[k % palette.length], borderColor: '#ffffff', borderWidth: 1 },
          data: areas.map((area, i) => {
            const r = area.rows.find((row) => row.subgroup === sub.id);
            return r && r.estimate !== null ? [r.estimate, i] : null;
          }).filter((d) => d !== null),
        })),
      ],
    },
    Math.max(220, 100 + areas.length * 34),
  );
}

export interface ScatterPoint {
  row: ComparisonRow;
  gap: number | null;
}

// The scatter's x-axis name; an imported figure may have no unit, and "()" would read as a fault.
export function scatterXName(f: Formatting): string {
  return f.unit ? t('compare.scatterX', { unit: f.unit }) : t('compare.scatterXWithoutUnit');
}

// HEAT Plus's scatter: each area's average level (its total) against the inequality within it
// (the server's difference D between the dimension's groups), the chosen area labelled.
export function drawScatter(chart: ResultChart, points: ScatterPoint[], chosen: string, gapName: string, f: Formatting): void {
  const shown = points.filter((p) => p.row.estimate !== null && p.gap !== null);
  chart.draw(
    {
      grid: { left: 8, right: 32, top: 24, bottom: 44, containLabel: true },
      tooltip: tooltip((i) => {
        const p = shown[i];
        return p ? `${escapeHtml(p.row.area_name || p.row.area)}: ${escapeHtml(f.format(p.row.estimate))}; ${escapeHtml(gapName)} ${escapeHtml(f.format(p.gap))}` : '';
      }),
      xAxis: valueAxis(scatterXName(f), f.axisFormat),
      yAxis: valueAxis(gapName, f.axisFormat, { nameGap: 44 }),
      series: [
        {
          type: 'scatter',
          name: t('compare.areas'),
          symbolSize: (_v: unknown, params: { dataIndex: number }) => (shown[params.dataIndex]?.row.area === chosen ? 16 : 9),
          symbol: (_v: unknown, params: { dataIndex: number }) => (shown[params.dataIndex]?.row.area === chosen ? 'diamond' : 'circle'),
          itemStyle: { color: (params: { dataIndex: number }) => (shown[params.dataIndex]?.row.area === chosen ? '#b3411a' : '#1f5fa8'), opacity: 0.85 },
          label: {
            show: true,
            position: 'right',
            color: textColour,
            fontWeight: 'bold',
            formatter: (params: { dataIndex: number }) => (shown[params.dataIndex]?.row.area === chosen ? shown[params.dataIndex].row.area_name : ''),
          },
          data: shown.map((p) => [p.row.estimate, p.gap]),
        },
      ],
    },
    380,
  );
}

// Trend lines: the area and its comparator over the periods, each with its interval.
export function drawTrend(chart: ResultChart, series: { name: string; rows: ComparisonRow[] }[], periods: string[], f: Formatting): void {
  const colours = ['#1f5fa8', '#4d4d4d'];
  const symbols = ['circle', 'rect'];
  chart.draw(
    {
      grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
      legend: { top: 0, left: 0, itemGap: 24, data: series.map((s) => s.name), textStyle: { color: textColour, fontSize: 12 }, selectedMode: false },
      tooltip: tooltip((i, s) => {
        const line = series[Math.floor(s / 2)];
        const r = line?.rows.find((row) => row.period === periods[i]);
        return line && r ? `${escapeHtml(line.name)}, ${escapeHtml(r.period)}: <strong>${escapeHtml(f.format(r.estimate))}</strong> (${escapeHtml(f.format(r.lower))}–${escapeHtml(f.format(r.upper))})` : '';
      }),
      xAxis: { type: 'category', data: periods, axisLabel: { color: textColour, fontSize: 12 }, axisLine: { lineStyle: { color: axisColour } } },
      yAxis: valueAxis(f.unit, f.axisFormat, { nameGap: 44 }),
      series: series.flatMap((s, k) => {
        const byPeriod = new Map(s.rows.map((r) => [r.period, r]));
        const points = periods.map((p) => byPeriod.get(p) ?? { lower: null, upper: null, estimate: null });
        return [
          {
            type: 'line',
            name: s.name,
            symbol: symbols[k % 2],
            symbolSize: 9,
            itemStyle: { color: colours[k % 2] },
            lineStyle: { color: colours[k % 2], width: 2, type: k === 0 ? 'solid' : 'dashed' },
            data: points.map((p) => p.estimate),
          },
          { ...intervals(points, false), name: `${s.name} ${t('compare.interval')}` },
        ];
      }),
    },
    340,
  );
}
