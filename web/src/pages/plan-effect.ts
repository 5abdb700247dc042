// The effect assessment of a measure (/planer/12/insatser/laxhjalp/effekt, issue 12 item 7): for
// each target of the goals the measure serves, the target group against the comparison before
// and after the start, the difference in differences with its interval, the gap's trend before
// and after, the verdict in words (and why the data cannot tell, when it cannot) — and the effect
// the decided impact assessment predicted, beside what the follow-up measured. Every number is the
// server's (src/effect, src/app/plans/measure_effect.cpp); the page only places them.
import { apiRequest } from '../api';
import type { PageContext } from '../app';
import type { ResultChart } from '../chart';
import type { components } from '../generated/api-schema';
import { h, replace } from '../dom';
import { formatNumber, t } from '../i18n';
import type { Key } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import { figure } from './compare-charts';
import { planApi, planPath, planTabs, statusMark } from './plan-common';

type Schemas = components['schemas'];
type MeasureEffects = Schemas['MeasureEffects'];
type Item = MeasureEffects['assessments'][number];
type Assessment = Schemas['EffectAssessment'];
type Predicted = Exclude<Item['predicted'], null | undefined>;
type Prediction = Predicted['predictions'][number];
interface Interval {
  estimate?: number | null;
  lower?: number | null;
  upper?: number | null;
}

export const effectPath = (plan: number, measure: string): string =>
  `${planPath(plan)}/insatser/${encodeURIComponent(measure)}/effekt`;

const effectApi = (org: number, plan: number, measure: string) =>
  apiRequest<MeasureEffects>('GET', `/api/organisations/${org}/plans/${plan}/measures/${encodeURIComponent(measure)}/effect`);

// "+19 (3,1–34,9)": a value with its interval as the server gave them; a change with its sign.
function valueText(value: Interval | null | undefined, signed = false): string {
  if (!value || value.estimate === null || value.estimate === undefined) return '–';
  const sign = signed && value.estimate > 0 ? '+' : '';
  const estimate = `${sign}${formatNumber(value.estimate)}`;
  if (value.lower === null || value.lower === undefined || value.upper === null || value.upper === undefined) return estimate;
  return `${estimate} (${formatNumber(value.lower)} – ${formatNumber(value.upper)})`;
}

// The verdict's words with a symbol: never colour alone.
const verdictSymbols: Record<string, string> = {
  improved_more: '▲',
  worsened_more: '▼',
  rose_more: '△',
  fell_more: '▽',
  cannot_tell: '?',
  no_data: '–',
};

function verdict(measured: Assessment): HTMLElement {
  return h(
    'p',
    { class: `effect-verdict verdict-${measured.verdict}`, 'data-verdict': measured.verdict },
    h('span', { class: 'verdict-symbol', 'aria-hidden': 'true' }, verdictSymbols[measured.verdict] ?? '–'),
    ' ',
    h('strong', {}, measured.verdict_label),
    measured.reason ? ` (${measured.reason_label})` : '',
  );
}

interface BeforeAfterRow {
  label: string;
  before: Interval | null;
  after: Interval | null;
  change: Interval | null;
}

function beforeAfter(measured: Assessment): HTMLElement {
  const members = (list: string[]) => (list.length ? list.join(', ') : '–');
  const rows: BeforeAfterRow[] = [
    { label: t('planEffect.targetGroup', { members: members(measured.target_members) }), before: measured.target.before, after: measured.target.after, change: measured.target.change },
    { label: t('planEffect.comparisonGroup', { members: members(measured.comparison.members) }), before: measured.comparison_group.before, after: measured.comparison_group.after, change: measured.comparison_group.change },
    { label: t('planEffect.gap'), before: measured.gap.before, after: measured.gap.after, change: measured.difference_in_differences },
  ];
  const confidence = Math.round(measured.confidence * 100);
  return dataTable<BeforeAfterRow>(
    t('planEffect.beforeAfterCaption', { confidence }),
    [
      { header: t('planEffect.group'), rowHeader: true, cell: (r) => r.label },
      { header: t('planEffect.before', { period: measured.before_period ?? '–' }), numeric: true, cell: (r) => valueText(r.before) },
      { header: t('planEffect.after', { period: measured.after_period ?? '–' }), numeric: true, cell: (r) => valueText(r.after) },
      { header: t('planEffect.change'), numeric: true, cell: (r) => valueText(r.change, true) },
    ],
    rows,
  );
}

function predictedPart(item: Item, plan: number): HTMLElement {
  const predicted = item.predicted as Predicted | null;
  if (!predicted) return h('p', { class: 'empty effect-predicted' }, t('planEffect.noPrediction'));
  const measuredText = (p: Prediction) =>
    p.measured
      ? h('span', {}, valueText(p.measured), ' ', statusMark(p.measured.status ?? ''))
      : t(`planEffect.noMeasured.${p.reason}` as Key);
  return h(
    'div',
    { class: 'effect-predicted' },
    h(
      'p',
      {},
      t('planEffect.predictedBy', { title: predicted.title, outcome: t(`planEffect.outcome.${predicted.decision.outcome}` as Key), body: predicted.decision.decided_by, date: predicted.decision.date }),
      ' ',
      h('a', { href: `${planPath(plan)}/konsekvensanalyser/${predicted.assessment}`, 'data-link': true }, t('planEffect.toAssessment')),
    ),
    predicted.baseline
      ? h('p', {}, t('planEffect.baseline', { value: formatNumber(predicted.baseline.value), period: predicted.baseline.period || '–' }))
      : null,
    dataTable<Prediction>(
      t('planEffect.predictedCaption', { target: item.target }),
      [
        { header: t('planEffect.period'), rowHeader: true, cell: (p) => p.period },
        { header: t('planEffect.predictedValue', { measure: (p0(predicted)?.measure ?? '').toUpperCase() }), numeric: true, cell: (p) => formatNumber(p.predicted) },
        { header: t('planEffect.predictedChange'), numeric: true, cell: (p) => valueText({ estimate: p.change }, true) },
        { header: t('planEffect.measuredValue'), cell: measuredText },
        { header: t('planEffect.reasoning'), cell: (p) => p.reasoning || '–' },
      ],
      predicted.predictions,
    ),
  );
}

const p0 = (predicted: Predicted): Prediction | undefined => predicted.predictions[0];

type SeriesRow = Assessment['series'][number];

function seriesFigure(measured: Assessment, id: string, isCurrent: () => boolean, charts: ResultChart[]): HTMLElement {
  const rows = measured.series;
  const periods = rows.map((r) => r.period);
  const phase = (r: SeriesRow) => t(`planEffect.phase.${r.phase}` as Key);
  const targetName = t('planEffect.targetGroup', { members: measured.target_members.join(', ') || '–' });
  const comparisonName = t('planEffect.comparisonGroup', { members: measured.comparison.members.join(', ') || '–' });
  const point = (r: SeriesRow, v: SeriesRow['target']) => ({ period: r.period, label: r.period, estimate: v.estimate ?? null, lower: v.lower ?? null, upper: v.upper ?? null, note: phase(r) });
  const values = (key: 'target' | 'comparison') => rows.filter((r) => r[key].estimate !== null).map((r) => `${r.period} ${formatNumber(r[key].estimate)}`).join(', ');
  return figure<SeriesRow>(
    {
      id,
      title: t('planEffect.seriesTitle', { indicator: measured.indicator, area: measured.area }),
      about: t('planEffect.seriesAbout', { start: measured.start }),
      alt: t('planEffect.seriesAlt', { target: targetName, targetValues: values('target') || '–', comparison: comparisonName, comparisonValues: values('comparison') || '–', start: measured.start }),
      rows,
      columns: [
        { header: t('planEffect.period'), rowHeader: true, cell: (r) => r.period, value: (r) => r.period },
        { header: t('planEffect.phase'), cell: phase, value: (r) => r.phase },
        { header: targetName, numeric: true, cell: (r) => valueText(r.target), value: (r) => r.target.estimate ?? null },
        { header: comparisonName, numeric: true, cell: (r) => valueText(r.comparison), value: (r) => r.comparison.estimate ?? null },
        { header: t('planEffect.gap'), numeric: true, cell: (r) => valueText(r.gap), value: (r) => r.gap.estimate ?? null },
      ],
      draw: (chart) =>
        chart.lines(
          [
            { name: targetName, points: rows.map((r) => point(r, r.target)) },
            { name: comparisonName, points: rows.map((r) => point(r, r.comparison)) },
          ],
          periods,
          { estimate: t('planEffect.estimate'), interval: t('planEffect.interval'), axis: measured.indicator, format: (v) => formatNumber(v), axisFormat: (v) => formatNumber(v) },
        ),
      fileName: ['effekt', measured.indicator, measured.area],
    },
    isCurrent,
    charts,
  );
}

function assessmentSection(item: Item, index: number, plan: number, isCurrent: () => boolean, charts: ResultChart[]): HTMLElement {
  const headingId = `effect-${index}`;
  const measured = item.measured as Assessment | null;
  const trend = (value: Assessment['gap_trend_before']) => value.label;
  return h(
    'section',
    { class: 'effect-assessment card', 'aria-labelledby': headingId, 'data-target': item.target },
    h('h2', { id: headingId }, t('planEffect.itemHeading', { indicator: item.indicator, area: item.area, target: item.target })),
    measured
      ? [
          verdict(measured),
          h('p', { class: 'effect-summary' }, measured.summary),
          measured.caveats.length
            ? h('ul', { class: 'effect-caveats', 'aria-label': t('planEffect.caveats') }, measured.caveats.map((c) => h('li', {}, c.label)))
            : null,
          beforeAfter(measured),
          h(
            'dl',
            { class: 'effect-facts' },
            h('dt', {}, t('planEffect.did', { confidence: Math.round(measured.confidence * 100) })),
            h('dd', { class: 'effect-did' }, valueText(measured.difference_in_differences, true)),
            h('dt', {}, t('planEffect.comparison')),
            h('dd', {}, measured.comparison.label),
            h('dt', {}, t('planEffect.trendBefore')),
            h('dd', { class: 'effect-trend-before' }, trend(measured.gap_trend_before)),
            h('dt', {}, t('planEffect.trendAfter')),
            h('dd', { class: 'effect-trend-after' }, trend(measured.gap_trend_after)),
          ),
          measured.series.length ? seriesFigure(measured, `effect-series-${index}`, isCurrent, charts) : null,
        ]
      : h('p', { class: 'empty' }, t('planEffect.noAnalysis')),
    h('h3', {}, t('planEffect.predictedHeading')),
    predictedPart(item, plan),
  );
}

export async function renderPlanEffect(context: PageContext): Promise<void> {
  const { main } = context;
  const id = Number(context.params.id);
  const measureId = decodeURIComponent(context.params.measure);
  replace(main, loading());
  const [plan, effects] = await Promise.all([planApi.get(context.app.org, id), effectApi(context.app.org, id, measureId)]);
  if (!context.current()) return;
  const heading = pageHeading(context, t('planEffect.title', { name: effects.measure.name }));
  const group = effects.measure.target_group;
  const charts: ResultChart[] = [];
  replace(
    main,
    ...heading,
    planTabs(plan, ''),
    h('p', {}, h('a', { href: `${planPath(plan.id)}/insatser`, 'data-link': true }, t('planEffect.back', { year: plan.year }))),
    h('p', {}, t('planEffect.intro')),
    h(
      'p',
      { class: 'effect-measure' },
      t('planEffect.measureFacts', {
        start: effects.measure.start || '–',
        group: group?.dimension ? `${group.dimension}${group.subgroups?.length ? ': ' + group.subgroups.join(', ') : ''}` : t('planEffect.everyone'),
      }),
    ),
    effects.assessments.length === 0
      ? h('p', { class: 'empty' }, t('planEffect.none'))
      : effects.assessments.map((item, i) => assessmentSection(item, i, plan.id, () => context.current(), charts)),
  );
}
