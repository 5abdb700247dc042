// An area profile (Fingertips' "area profiles", issue 11 item 5): one area's indicators of an
// analysis against its county and the nation — each figure with its interval, both comparators'
// values and marks at 95 % and 99.8 %, the recent trend and the gap's trend — and a spine chart
// with the nation at the centre. Every value is the comparison API's (against=lan and
// against=riket, and against=group:ID when one of the organisation's comparison groups is chosen);
// the area and the group are in the address (?omrade=1880&grupp=3).
import { api } from '../api';
import type { ComparisonRow } from '../api';
import type { PageContext } from '../app';
import type { ResultChart } from '../chart';
import { field, h, option, replace } from '../dom';
import { formatLevel, formatNumber, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import type { TableColumn } from './common';
import { drawSpine, figure, gapTrendText, markBadge, markText, trendText } from './compare-charts';
import type { SpineItem } from './compare-charts';
import { ComparisonIndex, formatting, indicatorName, spineItem, totalDimension, unique } from './compare-data';
import { comparePath, markKey, rowData } from './compare-page';
import { groupsApi } from './groups-api';
import type { ComparisonGroup } from './groups-api';

interface ProfileRow {
  county: ComparisonRow;
  nation: ComparisonRow | undefined;
  group: ComparisonRow | undefined;
}

export async function renderAreaProfile(context: PageContext): Promise<void> {
  const { main, app } = context;
  const id = Number(context.params.id);
  context.setTitle(t('profile.loadingTitle'));
  replace(main, h('h1', { tabindex: '-1' }, t('profile.loadingTitle')), loading());
  const groups = await groupsApi.list(app.org).catch(() => [] as ComparisonGroup[]);
  const chosenGroup = groups.find((g) => String(g.id) === context.query.get('grupp'));
  const [analysis, countyRows, nationRows, groupRows] = await Promise.all([
    api.analysis(app.org, id),
    api.comparison(app.org, id, 'lan'),
    api.comparison(app.org, id, 'riket'),
    chosenGroup ? api.comparison(app.org, id, chosenGroup.against) : Promise.resolve([] as ComparisonRow[]),
  ]);
  if (!context.current()) return;
  const nation = new ComparisonIndex(nationRows);
  const byGroup = new ComparisonIndex(groupRows);
  const definitions = new Map((analysis.indicators ?? []).map((d) => [d.id, d]));
  // Areas that have a county to compare with: municipalities (and finer areas).
  const candidates = countyRows.filter((r) => r.comparator_area && r.dimension === totalDimension);
  const areas = unique(candidates.map((r) => r.area));
  const ownArea = app.membership.organisation.area_code ?? '';
  const wanted = context.query.get('omrade') ?? '';
  const area = areas.includes(wanted) ? wanted : areas.includes(ownArea) ? ownArea : areas[0];
  const back = h('p', {}, h('a', { href: comparePath(id), 'data-link': true }, t('profile.back', { name: analysis.name })));
  if (!area) {
    replace(main, ...pageHeading(context, t('profile.titleNone')), back, h('p', { class: 'empty' }, t('profile.noAreas')));
    return;
  }
  const names = new Map(candidates.map((r) => [r.area, r.area_name || r.area]));
  const areaName = names.get(area) ?? area;
  const periods = unique(countyRows.filter((r) => r.area === area).map((r) => r.period)).sort();
  const wantedPeriod = context.query.get('period') ?? '';
  const period = periods.includes(wantedPeriod) ? wantedPeriod : periods[periods.length - 1];
  const heading = pageHeading(context, t('profile.title', { area: areaName }));

  const chooser = h(
    'select',
    {
      id: 'profile-area',
      onchange: (event: Event) => {
        const query = new URLSearchParams(location.search);
        query.set('omrade', (event.target as HTMLSelectElement).value);
        context.navigate(`${location.pathname}?${query.toString()}`);
      },
    },
    [...areas].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'sv')).map((a) => option(a, `${names.get(a)} (${a})`, a === area)),
  );
  const groupChooser = h(
    'select',
    {
      id: 'profile-group',
      onchange: (event: Event) => {
        const query = new URLSearchParams(location.search);
        query.set('omrade', area);
        const value = (event.target as HTMLSelectElement).value;
        if (value) query.set('grupp', value);
        else query.delete('grupp');
        context.navigate(`${location.pathname}?${query.toString()}`);
      },
    },
    option('', t('profile.groupNone'), !chosenGroup),
    groups.map((g) => option(String(g.id), g.title, g === chosenGroup)),
  );
  const periodChooser = h(
    'select',
    {
      id: 'profile-period',
      onchange: (event: Event) => {
        const query = new URLSearchParams(location.search);
        query.set('omrade', area);
        query.set('period', (event.target as HTMLSelectElement).value);
        context.navigate(`${location.pathname}?${query.toString()}`);
      },
    },
    periods.map((p) => option(p, p, p === period)),
  );

  const charts: ResultChart[] = [];
  const indicators = unique(countyRows.map((r) => r.indicator));
  const blocks: HTMLElement[] = [];
  const spineItems: SpineItem[] = [];
  for (const indicator of indicators) {
    const definition = definitions.get(indicator);
    const ofArea = countyRows
      .filter((r) => r.indicator === indicator && r.area === area && r.period === period && !r.dimension.includes(' × '))
      .sort((a, b) => (a.dimension === totalDimension ? -1 : b.dimension === totalDimension ? 1 : a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : (a.subgroup_order || 0) - (b.subgroup_order || 0)));
    if (!ofArea.length) continue;
    const rows: ProfileRow[] = ofArea.map((r) => ({
      county: r,
      nation: nation.find(r.indicator, r.area, r.period, r.dimension, r.subgroup),
      group: byGroup.find(r.indicator, r.area, r.period, r.dimension, r.subgroup),
    }));
    const name = indicatorName(definition, ofArea[0]);
    const f = formatting(definition, ofArea);
    const confidence = formatLevel(ofArea[0].confidence ?? 0.95);
    const group = (r: ComparisonRow) => (r.dimension === totalDimension ? t('profile.total') : `${r.dimension_label || r.dimension}: ${r.subgroup_label || r.subgroup}`);
    const countyName = ofArea[0].comparator_name || t('compare.against.lan');
    const nationName = rows.find((r) => r.nation?.comparator_name)?.nation?.comparator_name || t('compare.against.riket');
    const columns: TableColumn<ProfileRow>[] = [
      { header: t('profile.col.group'), rowHeader: true, cell: (r) => group(r.county) },
      { header: t('compare.col.areaValue', { area: areaName }), numeric: true, cell: (r) => f.format(r.county.estimate) },
      { header: t('profile.col.interval', { confidence }), numeric: true, cell: (r) => (r.county.lower !== null ? `${f.format(r.county.lower)}–${f.format(r.county.upper)}` : '–') },
      { header: countyName, numeric: true, cell: (r) => f.format(r.county.comparator_value) },
      { header: t('profile.col.markAgainst', { comparator: countyName }), cell: (r) => markBadge(r.county.comparison) },
      { header: nationName, numeric: true, cell: (r) => f.format(r.nation?.comparator_value ?? null) },
      { header: t('profile.col.markAgainst', { comparator: nationName }), cell: (r) => markBadge(r.nation?.comparison ?? 'not_compared') },
      ...(chosenGroup
        ? [
            { header: chosenGroup.title, numeric: true, cell: (r: ProfileRow) => f.format(r.group?.comparator_value ?? null) },
            { header: t('profile.col.markAgainst', { comparator: chosenGroup.title }), cell: (r: ProfileRow) => markBadge(r.group?.comparison ?? 'not_compared') },
          ]
        : []),
      { header: t('compare.col.trend'), cell: (r) => trendText(r.county) },
      { header: t('compare.col.gapTrend', { comparator: nationName }), cell: (r) => (r.nation ? gapTrendText(r.nation) : '–') },
    ];
    const table = dataTable(t('profile.caption', { indicator: name, area: areaName, period }), columns, rows);
    table.querySelectorAll('tbody tr').forEach((tr, i) => {
      const r = rows[i];
      Object.assign((tr as HTMLElement).dataset, rowData(r.county), {
        comparisonNation: r.nation?.comparison ?? '',
        nationValue: r.nation?.comparator_value === null || r.nation === undefined ? '' : String(r.nation.comparator_value),
        gapTrendNation: r.nation?.gap_trend ?? '',
        comparisonGroup: r.group?.comparison ?? '',
        groupValue: r.group?.comparator_value === null || r.group === undefined ? '' : String(r.group.comparator_value),
        gapTrendGroup: r.group?.gap_trend ?? '',
      });
    });
    blocks.push(
      h(
        'section',
        { 'aria-labelledby': `profile-${indicator}`, class: 'profile-indicator', 'data-indicator': indicator },
        h('h3', { id: `profile-${indicator}` }, name),
        h('p', { class: 'hint' }, [f.unit, t('compare.interval95', { confidence })].filter(Boolean).join(' · ')),
        table,
      ),
    );
    const total = rows.find((r) => r.county.dimension === totalDimension)?.nation;
    if (total) {
      const item = spineItem(name, total, nation.level(indicator, total.area_level, period));
      if (item) spineItems.push(item);
    }
  }

  replace(
    main,
    ...heading,
    back,
    h('p', {}, t('profile.intro', { area: areaName, period })),
    h(
      'form',
      { class: 'card filters form-grid', 'aria-label': t('analysis.filters'), onsubmit: (e: Event) => e.preventDefault() },
      field(t('analysis.area'), chooser),
      field(t('analysis.period'), periodChooser),
      groups.length ? field(t('profile.group'), groupChooser) : null,
    ),
    markKey(unique([...countyRows, ...nationRows, ...groupRows].filter((r) => r.area === area).map((r) => r.comparison))),
    h(
      'section',
      { 'aria-labelledby': 'profile-spine-heading', 'data-section': 'spine' },
      h('h2', { id: 'profile-spine-heading' }, t('profile.spineHeading')),
      h('p', {}, t('compare.spine.intro')),
      spineItems.length
        ? figure<SpineItem>(
            {
              id: 'profile-spine',
              title: t('compare.spine.title', { area: areaName, period }),
              alt: t('compare.spine.alt', { area: areaName, count: spineItems.length, summary: spineItems.map((i) => `${i.label}: ${markText(i.row.comparison)}`).join('; ') }),
              hint: t('compare.spine.hint'),
              rows: spineItems,
              columns: [
                { header: t('analysis.indicator'), rowHeader: true, cell: (i) => i.label, value: (i) => i.label },
                { header: t('compare.col.areaValue', { area: areaName }), numeric: true, cell: (i) => formatNumber(i.row.estimate), value: (i) => i.row.estimate },
                { header: t('compare.col.comparatorValue'), numeric: true, cell: (i) => formatNumber(i.row.comparator_value), value: (i) => i.row.comparator_value },
                { header: t('compare.col.mark95'), cell: (i) => markBadge(i.row.comparison), value: (i) => i.row.comparison },
                { header: t('compare.col.lowest'), numeric: true, cell: (i) => formatNumber(i.min), value: (i) => i.min },
                { header: t('compare.col.highest'), numeric: true, cell: (i) => formatNumber(i.max), value: (i) => i.max },
              ],
              rowData: (i) => rowData(i.row),
              draw: (chart) => drawSpine(chart, spineItems),
              fileName: [t('profile.file'), areaName, period],
            },
            () => context.current(),
            charts,
          )
        : h('p', { class: 'empty' }, t('analysis.noRows')),
    ),
    h('section', { 'aria-labelledby': 'profile-indicators-heading', 'data-section': 'indicators' }, h('h2', { id: 'profile-indicators-heading' }, t('profile.indicatorsHeading')), blocks),
  );
}
