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
import { isStale, planApi, planPath, planTabs, savePlan, targetKindLabel } from './plan-common';
import type { PlanTarget } from './plan-common';

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
    fill(indicator, unique(results.map((r) => r.indicator)).map((v) => [v, v]), wanted(existing?.indicator));
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
  replace(main, ...heading, planTabs(plan, ''), h('p', {}, t('planTarget.intro')), form, baseline);
  await load();
}
