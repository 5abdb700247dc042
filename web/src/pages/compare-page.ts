// An analysis' comparison page (issue 11 item 5): the chosen area against its county or the
// nation as OHID Fingertips marks it — a spine chart of every indicator, the compare-areas bars
// (league table), the funnel plot with the control limits, the trend with its marker and the
// gap's trend, the equiplot of a dimension's groups, and HEAT Plus's scatter of level against
// inequality. Each chart has its data table and downloads; every value is the API's
// (GET …/comparison, …/inequality?measures=d). The choice is kept in the address.
import { api } from '../api';
import type { ComparisonRow, IndicatorDefinition, InequalityResult } from '../api';
import type { PageContext } from '../app';
import type { ResultChart } from '../chart';
import { field, h, option, replace } from '../dom';
import { describeError } from '../errors';
import { formatInteger, formatLevel, formatNumber, t } from '../i18n';
import type { Key } from '../i18n';
import { loading, pageHeading } from './common';
import { groupsApi, groupsPath } from './groups-api';
import type { ComparisonGroup } from './groups-api';
import {
  drawEquiplot,
  drawFunnel,
  drawLeague,
  drawScatter,
  drawSpine,
  drawTrend,
  figure,
  gapTrendText,
  markBadge,
  marks,
  markText,
  scatterXName,
  trendText,
} from './compare-charts';
import type { FigureColumn, ScatterPoint, SpineItem } from './compare-charts';
import { byRank, ComparisonIndex, formatting, indicatorName, peersOf, spineItem, totalDimension, unique } from './compare-data';

export function comparePath(analysis: number): string {
  return `/analyser/${analysis}/jamforelse`;
}

interface Choice {
  indicator: string;
  against: string;
  level: string;
  area: string;
  period: string;
  dimension: string;
}

const queryNames: Record<keyof Choice, string> = {
  indicator: 'indikator',
  against: 'jamfor',
  level: 'niva',
  area: 'omrade',
  period: 'period',
  dimension: 'uppdelning',
};

const comparators = ['lan', 'riket'] as const;

// The comparator choices: the county, the nation and the organisation's comparison groups
// (against=group:ID, the group's value the unweighted mean of its members).
export function comparatorChoices(groups: ComparisonGroup[]): { value: string; label: string }[] {
  return [
    ...comparators.map((c) => ({ value: c as string, label: t(`compare.against.${c}` as Key) })),
    ...groups.map((g) => ({ value: g.against, label: t('compare.against.group', { title: g.title }) })),
  ];
}

function remember(choice: Choice): void {
  const query = new URLSearchParams(location.search);
  for (const [key, name] of Object.entries(queryNames) as [keyof Choice, string][]) query.set(name, choice[key]);
  const next = `${location.pathname}?${query.toString()}`;
  if (next !== location.pathname + location.search) history.replaceState(history.state, '', next);
}

// The columns every area table shares: area, estimate, interval, comparator, marks, rank, trend.
export function markColumns(
  f: { format: (v: number | null | undefined) => string },
  confidence: string,
  label: (r: ComparisonRow) => string,
): FigureColumn<ComparisonRow>[] {
  return [
    { header: t('analysis.area'), rowHeader: true, cell: label, value: label },
    { header: t('analysis.col.estimate'), numeric: true, cell: (r) => f.format(r.estimate), value: (r) => r.estimate },
    { header: t('analysis.col.lower', { confidence }), numeric: true, cell: (r) => f.format(r.lower), value: (r) => r.lower },
    { header: t('analysis.col.upper', { confidence }), numeric: true, cell: (r) => f.format(r.upper), value: (r) => r.upper },
    { header: t('compare.col.comparator'), cell: (r) => r.comparator_name || '–', value: (r) => r.comparator_name },
    { header: t('compare.col.comparatorValue'), numeric: true, cell: (r) => f.format(r.comparator_value), value: (r) => r.comparator_value },
    { header: t('compare.col.mark95'), cell: (r) => markBadge(r.comparison), value: (r) => r.comparison },
    { header: t('compare.col.mark998'), cell: (r) => markBadge(r.comparison_2), value: (r) => r.comparison_2 },
    {
      header: t('compare.col.rank'),
      numeric: true,
      cell: (r) => (r.rank !== null && r.rank_of !== null ? t('compare.rankOf', { rank: formatInteger(r.rank), of: formatInteger(r.rank_of) }) : '–'),
      value: (r) => r.rank,
    },
    { header: t('compare.col.trend'), cell: (r) => trendText(r), value: (r) => r.trend },
  ];
}

// Each table row's raw values, for tests and scripts.
export function rowData(r: ComparisonRow): Record<string, string> {
  return {
    area: r.area,
    period: r.period,
    subgroup: r.subgroup,
    estimate: r.estimate === null ? '' : String(r.estimate),
    comparison: r.comparison,
    comparison2: r.comparison_2,
    comparatorValue: r.comparator_value === null ? '' : String(r.comparator_value),
    trend: r.trend,
    gapTrend: r.gap_trend,
  };
}

// What the marks mean, with their shapes: the page's key.
export function markKey(shown: string[]): HTMLElement {
  return h(
    'div',
    { class: 'mark-key' },
    h('h3', {}, t('compare.keyTitle')),
    h(
      'ul',
      {},
      marks.filter((m) => shown.includes(m)).map((m) => h('li', {}, markBadge(m), ' ', t(`compare.markHelp.${m}` as Key))),
    ),
    h('p', { class: 'hint' }, t('compare.keyHint')),
  );
}

export async function renderCompare(context: PageContext): Promise<void> {
  const { main, app } = context;
  const id = Number(context.params.id);
  context.setTitle(t('compare.loadingTitle'));
  replace(main, h('h1', { tabindex: '-1' }, t('compare.loadingTitle')), loading());
  const wanted: Partial<Choice> = {};
  for (const [key, name] of Object.entries(queryNames) as [keyof Choice, string][]) {
    const value = context.query.get(name);
    if (value !== null) wanted[key] = value;
  }
  // The organisation's groups; none when they cannot be read (the county and the nation remain).
  const groups = await groupsApi.list(app.org).catch(() => [] as ComparisonGroup[]);
  if (!context.current()) return;
  const choices = comparatorChoices(groups);
  const against0 = choices.some((c) => c.value === wanted.against) ? (wanted.against as string) : 'lan';
  const cache = new Map<string, Promise<ComparisonIndex>>();
  const comparison = (against: string) => {
    if (!cache.has(against)) cache.set(against, api.comparison(app.org, id, against).then((rows) => new ComparisonIndex(rows)));
    return cache.get(against) as Promise<ComparisonIndex>;
  };
  const [analysis, first] = await Promise.all([api.analysis(app.org, id), comparison(against0)]);
  if (!context.current()) return;
  // The differences between groups (D), fetched once and only for the scatter.
  let gaps: Promise<InequalityResult> | null = null;
  const definitions = new Map((analysis.indicators ?? []).map((d) => [d.id, d]));
  const heading = pageHeading(context, t('compare.title', { name: analysis.name }));
  const back = h('p', {}, h('a', { href: `/analyser/${id}`, 'data-link': true }, t('compare.back', { name: analysis.name })));
  if (first.rows.length === 0) {
    replace(main, ...heading, back, h('p', { class: 'empty' }, t('analysis.noResults')));
    return;
  }
  const ownArea = app.membership.organisation.area_code ?? '';
  const choice: Choice = {
    indicator: wanted.indicator ?? first.rows[0].indicator,
    against: against0,
    level: wanted.level ?? '',
    area: wanted.area ?? '',
    period: wanted.period ?? '',
    dimension: wanted.dimension ?? '',
  };
  const controls = h('div', { class: 'filters form-grid' });
  const output = h('div', { class: 'compare-output' });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const profileLink = h('a', { 'data-link': true, class: 'button secondary' }, t('compare.profileLink'));
  let charts: ResultChart[] = [];
  let drawn = 0;

  const draw = async (changed?: keyof Choice) => {
    const index = await comparison(choice.against);
    if (!context.current()) return;
    const rows = index.rows;
    const indicators = unique(rows.map((r) => r.indicator));
    if (!indicators.includes(choice.indicator)) choice.indicator = indicators[0];
    const ofIndicator = rows.filter((r) => r.indicator === choice.indicator);
    const definition = definitions.get(choice.indicator);
    const order = definition?.areas ?? [];
    const levelRank = (level: string) => (order.includes(level) ? order.indexOf(level) : order.length);
    // Levels with something to compare: not the comparator's own.
    const levels = unique(ofIndicator.filter((r) => r.comparator_area).map((r) => r.area_level)).sort((a, b) => levelRank(a) - levelRank(b));
    if (levels.length === 0) levels.push(...unique(ofIndicator.map((r) => r.area_level)));
    if (!levels.includes(choice.level)) choice.level = levels.find((l) => ofIndicator.some((r) => r.area_level === l && r.area === ownArea)) ?? levels[0];
    const ofLevel = ofIndicator.filter((r) => r.area_level === choice.level);
    const areas = unique(ofLevel.map((r) => r.area));
    const areaName = new Map(ofLevel.map((r) => [r.area, r.area_name || r.area]));
    if (!areas.includes(choice.area)) choice.area = areas.includes(ownArea) ? ownArea : areas[0];
    const periods = unique(ofLevel.map((r) => r.period)).sort();
    if (!periods.includes(choice.period)) choice.period = periods[periods.length - 1];
    const dimensions = unique(ofLevel.filter((r) => r.dimension !== totalDimension && !r.dimension.includes(' × ')).map((r) => r.dimension));
    if (!dimensions.includes(choice.dimension)) choice.dimension = dimensions[0] ?? '';
    const dimensionLabel = new Map(ofLevel.map((r) => [r.dimension, r.dimension_label || r.dimension]));

    const select = (key: keyof Choice, label: string, values: { value: string; label: string }[]) => {
      const element = h(
        'select',
        {
          name: key,
          id: `compare-${key}`,
          onchange: (event: Event) => {
            choice[key] = (event.target as HTMLSelectElement).value;
            void draw(key);
          },
        },
        values.map((v) => option(v.value, v.label, v.value === choice[key])),
      );
      return field(label, element);
    };
    const sortedAreas = [...areas].sort((a, b) => (areaName.get(a) ?? a).localeCompare(areaName.get(b) ?? b, 'sv'));
    replace(
      controls,
      select('indicator', t('analysis.indicator'), indicators.map((i) => ({ value: i, label: indicatorName(definitions.get(i), rows.find((r) => r.indicator === i)) }))),
      select('against', t('compare.against'), choices),
      select('level', t('analysis.areaLevel'), levels.map((l) => ({ value: l, label: t(`analysis.level.${l}` as 'analysis.level.kommun') || l }))),
      select('area', t('analysis.area'), sortedAreas.map((a) => ({ value: a, label: `${areaName.get(a)} (${a})` }))),
      select('period', t('analysis.period'), periods.map((p) => ({ value: p, label: p || t('analysis.noPeriod') }))),
      dimensions.length ? select('dimension', t('compare.dimension'), dimensions.map((d) => ({ value: d, label: dimensionLabel.get(d) ?? d }))) : null,
    );
    if (changed) {
      remember(choice);
      (controls.querySelector(`#compare-${changed}`) as HTMLElement | null)?.focus();
    }
    const group = choice.against.startsWith('group:') ? `&grupp=${encodeURIComponent(choice.against.slice('group:'.length))}` : '';
    profileLink.setAttribute('href', `${areaProfilePathOf(id)}?omrade=${encodeURIComponent(choice.area)}${group}`);
    for (const chart of charts) chart.dispose();
    charts = [];
    const run = ++drawn;
    const isCurrent = () => context.current() && run === drawn;
    replace(output, ...sections(index, definition, choice, periods, isCurrent, charts, () => (gaps ??= api.inequalityMeasures(app.org, id, 'd'))));
    status.textContent = t('compare.showing', { area: areaName.get(choice.area) ?? choice.area, period: choice.period });
  };

  replace(
    main,
    ...heading,
    back,
    h('p', {}, t('compare.intro')),
    h('form', { class: 'card', 'aria-label': t('analysis.filters'), onsubmit: (e: Event) => e.preventDefault() }, controls),
    h('p', { class: 'actions' }, profileLink, ' ', h('a', { href: groupsPath, 'data-link': true, class: 'button secondary' }, t('compare.groupsLink'))),
    status,
    output,
  );
  await draw();
}

export function areaProfilePathOf(analysis: number): string {
  return `/analyser/${analysis}/omradesprofil`;
}

function sections(
  index: ComparisonIndex,
  definition: IndicatorDefinition | undefined,
  choice: Choice,
  periods: string[],
  isCurrent: () => boolean,
  charts: ResultChart[],
  gaps: () => Promise<InequalityResult>,
): HTMLElement[] {
  const total = (r: ComparisonRow) => r.dimension === totalDimension;
  const chosen = index.rows.find(
    (r) => r.indicator === choice.indicator && r.area === choice.area && r.period === choice.period && total(r) && r.area_level === choice.level,
  );
  if (!chosen) return [h('p', { class: 'empty' }, t('analysis.noRows'))];
  const name = indicatorName(definition, chosen);
  const areaLabel = chosen.area_name || chosen.area;
  const confidence = formatLevel(chosen.confidence ?? 0.95);
  const ofLevel = index.level(choice.indicator, choice.level, choice.period);
  const f = formatting(definition, ofLevel);
  const label = (r: ComparisonRow) => r.area_name || r.area;
  const out: HTMLElement[] = [];

  // The summary: the area's figure, its marks, trend and gap trend, in words.
  out.push(
    h(
      'section',
      { 'aria-labelledby': 'summary-heading', class: 'card compare-summary', 'data-section': 'summary', 'data-area': chosen.area, 'data-comparison': chosen.comparison, 'data-trend': chosen.trend, 'data-gap-trend': chosen.gap_trend },
      h('h2', { id: 'summary-heading' }, t('compare.summaryTitle', { area: areaLabel, indicator: name, period: chosen.period })),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('analysis.col.estimate')),
        h('dd', {}, `${f.format(chosen.estimate)} ${f.unit}`.trim(), chosen.lower !== null ? ` (${t('compare.ci', { confidence })} ${f.format(chosen.lower)}–${f.format(chosen.upper)})` : ''),
        h('dt', {}, t('compare.col.comparator')),
        h('dd', {}, chosen.comparator_name ? `${chosen.comparator_name}: ${f.format(chosen.comparator_value)}` : t('compare.noComparator')),
        h('dt', {}, t('compare.col.mark95')),
        h('dd', {}, markBadge(chosen.comparison)),
        h('dt', {}, t('compare.col.mark998')),
        h('dd', {}, markBadge(chosen.comparison_2)),
        h('dt', {}, t('compare.col.rank')),
        h('dd', {}, chosen.rank !== null && chosen.rank_of !== null ? t('compare.rankOf', { rank: formatInteger(chosen.rank), of: formatInteger(chosen.rank_of) }) + (chosen.quartile ? `, ${t('compare.quartile', { quartile: chosen.quartile })}` : '') : '–'),
        h('dt', {}, t('compare.col.trend')),
        h('dd', { 'data-trend': chosen.trend }, trendText(chosen)),
        h('dt', {}, t('compare.col.gapTrend', { comparator: chosen.comparator_name || t('compare.comparatorShort') })),
        h('dd', { 'data-gap-trend': chosen.gap_trend }, gapTrendText(chosen)),
      ),
    ),
  );
  out.push(markKey(unique(index.rows.filter((r) => r.indicator === choice.indicator).map((r) => r.comparison))));

  // 1. Spine chart: every indicator of the analysis for the area, the comparator at the centre.
  const items: SpineItem[] = [];
  for (const indicator of unique(index.rows.map((r) => r.indicator))) {
    const row = index.find(indicator, choice.area, choice.period, totalDimension, 'T') ?? index.rows.find((r) => r.indicator === indicator && r.area === choice.area && r.period === choice.period && total(r));
    if (!row) continue;
    const item = spineItem(indicatorName(undefined, row), row, index.level(indicator, choice.level, choice.period));
    if (item) items.push(item);
  }
  const spineF = { format: (v: number | null | undefined) => formatNumber(v) };
  out.push(
    section('spine', t('compare.spine.heading'), t('compare.spine.intro'), [
      figure<SpineItem>(
        {
          id: 'spine',
          title: t('compare.spine.title', { area: areaLabel, period: choice.period }),
          alt: t('compare.spine.alt', {
            area: areaLabel,
            count: items.length,
            summary: items.map((item) => `${item.label}: ${markText(item.row.comparison)}`).join('; '),
          }),
          hint: t('compare.spine.hint'),
          rows: items,
          columns: [
            { header: t('analysis.indicator'), rowHeader: true, cell: (i) => i.label, value: (i) => i.label },
            { header: t('compare.col.areaValue', { area: areaLabel }), numeric: true, cell: (i) => spineF.format(i.row.estimate), value: (i) => i.row.estimate },
            { header: t('compare.col.comparatorValue'), numeric: true, cell: (i) => spineF.format(i.row.comparator_value), value: (i) => i.row.comparator_value },
            { header: t('compare.col.mark95'), cell: (i) => markBadge(i.row.comparison), value: (i) => i.row.comparison },
            { header: t('compare.col.lowest'), numeric: true, cell: (i) => spineF.format(i.min), value: (i) => i.min },
            { header: t('compare.col.highest'), numeric: true, cell: (i) => spineF.format(i.max), value: (i) => i.max },
            { header: t('compare.col.trend'), cell: (i) => trendText(i.row), value: (i) => i.row.trend },
          ],
          rowData: (i) => rowData(i.row),
          draw: (chart) => drawSpine(chart, items),
          fileName: [t('compare.spine.file'), areaLabel, choice.period],
        },
        isCurrent,
        charts,
      ),
    ]),
  );

  // 2. League table: the areas beside the chosen one, best first, coloured by their marks.
  const peers = byRank(peersOf(ofLevel, chosen));
  out.push(
    section('league', t('compare.league.heading'), t('compare.league.intro'), [
      figure<ComparisonRow>(
        {
          id: 'league',
          title: t('compare.league.title', { indicator: name, period: choice.period }),
          about: t('compare.interval95', { confidence }),
          alt: t('compare.league.alt', {
            indicator: name,
            count: peers.length,
            better: peers.filter((r) => r.comparison === 'better' || r.comparison === 'higher').length,
            similar: peers.filter((r) => r.comparison === 'similar').length,
            worse: peers.filter((r) => r.comparison === 'worse' || r.comparison === 'lower').length,
            area: areaLabel,
            mark: markText(chosen.comparison),
          }),
          rows: peers,
          columns: markColumns(f, confidence, label),
          rowData,
          draw: (chart) => drawLeague(chart, peers, chosen.area, chosen.comparator_value, f),
          fileName: [name, t('compare.league.file'), choice.period],
        },
        isCurrent,
        charts,
      ),
    ]),
  );

  // 3. Funnel plot: the areas with the same comparator, against their size.
  const funnelRows = ofLevel.filter((r) => r.comparator_area === chosen.comparator_area && r.estimate !== null);
  const standardised = chosen.indicator_type === 'dsr' || chosen.indicator_type === 'isr';
  const x = (r: ComparisonRow) => (standardised ? (r.numerator ?? 0) : (r.denominator ?? 0));
  const xName = standardised ? t('compare.funnel.events') : t('compare.funnel.denominator');
  const hasLimits = funnelRows.some((r) => r.funnel_lower !== null);
  out.push(
    section(
      'funnel',
      t('compare.funnel.heading'),
      t('compare.funnel.intro'),
      hasLimits && chosen.comparator_value !== null
        ? [
            figure<ComparisonRow>(
              {
                id: 'funnel',
                title: t('compare.funnel.title', { indicator: name, period: choice.period, comparator: chosen.comparator_name }),
                alt: t('compare.funnel.alt', {
                  indicator: name,
                  count: funnelRows.length,
                  comparator: chosen.comparator_name,
                  value: f.format(chosen.comparator_value),
                  outside: funnelRows.filter((r) => r.estimate !== null && r.funnel_lower_2 !== null && r.funnel_upper_2 !== null && (r.estimate < r.funnel_lower_2 || r.estimate > r.funnel_upper_2)).length,
                  area: areaLabel,
                }),
                hint: t('compare.funnel.hint'),
                rows: funnelRows,
                columns: [
                  { header: t('analysis.area'), rowHeader: true, cell: label, value: label },
                  { header: xName, numeric: true, cell: (r) => formatNumber(x(r), 0), value: x },
                  { header: t('analysis.col.estimate'), numeric: true, cell: (r) => f.format(r.estimate), value: (r) => r.estimate },
                  { header: t('compare.col.funnel95'), numeric: true, cell: (r) => `${f.format(r.funnel_lower)}–${f.format(r.funnel_upper)}`, value: (r) => `${r.funnel_lower ?? ''}–${r.funnel_upper ?? ''}` },
                  { header: t('compare.col.funnel998'), numeric: true, cell: (r) => `${f.format(r.funnel_lower_2)}–${f.format(r.funnel_upper_2)}`, value: (r) => `${r.funnel_lower_2 ?? ''}–${r.funnel_upper_2 ?? ''}` },
                  { header: t('compare.col.mark95'), cell: (r) => markBadge(r.comparison), value: (r) => r.comparison },
                ],
                rowData: (r) => ({ ...rowData(r), funnelLower: String(r.funnel_lower ?? ''), funnelUpper: String(r.funnel_upper ?? '') }),
                draw: (chart) => drawFunnel(chart, funnelRows, chosen.area, chosen.comparator_value, x, xName, f),
                fileName: [name, t('compare.funnel.file'), choice.period],
              },
              isCurrent,
              charts,
            ),
          ]
        : [h('p', { class: 'empty' }, t('compare.funnel.none'))],
    ),
  );

  // 4. Trend: the area and its comparator over the periods, with the markers.
  const areaSeries = index.series(choice.indicator, choice.area, totalDimension, chosen.subgroup);
  // A group has no rows of its own (its value is its members' mean): its series is the comparator
  // value the API sent with each of the area's rows, without an interval.
  const ownSeries = chosen.comparator_area ? index.series(choice.indicator, chosen.comparator_area, totalDimension, chosen.subgroup) : [];
  const comparatorSeries =
    ownSeries.length || !chosen.comparator_area
      ? ownSeries
      : areaSeries.filter((r) => r.comparator_value !== null).map((r) => ({ ...r, area: r.comparator_area, area_name: r.comparator_name, estimate: r.comparator_value, lower: null, upper: null }));
  const trendRows = areaSeries;
  const trendF = formatting(definition, [...areaSeries, ...comparatorSeries]);
  out.push(
    section('trend', t('compare.trend.heading'), t('compare.trend.intro'), [
      h(
        'p',
        { class: 'trend-markers', 'data-trend': chosen.trend, 'data-gap-trend': chosen.gap_trend },
        h('strong', {}, t('compare.col.trend'), ': '),
        trendText(chosen),
        chosen.trend_chi_squared !== null ? ` (χ² = ${formatNumber(chosen.trend_chi_squared, 2)})` : '',
        '. ',
        h('strong', {}, t('compare.col.gapTrend', { comparator: chosen.comparator_name || t('compare.comparatorShort') }), ': '),
        gapTrendText(chosen),
        chosen.gap_trend_chi_squared !== null ? ` (χ² = ${formatNumber(chosen.gap_trend_chi_squared, 2)})` : '',
        '.',
      ),
      periods.length > 1
        ? figure<ComparisonRow>(
            {
              id: 'trend',
              title: t('compare.trend.title', { indicator: name, area: areaLabel, first: periods[0], last: periods[periods.length - 1] }),
              about: t('compare.interval95', { confidence }),
              alt: t('compare.trend.alt', {
                indicator: name,
                area: areaLabel,
                comparator: chosen.comparator_name || '–',
                first: periods[0],
                last: periods[periods.length - 1],
                trend: trendText(chosen),
                gap: gapTrendText(chosen),
              }),
              rows: trendRows,
              columns: [
                { header: t('analysis.col.period'), rowHeader: true, cell: (r) => r.period, value: (r) => r.period },
                { header: t('compare.col.areaValue', { area: areaLabel }), numeric: true, cell: (r) => trendF.format(r.estimate), value: (r) => r.estimate },
                { header: t('analysis.col.lower', { confidence }), numeric: true, cell: (r) => trendF.format(r.lower), value: (r) => r.lower },
                { header: t('analysis.col.upper', { confidence }), numeric: true, cell: (r) => trendF.format(r.upper), value: (r) => r.upper },
                { header: t('compare.col.comparatorValue'), numeric: true, cell: (r) => trendF.format(r.comparator_value), value: (r) => r.comparator_value },
                { header: t('compare.col.mark95'), cell: (r) => markBadge(r.comparison), value: (r) => r.comparison },
                { header: t('compare.col.trend'), cell: (r) => trendText(r), value: (r) => r.trend },
                { header: t('compare.col.gapTrend', { comparator: t('compare.comparatorShort') }), cell: (r) => gapTrendText(r), value: (r) => r.gap_trend },
              ],
              rowData,
              draw: (chart) =>
                drawTrend(
                  chart,
                  [{ name: areaLabel, rows: areaSeries }, ...(comparatorSeries.length ? [{ name: chosen.comparator_name, rows: comparatorSeries }] : [])],
                  periods,
                  trendF,
                ),
              fileName: [name, areaLabel, t('compare.trend.file')],
            },
            isCurrent,
            charts,
          )
        : h('p', { class: 'empty' }, t('compare.trend.onePeriod')),
    ]),
  );

  // 5. Equiplot: the dimension's groups on one line per area (the area's peers and comparator).
  if (choice.dimension) {
    const ofDimension = index.level(choice.indicator, choice.level, choice.period, choice.dimension);
    const peerAreas = peersOf(ofLevel, chosen).map((r) => r.area);
    const subgroups = unique(ofDimension.map((r) => r.subgroup))
      .map((id) => ofDimension.find((r) => r.subgroup === id) as ComparisonRow)
      .sort((a, b) => (a.subgroup_order || 0) - (b.subgroup_order || 0))
      .map((r) => ({ id: r.subgroup, label: r.subgroup_label || r.subgroup }));
    const lines = peerAreas
      .map((area) => ({ area, label: ofLevel.find((r) => r.area === area)?.area_name || area, rows: ofDimension.filter((r) => r.area === area) }))
      .sort((a, b) => (a.area === chosen.area ? -1 : b.area === chosen.area ? 1 : a.label.localeCompare(b.label, 'sv')));
    if (chosen.comparator_area) {
      const comparatorRows = index.rows.filter(
        (r) => r.indicator === choice.indicator && r.area === chosen.comparator_area && r.period === choice.period && r.dimension === choice.dimension,
      );
      if (comparatorRows.length) lines.push({ area: chosen.comparator_area, label: chosen.comparator_name, rows: comparatorRows });
    }
    const tableRows = lines.flatMap((line) => line.rows);
    const dimensionName = tableRows[0]?.dimension_label || choice.dimension;
    const ef = formatting(definition, tableRows);
    out.push(
      section('equiplot', t('compare.equiplot.heading'), t('compare.equiplot.intro'), [
        figure<ComparisonRow>(
          {
            id: 'equiplot',
            title: t('compare.equiplot.title', { indicator: name, dimension: dimensionName, period: choice.period }),
            alt: t('compare.equiplot.alt', {
              indicator: name,
              dimension: dimensionName,
              count: lines.length,
              groups: subgroups.map((s) => s.label).join(', '),
              area: areaLabel,
              values: (lines[0]?.rows ?? []).map((r) => `${r.subgroup_label || r.subgroup} ${ef.format(r.estimate)}`).join(', '),
            }),
            rows: tableRows,
            columns: [
              { header: t('analysis.area'), rowHeader: true, cell: label, value: label },
              { header: t('analysis.col.subgroup'), cell: (r) => r.subgroup_label || r.subgroup, value: (r) => r.subgroup_label || r.subgroup },
              { header: t('analysis.col.estimate'), numeric: true, cell: (r) => ef.format(r.estimate), value: (r) => r.estimate },
              { header: t('analysis.col.lower', { confidence }), numeric: true, cell: (r) => ef.format(r.lower), value: (r) => r.lower },
              { header: t('analysis.col.upper', { confidence }), numeric: true, cell: (r) => ef.format(r.upper), value: (r) => r.upper },
              { header: t('compare.col.mark95'), cell: (r) => markBadge(r.comparison), value: (r) => r.comparison },
            ],
            rowData,
            draw: (chart) => drawEquiplot(chart, lines, subgroups, ef),
            fileName: [name, dimensionName, t('compare.equiplot.file'), choice.period],
          },
          isCurrent,
          charts,
        ),
      ]),
    );

    // 6. HEAT Plus's scatter: each area's level against the difference between its groups.
    const scatterSection = section('scatter', t('compare.scatter.heading'), t('compare.scatter.intro', { dimension: dimensionName }), [loading()]);
    out.push(scatterSection);
    void gaps()
      .then((result) => {
        if (!isCurrent()) return;
        const d = new Map(
          result.rows
            .filter((r) => r.measure === 'd' && r.indicator === choice.indicator && r.area_level === choice.level && r.period === choice.period && r.dimension === choice.dimension)
            .map((r) => [r.area, r]),
        );
        const points: ScatterPoint[] = funnelRows.length > 1 ? funnelRows.map((row) => ({ row, gap: d.get(row.area)?.estimate ?? null })) : peers.map((row) => ({ row, gap: d.get(row.area)?.estimate ?? null }));
        const gapName = t('compare.scatter.gap', { dimension: dimensionName });
        const own = d.get(chosen.area);
        scatterSection.querySelector('.loading')?.replaceWith(
          figure<ScatterPoint>(
            {
              id: 'scatter',
              title: t('compare.scatter.title', { indicator: name, dimension: dimensionName, period: choice.period }),
              alt: t('compare.scatter.alt', {
                indicator: name,
                count: points.filter((p) => p.gap !== null).length,
                dimension: dimensionName,
                area: areaLabel,
                level: f.format(chosen.estimate),
                gap: own ? f.format(own.estimate) : '–',
              }),
              hint: own?.reading ?? undefined,
              rows: points,
              columns: [
                { header: t('analysis.area'), rowHeader: true, cell: (p) => label(p.row), value: (p) => label(p.row) },
                { header: scatterXName(f), numeric: true, cell: (p) => f.format(p.row.estimate), value: (p) => p.row.estimate },
                { header: gapName, numeric: true, cell: (p) => f.format(p.gap), value: (p) => p.gap },
              ],
              rowData: (p) => ({ area: p.row.area, estimate: String(p.row.estimate ?? ''), gap: String(p.gap ?? '') }),
              draw: (chart) => drawScatter(chart, points, chosen.area, gapName, f),
              fileName: [name, dimensionName, t('compare.scatter.file'), choice.period],
            },
            isCurrent,
            charts,
          ),
        );
      })
      .catch((error: unknown) => {
        scatterSection.querySelector('.loading')?.replaceWith(h('p', { class: 'error' }, describeError(error)));
      });
  }
  return out;
}

function section(id: string, heading: string, intro: string, content: (Node | null)[]): HTMLElement {
  return h('section', { 'aria-labelledby': `${id}-heading`, 'data-section': id, class: 'compare-section' }, h('h2', { id: `${id}-heading` }, heading), h('p', {}, intro), content);
}
