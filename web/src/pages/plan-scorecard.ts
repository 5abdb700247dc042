// A plan's scorecard (/planer/12/styrkort): every goal with its targets and their status in the
// follow-up of a period — in words, with a symbol and a colour, never colour alone — beside the
// baseline, the path's value, the estimate with its interval and the target, and the responsible
// person's comment. Filterable by committee, recommendation, welfare area and dimension. Every
// number is the engine's, as the follow-up stored it.
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { formatNumber, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import {
  estimateText,
  latestRecords,
  planApi,
  planPath,
  planTabs,
  recommendationLabel,
  reasonLabel,
  recommendations,
  reportLinks,
  statusMark,
  statuses,
  targetText,
} from './plan-common';
import type { FollowUpRecord, PlanGoal, PlanTarget } from './plan-common';
import { targetNames } from './plan-names';

interface Row {
  target: PlanTarget;
  record: FollowUpRecord | undefined;
}

export async function renderPlanScorecard(context: PageContext): Promise<void> {
  const { main } = context;
  const id = Number(context.params.id);
  replace(main, loading());
  const [plan, records] = await Promise.all([planApi.get(context.app.org, id), planApi.followUps(context.app.org, id)]);
  if (!context.current()) return;
  const document = plan.document ?? {};
  const bodies = document.bodies ?? [];
  const goals = document.goals ?? [];
  const targets = document.targets ?? [];
  const periodsFollowed = [...new Set(records.map((r) => r.period))];
  const { period, byTarget } = latestRecords(records, context.query.get('period') ?? '');
  const names = await targetNames(context.app.org, targets);
  if (!context.current()) return;
  const heading = pageHeading(context, t('planScorecard.title', { year: plan.year }));

  const select = (name: string, label: string, choices: [string, string][]) => {
    const control = h('select', { name }, option('', t('planScorecard.all')), choices.map(([v, l]) => option(v, l)));
    return { control, wrapper: field(label, control) };
  };
  const committee = select('committee', t('planScorecard.committee'), bodies.filter((b) => b.kind !== 'fullmaktige').map((b) => [b.id, b.name]));
  const recommendation = select('recommendation', t('plan.recommendation'), recommendations.filter((r) => goals.some((g) => g.recommendation === r)).map((r) => [r, recommendationLabel(r)]));
  const area = select('welfare_area', t('plan.welfareArea'), [...new Set(goals.map((g) => g.welfare_area))].map((a) => [a, a]));
  const dimension = select('dimension', t('planScorecard.dimension'), [...new Set(targets.map((x) => x.dimension ?? '').filter(Boolean))].map((d) => [d, d]));
  const periodSelect = h('select', { name: 'period' }, periodsFollowed.map((p) => option(p, p, p === period)));
  periodSelect.addEventListener('change', () => context.navigate(`${planPath(plan.id)}/styrkort?period=${encodeURIComponent(periodSelect.value)}`));

  const summary = h('p', { class: 'scorecard-summary', role: 'status' });
  const body = h('div', { class: 'scorecard' });
  // A committee's goals are its own and its units'.
  const underCommittee = (goal: PlanGoal, committeeId: string) => {
    const owner = bodies.find((b) => b.id === goal.body);
    return goal.body === committeeId || owner?.parent === committeeId;
  };
  const draw = () => {
    const shownGoals = goals.filter(
      (g) =>
        (!committee.control.value || underCommittee(g, committee.control.value)) &&
        (!recommendation.control.value || g.recommendation === recommendation.control.value) &&
        (!area.control.value || g.welfare_area === area.control.value),
    );
    const counts = new Map<string, number>();
    const rowsOf = (wanted: (target: PlanTarget) => boolean): Row[] => {
      const rows = targets.filter((x) => wanted(x) && (!dimension.control.value || x.dimension === dimension.control.value)).map((target) => ({ target, record: byTarget.get(target.id) }));
      for (const row of rows) {
        const s = row.record?.status ?? '';
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      return rows;
    };
    const table = (caption: string, rows: Row[]) =>
      rows.length === 0
        ? h('p', { class: 'empty' }, t('planScorecard.noTargets'))
        : dataTable<Row>(
            caption,
            [
              {
                header: t('planScorecard.target'),
                rowHeader: true,
                cell: (r) =>
                  h('span', {}, h('a', { href: `${planPath(plan.id)}/malvarden/${encodeURIComponent(r.target.id)}`, 'data-link': true }, names.heading(r.target)), h('br'), targetText(r.target)),
              },
              { header: t('planScorecard.status'), cell: (r) => h('span', {}, statusMark(r.record?.status ?? ''), r.record?.status === 'no_data' && r.record.reason ? h('span', { class: 'hint' }, ` (${reasonLabel(r.record.reason)})`) : null) },
              { header: t('planScorecard.baseline'), numeric: true, cell: (r) => formatNumber(r.record?.baseline) },
              { header: t('planScorecard.path'), numeric: true, cell: (r) => formatNumber(r.record?.path_value) },
              { header: t('planScorecard.estimate'), numeric: true, cell: (r) => (r.record ? `${estimateText(r.record)}${r.record.evaluated_period ? ` · ${r.record.evaluated_period}` : ''}` : '–') },
              { header: t('planScorecard.targetValue'), numeric: true, cell: (r) => `${formatNumber(r.target.target_value)} (${r.target.target_period})` },
              { header: t('planScorecard.comment'), cell: (r) => r.record?.comment ?? '' },
            ],
            rows,
          );
    const sections = shownGoals.map((goal) => {
      const owner = bodies.find((b) => b.id === goal.body);
      return h(
        'section',
        { class: 'card scorecard-goal', 'aria-label': goal.title },
        h('h2', {}, goal.title),
        h('p', { class: 'meta' }, owner?.name ?? '', ' · ', h('span', { class: 'badge' }, recommendationLabel(goal.recommendation)), ' ', h('span', { class: 'badge' }, goal.welfare_area)),
        table(t('planScorecard.caption', { goal: goal.title }), rowsOf((x) => x.goal === goal.id)),
      );
    });
    // A target saved without a goal (or whose goal was removed) is still followed up: it is shown
    // on its own unless a filter by goal is chosen, never hidden.
    const goalFilter = committee.control.value || recommendation.control.value || area.control.value;
    const loose = goalFilter ? [] : rowsOf((x) => !goals.some((g) => g.id === x.goal));
    if (loose.length) {
      sections.push(h('section', { class: 'card scorecard-goal scorecard-loose', 'aria-label': t('planScorecard.withoutGoal') }, h('h2', {}, t('planScorecard.withoutGoal')), h('p', { class: 'meta' }, t('planScorecard.withoutGoalHint')), table(t('planScorecard.withoutGoal'), loose)));
    }
    const words = statuses.filter((s) => counts.get(s)).map((s) => `${t(`plan.status.${s}`)}: ${counts.get(s)}`);
    if (counts.get('')) words.push(`${t('plan.status.none')}: ${counts.get('')}`);
    replace(summary, words.length ? words.join(' · ') : t('planScorecard.nothing'));
    replace(body, sections.length ? sections : h('p', { class: 'empty' }, t('planScorecard.noGoals')));
  };
  for (const s of [committee, recommendation, area, dimension]) s.control.addEventListener('change', draw);
  replace(
    main,
    ...heading,
    planTabs(plan, `${planPath(plan.id)}/styrkort`),
    period
      ? h('p', {}, t('planScorecard.intro', { period }))
      : h('p', { class: 'notice' }, t('planScorecard.notFollowedUp'), ' ', h('a', { href: `${planPath(plan.id)}/uppfoljning`, 'data-link': true }, t('planScorecard.toFollowUp'))),
    h(
      'form',
      { class: 'filters form-grid', 'aria-label': t('planScorecard.filters'), onsubmit: (e: Event) => e.preventDefault() },
      periodsFollowed.length ? field(t('planScorecard.period'), periodSelect) : null,
      committee.wrapper,
      recommendation.wrapper,
      area.wrapper,
      dimension.wrapper,
    ),
    summary,
    context.app.canWrite ? h('p', { class: 'actions' }, h('a', { class: 'button', href: `${planPath(plan.id)}/malvarden/ny`, 'data-link': true }, t('planScorecard.addTarget'))) : null,
    body,
    reportLinks(context, plan, period),
  );
  draw();
}
