// A target of the plan (/planer/12/malvarden/ny, /planer/12/malvarden/gap): bound to an indicator
// of one of the organisation's saved analyses — the indicator, area, dimension and subgroups are
// chosen from the analysis' published results — with its kind (gap, floor, level, total), the
// value to reach and by when. The baseline is never typed: it is the analysis' value in the
// baseline period, shown here as the engine published it.
import { api } from '../api';
import type { Analysis, InequalityRow, ResultRow } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { formatNumber, lang, t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { newId } from './plan-overview';
import { isStale, planApi, planPath, planTabs, savePlan, statusMark, targetKindLabel, targetText } from './plan-common';
import type { FollowUpRecord, Plan, PlanTarget } from './plan-common';
import type { ResultChart } from '../chart';
import { figure } from './compare-charts';

// One period of the target's chart: each line's value with its interval, the path and the target
// where they stand, and the follow-up's status when a run evaluated this period.
interface ChartRow {
  period: string;
  values: Map<string, { estimate: number | null; lower: number | null; upper: number | null; note: string }>;
  path: number | null;
  target: number | null;
  record: FollowUpRecord | undefined;
}

const textColour = '#1a1a1a';
const lineColours = ['#1f5fa8', '#b3411a', '#2e7031', '#6a3d9a', '#7a5c00', '#00707a'];

// An interval as a vertical line with caps at category x, shifted by `offset` pixels.
function intervalSeries(name: string, data: [number, number | null, number | null][], colour: string, offset: number) {
  return {
    type: 'custom',
    name,
    silent: true,
    z: 10,
    tooltip: { show: false },
    encode: { x: 0, y: [1, 2] },
    data,
    renderItem: (_params: unknown, api: any) => {
      const lower = api.value(1);
      const upper = api.value(2);
      if (lower === null || upper === null || lower === '' || upper === '' || Number.isNaN(lower) || Number.isNaN(upper)) return { type: 'group', children: [] };
      const low = api.coord([api.value(0), lower]);
      const high = api.coord([api.value(0), upper]);
      const x = low[0] + offset;
      const style = { stroke: colour, lineWidth: 2 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: x, y1: low[1], x2: x, y2: high[1] }, style },
          { type: 'line', shape: { x1: x - 5, y1: high[1], x2: x + 5, y2: high[1] }, style },
          { type: 'line', shape: { x1: x - 5, y1: low[1], x2: x + 5, y2: low[1] }, style },
        ],
      };
    },
  };
}

// The target over time (issue 12 item 8): the indicator by group (or, for a gap, the measure of
// inequality) in every period with its interval, the path from the baseline b at t0 to the target
// g at t1 as a dashed line (p(t) = b + (g − b)(t − t0)/(t1 − t0): a straight line between the two
// points the server gave, drawn, not computed), the target as a marked point, and in the table
// each follow-up's status in words and symbol. Baseline and path values are the follow-up's
// (src/followup); before any follow-up, the baseline is the data's value in the baseline period.
function targetChart(context: PageContext, plan: Plan, target: PlanTarget): HTMLElement {
  const box = h('section', { class: 'target-chart', 'aria-labelledby': 'target-chart-heading' }, h('h2', { id: 'target-chart-heading' }, t('planTarget.chartHeading')), h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  const charts: ResultChart[] = [];
  void (async () => {
    const [results, inequality, records] = await Promise.all([
      api.results(context.app.org, target.analysis),
      api.inequality(context.app.org, target.analysis, lang()).then((r) => r.rows).catch(() => [] as InequalityRow[]),
      planApi.followUps(context.app.org, plan.id),
    ]);
    if (!context.current()) return;
    const mine = records.filter((r) => r.target === target.id);
    const lines = new Map<string, Map<string, ChartRow['values'] extends Map<string, infer V> ? V : never>>();
    const add = (line: string, period: string, estimate: number | null, lower: number | null, upper: number | null, note: string) => {
      if (!lines.has(line)) lines.set(line, new Map());
      lines.get(line)!.set(period, { estimate, lower, upper, note });
    };
    let measureLabel = '';
    if (target.kind === 'gap') {
      for (const r of inequality) {
        if (r.indicator === target.indicator && r.area === target.area && r.dimension === target.dimension && r.measure.toLowerCase() === target.measure) {
          measureLabel = r.measure_label;
          add(r.measure_label, r.period ?? '', r.estimate ?? null, r.lower ?? null, r.upper ?? null, '');
        }
      }
    } else {
      for (const r of results) {
        if (r.indicator !== target.indicator || r.area !== target.area) continue;
        const matches =
          target.kind === 'total' ? !r.dimension : target.kind === 'level' ? r.dimension === target.dimension && r.subgroup === target.subgroup : r.dimension === target.dimension;
        if (matches) add(r.subgroup || t('planTarget.everyone'), r.period ?? '', r.suppressed ? null : (r.estimate ?? null), r.suppressed ? null : (r.lower ?? null), r.suppressed ? null : (r.upper ?? null), r.suppressed ? t('planTarget.suppressed') : '');
      }
    }
    const dataPeriods = [...new Set([...lines.values()].flatMap((m) => [...m.keys()]))].sort();
    const t0 = target.baseline_period || dataPeriods[0] || '';
    const newest = mine.find((r) => r.baseline !== null && r.baseline !== undefined);
    // The baseline: the follow-up's, else the data's (one line: the gap's measure, a level, the total).
    const only = lines.size === 1 ? [...lines.values()][0] : undefined;
    const baselineValue = newest?.baseline ?? (target.kind !== 'floor' ? (only?.get(t0)?.estimate ?? null) : null);
    const periods = [...new Set([...dataPeriods, t0, target.target_period].filter(Boolean))].sort();
    const rows: ChartRow[] = periods.map((period) => {
      const record = mine.find((r) => r.evaluated_period === period);
      let path: number | null = null;
      if (period === t0 && target.kind !== 'floor') path = baselineValue;
      else if (period === target.target_period) path = target.target_value;
      else if (record?.path_value !== null && record?.path_value !== undefined) path = record.path_value;
      const values = new Map([...lines.entries()].filter(([, m]) => m.has(period)).map(([name, m]) => [name, m.get(period)!]));
      return { period, values, path, target: period === target.target_period ? target.target_value : null, record };
    });
    const names = [...lines.keys()];
    const interval = (v: { estimate: number | null; lower: number | null; upper: number | null } | undefined) =>
      !v || v.estimate === null ? '–' : v.lower === null || v.upper === null ? formatNumber(v.estimate) : `${formatNumber(v.estimate)} (${formatNumber(v.lower)}–${formatNumber(v.upper)})`;
    const pathName = t('planTarget.path');
    const targetName = t('planTarget.targetPoint', { value: formatNumber(target.target_value), period: target.target_period });
    const describe = names.map((name) => `${name}: ${rows.filter((r) => r.values.get(name)?.estimate !== null && r.values.has(name)).map((r) => `${r.period} ${formatNumber(r.values.get(name)!.estimate)}`).join(', ')}`).join('. ');
    const named = results.find((r) => r.indicator === target.indicator && r.area === target.area);
    const title = `${named?.indicator_name || target.indicator}, ${named?.area_name || target.area}: ${targetText(target)}`;
    const spec = figure<ChartRow>(
      {
        id: 'target-over-time',
        title,
        about: target.kind === 'gap' ? t('planTarget.chartAboutGap', { measure: measureLabel || (target.measure ?? '').toUpperCase() }) : t('planTarget.chartAbout'),
        alt: t('planTarget.chartAlt', { values: describe || '–', baseline: formatNumber(baselineValue), t0: t0 || '–', value: formatNumber(target.target_value), t1: target.target_period }),
        rows,
        columns: [
          { header: t('planTarget.chartPeriod'), rowHeader: true, cell: (r) => r.period, value: (r) => r.period },
          ...names.map((name) => ({ header: name, numeric: true, cell: (r: ChartRow) => interval(r.values.get(name)), value: (r: ChartRow) => r.values.get(name)?.estimate ?? null })),
          { header: pathName, numeric: true, cell: (r: ChartRow) => formatNumber(r.path), value: (r: ChartRow) => r.path },
          { header: t('planTarget.chartStatus'), cell: (r: ChartRow) => (r.record ? statusMark(r.record.status) : '–'), value: (r: ChartRow) => r.record?.status ?? null },
        ],
        fileName: ['malvarde', target.id],
        rowData: (r) => ({ period: r.period, path: r.path === null ? '' : String(r.path), status: r.record?.status ?? '' }),
        draw: (chart) => {
          const index = new Map(periods.map((p, i) => [p, i]));
          const series: Record<string, unknown>[] = [];
          names.forEach((name, i) => {
            const colour = lineColours[i % lineColours.length];
            const offset = (i - (names.length - 1) / 2) * 6;
            series.push({
              type: 'line',
              name,
              data: rows.map((r) => r.values.get(name)?.estimate ?? null),
              symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4],
              symbolSize: 8,
              itemStyle: { color: colour },
              lineStyle: { color: colour, width: 2 },
            });
            series.push(intervalSeries(`${name} ${t('planTarget.interval')}`, rows.map((r) => [index.get(r.period)!, r.values.get(name)?.lower ?? null, r.values.get(name)?.upper ?? null]), colour, offset));
          });
          series.push({
            type: 'line',
            name: pathName,
            data: rows.map((r) => r.path),
            connectNulls: true,
            symbol: 'emptyCircle',
            symbolSize: 6,
            itemStyle: { color: textColour },
            lineStyle: { color: textColour, width: 2, type: 'dashed' },
          });
          series.push({
            type: 'scatter',
            name: targetName,
            data: rows.map((r) => r.target),
            symbol: 'diamond',
            symbolSize: 16,
            itemStyle: { color: '#7a5c00' },
          });
          // Each follow-up's status in words and symbol above its estimate: never colour alone.
          series.push({
            type: 'scatter',
            name: t('planTarget.chartStatus'),
            silent: true,
            z: 20,
            zlevel: 1,
            symbolSize: 1,
            itemStyle: { color: 'transparent' },
            data: rows.map((r) => (r.record && r.record.estimate !== null && r.record.estimate !== undefined ? r.record.estimate : null)),
            label: {
              show: true,
              position: 'bottom',
              distance: 10,
              color: textColour,
              fontWeight: 'bold',
              backgroundColor: '#ffffff',
              borderColor: '#595959',
              borderWidth: 1,
              borderRadius: 3,
              padding: [2, 4],
              formatter: (p: { dataIndex: number }) => (rows[p.dataIndex]?.record ? (statusMark(rows[p.dataIndex].record!.status).textContent ?? '') : ''),
            },
          });
          chart.draw({
            grid: { left: 8, right: 16, top: 72, bottom: 8, containLabel: true },
            legend: { top: 0, type: 'scroll', itemGap: 20, data: [...names, pathName, targetName], textStyle: { color: textColour } },
            tooltip: { trigger: 'item', confine: true },
            xAxis: { type: 'category', data: periods, axisLabel: { color: textColour, fontSize: 13 }, axisLine: { lineStyle: { color: '#595959' } } },
            yAxis: { type: 'value', scale: true, boundaryGap: ['10%', '10%'], axisLabel: { color: textColour, fontSize: 13, formatter: (v: number) => formatNumber(v) }, splitLine: { lineStyle: { color: '#d9d9d9' } } },
            series,
          });
        },
      },
      () => context.current(),
      charts,
    );
    replace(box, h('h2', { id: 'target-chart-heading' }, t('planTarget.chartHeading')), lines.size ? spec : h('p', { class: 'empty' }, t('planTarget.chartNone')));
  })();
  return box;
}

const kinds = ['gap', 'floor', 'level', 'total'] as const;
const measures = ['d', 'r', 'sii', 'rii', 'aci', 'rci'] as const;

const unique = (values: string[]): string[] => [...new Set(values.filter((v) => v !== ''))].sort();

// Refill a select with choices, keeping the chosen value when it is still one of them.
function fill(select: HTMLSelectElement, choices: [string, string][], wanted: string): void {
  const keep = wanted || select.value;
  replace(select, choices.map(([v, l]) => option(v, l, v === keep)));
}

export async function renderPlanTarget(context: PageContext): Promise<void> {
  const { main } = context;
  const id = Number(context.params.id);
  const targetId = context.params.target === 'ny' ? null : decodeURIComponent(context.params.target);
  replace(main, loading());
  const [plan, analyses] = await Promise.all([planApi.get(context.app.org, id), api.analyses(context.app.org)]);
  if (!context.current()) return;
  const document = plan.document ?? {};
  const existing = targetId ? (document.targets ?? []).find((x) => x.id === targetId) : undefined;
  const title = existing ? t('planTarget.editTitle', { id: existing.id }) : t('planTarget.newTitle');
  const heading = pageHeading(context, title);
  if (targetId && !existing) {
    replace(main, ...heading, h('p', { role: 'alert' }, t('error.notFound')));
    return;
  }
  // The server names a mistake's field by the target's place in the list ("targets[2].kind").
  const index = existing ? (document.targets ?? []).indexOf(existing) : (document.targets ?? []).length;
  const df = (key: string) => `targets[${index}].${key}`;
  if (analyses.length === 0) {
    replace(main, ...heading, planTabs(plan, ''), h('p', { class: 'empty' }, t('planTarget.noAnalyses')), h('a', { href: '/analyser/ny', 'data-link': true }, t('planTarget.toAnalyses')));
    return;
  }

  const goal = h('select', { name: 'goal', 'data-field': df('goal') }, option('', t('planTarget.noGoal')), (document.goals ?? []).map((g) => option(g.id, g.title, g.id === existing?.goal)));
  const analysis = h('select', { name: 'analysis', 'data-field': df('analysis') }, analyses.map((a: Analysis) => option(String(a.id), a.name, a.id === existing?.analysis)));
  const indicator = h('select', { name: 'indicator', 'data-field': df('indicator') });
  const area = h('select', { name: 'area', 'data-field': df('area') });
  const kind = h('select', { name: 'kind', 'data-field': df('kind') }, kinds.map((k) => option(k, targetKindLabel(k), k === (existing?.kind ?? 'gap'))));
  const measure = h('select', { name: 'measure', 'data-field': df('measure') }, measures.map((m) => option(m, t(`planTarget.measure.${m}`), m === (existing?.measure || 'd'))));
  const dimension = h('select', { name: 'dimension', 'data-field': df('dimension') });
  const subgroup = h('select', { name: 'subgroup', 'data-field': df('subgroup') });
  const baselinePeriod = h('select', { name: 'baseline_period', 'data-field': df('baseline_period') });
  const targetValue = h('input', { type: 'text', inputmode: 'decimal', name: 'target_value', 'data-field': df('target_value'), value: existing ? String(existing.target_value).replace('.', t('planTarget.decimalMark')) : '' });
  const targetPeriod = h('input', { type: 'text', name: 'target_period', 'data-field': df('target_period'), value: existing?.target_period ?? String(plan.year + 2) });
  const measureField = field(t('planTarget.measure'), measure, t('planTarget.measureHint'));
  const dimensionField = field(t('planTarget.dimension'), dimension);
  const subgroupField = field(t('planTarget.subgroup'), subgroup);
  const baseline = h('div', { class: 'baseline card', 'aria-live': 'polite' });

  let results: ResultRow[] = [];
  let inequality: InequalityRow[] = [];
  const rowsOf = () => results.filter((r) => r.indicator === indicator.value && r.area === area.value);
  // An existing target's choices are shown first; after that the person's.
  let initial = true;
  const wanted = (value: string | undefined) => (initial ? (value ?? '') : '');
  const redraw = () => {
    const k = kind.value;
    measureField.hidden = k !== 'gap';
    dimensionField.hidden = k === 'total';
    subgroupField.hidden = k !== 'level';
    fill(indicator, unique(results.map((r) => r.indicator)).map((v) => [v, `${results.find((r) => r.indicator === v)?.indicator_name || v} (${v})`]), wanted(existing?.indicator));
    fill(area, unique(results.filter((r) => r.indicator === indicator.value).map((r) => r.area)).map((v) => [v, `${v} ${results.find((r) => r.area === v)?.area_name ?? ''}`.trim()]), wanted(existing?.area));
    const rows = rowsOf();
    fill(dimension, unique(rows.map((r) => r.dimension ?? '')).map((v) => [v, v]), wanted(existing?.dimension));
    fill(subgroup, unique(rows.filter((r) => r.dimension === dimension.value).map((r) => r.subgroup ?? '')).map((v) => [v, v]), wanted(existing?.subgroup));
    const periods = unique(rows.map((r) => r.period ?? ''));
    fill(baselinePeriod, [['', t('planTarget.firstPeriod', { period: periods[0] ?? '–' })], ...periods.map((p): [string, string] => [p, p])], wanted(existing?.baseline_period));
    // The baseline as the data holds it.
    const at = baselinePeriod.value || periods[0] || '';
    const values: string[] = [];
    if (k === 'gap') {
      const row = inequality.find((r) => r.indicator === indicator.value && r.area === area.value && r.period === at && r.dimension === dimension.value && r.measure.toLowerCase() === measure.value);
      if (row) values.push(`${row.measure_label}: ${formatNumber(row.estimate)} (${formatNumber(row.lower)}–${formatNumber(row.upper)})`);
    } else {
      for (const r of rows) {
        if (r.period !== at) continue;
        const matches =
          k === 'total' ? !r.dimension : k === 'level' ? r.dimension === dimension.value && r.subgroup === subgroup.value : r.dimension === dimension.value;
        if (matches) values.push(`${r.subgroup || t('planTarget.everyone')}: ${r.suppressed ? t('planTarget.suppressed') : `${formatNumber(r.estimate)} (${formatNumber(r.lower)}–${formatNumber(r.upper)})`}`);
      }
    }
    replace(
      baseline,
      h('h2', {}, t('planTarget.baselineHeading')),
      h('p', {}, t('planTarget.baselineText', { period: at || '–' })),
      values.length ? h('ul', { class: 'baseline-values' }, values.map((v) => h('li', {}, v))) : h('p', { class: 'empty' }, t('planTarget.baselineNone')),
    );
    initial = false;
  };
  const load = async () => {
    const analysisId = Number(analysis.value);
    [results, inequality] = await Promise.all([
      api.results(context.app.org, analysisId),
      api.inequality(context.app.org, analysisId, lang()).then((r) => r.rows).catch(() => []),
    ]);
    if (!context.current()) return;
    redraw();
  };
  analysis.addEventListener('change', () => void load());
  for (const control of [indicator, area, kind, measure, dimension, subgroup, baselinePeriod]) control.addEventListener('change', redraw);

  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('planTarget.save'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'target-form-heading' },
    h('h2', { id: 'target-form-heading' }, t('planTarget.formHeading')),
    h(
      'div',
      { class: 'form-grid' },
      field(t('planTarget.goal'), goal),
      field(t('planTarget.analysis'), analysis, t('planTarget.analysisHint')),
      field(t('planTarget.indicator'), indicator),
      field(t('planTarget.area'), area),
      field(t('planTarget.kind'), kind, t('planTarget.kindHint')),
      measureField,
      dimensionField,
      subgroupField,
      field(t('planTarget.baselinePeriod'), baselinePeriod, t('planTarget.baselinePeriodHint')),
      field(t('planTarget.targetValue'), targetValue),
      field(t('planTarget.targetPeriod'), targetPeriod, t('planTarget.targetPeriodHint')),
    ),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    const value = Number(targetValue.value.trim().replace(/\s/g, '').replace(',', '.'));
    if (!targetValue.value.trim() || !Number.isFinite(value)) {
      markInvalid(targetValue, t('planTarget.valueRequired'));
      targetValue.focus();
      return;
    }
    const k = kind.value as PlanTarget['kind'];
    const target: PlanTarget = {
      id: existing?.id ?? '',
      goal: goal.value,
      analysis: Number(analysis.value),
      indicator: indicator.value,
      area: area.value,
      kind: k,
      measure: k === 'gap' ? measure.value : '',
      dimension: k === 'total' ? '' : dimension.value,
      subgroup: k === 'level' ? subgroup.value : '',
      baseline_period: baselinePeriod.value,
      target_value: value,
      target_period: targetPeriod.value.trim(),
    };
    submit.disabled = true;
    try {
      await savePlan(context, plan, (doc) => {
        if (existing) {
          doc.targets = doc.targets!.map((x) => (x.id === existing.id ? target : x));
        } else {
          target.id = newId(`${target.indicator}-${k}`, doc.targets!);
          doc.targets!.push(target);
        }
      });
      context.navigate(`${planPath(plan.id)}/styrkort`, t('planTarget.saved'));
    } catch (error) {
      submit.disabled = false;
      const text = isStale(error) ? t('plan.stale') : fieldMessage(error);
      if (isStale(error) || !showProblemAtField(form, error, text)) replace(message, h('p', { class: 'error', role: 'alert' }, text));
    }
  });
  // Removing a target saves the document without it; follow-up records keep their snapshot of it.
  let remove: HTMLElement | null = null;
  if (existing && context.app.canWrite) {
    const button = h('button', { type: 'button', class: 'button secondary' }, t('planTarget.remove'));
    button.addEventListener('click', async () => {
      if (!window.confirm(t('planTarget.removeConfirm', { id: existing.id }))) return;
      button.disabled = true;
      try {
        await savePlan(context, plan, (doc) => {
          doc.targets = doc.targets!.filter((x) => x.id !== existing.id);
        });
        context.navigate(`${planPath(plan.id)}/styrkort`, t('planTarget.removed', { id: existing.id }));
      } catch (error) {
        button.disabled = false;
        replace(message, h('p', { class: 'error', role: 'alert' }, isStale(error) ? t('plan.stale') : fieldMessage(error)));
      }
    });
    remove = h('p', { class: 'actions' }, button);
  }
  const chart = existing ? targetChart(context, plan, existing) : null;
  replace(main, ...heading, planTabs(plan, ''), h('p', {}, t('planTarget.intro')), chart, form, remove, baseline);
  await load();
}
