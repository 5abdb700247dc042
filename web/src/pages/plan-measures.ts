// A plan's measures (/planer/12/insatser): each measure (insats) with its committee, target group,
// the goals it serves, status and budget of the plan's year; the budget summed per committee and
// per goal as the server sums it (a measure serving two goals counts towards each; the total
// counts it once; cancelled measures count nothing). Analysts add measures.
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { newId } from './plan-overview';
import { formatSek, isStale, measureStatusLabel, planApi, planPath, planTabs, savePlan } from './plan-common';
import type { Plan, PlanMeasure } from './plan-common';
import { effectPath } from './plan-effect';

const measureStatuses = ['planned', 'ongoing', 'completed', 'cancelled'] as const;

function measureForm(context: PageContext, plan: Plan): HTMLElement {
  const document = plan.document ?? {};
  const committees = (document.bodies ?? []).filter((b) => b.kind === 'namnd');
  const index = (document.measures ?? []).length;
  const df = (key: string) => `measures[${index}].${key}`;
  const name = h('input', { type: 'text', name: 'name', required: true, 'data-field': df('name') });
  const committee = h('select', { name: 'committee', 'data-field': df('committee') }, committees.map((c) => option(c.id, c.name)));
  const dimension = h('input', { type: 'text', name: 'dimension', 'data-field': df('target_group') + '.dimension' });
  const subgroups = h('input', { type: 'text', name: 'subgroups', 'data-field': df('target_group') + '.subgroups' });
  const budget = h('input', { type: 'text', inputmode: 'numeric', name: 'budget', 'data-field': df('budget') });
  const start = h('input', { type: 'date', name: 'start', required: true, value: `${plan.year}-01-01`, 'data-field': df('start') });
  const end = h('input', { type: 'date', name: 'end', 'data-field': df('end') });
  const status = h('select', { name: 'status', 'data-field': df('status') }, measureStatuses.map((s) => option(s, measureStatusLabel(s))));
  const goals = h(
    'fieldset',
    { class: 'checks', 'data-field': df('goals') },
    h('legend', {}, t('planMeasures.goals')),
    (document.goals ?? []).map((g) => {
      const box = h('input', { type: 'checkbox', name: 'goals', value: g.id });
      return h('div', { class: 'check' }, box, h('label', {}, g.title));
    }),
  );
  goals.querySelectorAll('.check').forEach((check, i) => {
    const box = check.querySelector('input')!;
    box.id = `measure-goal-${i}`;
    check.querySelector('label')!.setAttribute('for', box.id);
  });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('planMeasures.add'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'measure-form-heading' },
    h('h2', { id: 'measure-form-heading' }, t('planMeasures.addHeading')),
    h(
      'div',
      { class: 'form-grid' },
      field(t('planMeasures.name'), name),
      field(t('planMeasures.committee'), committee),
      field(t('planMeasures.dimension'), dimension, t('planMeasures.dimensionHint')),
      field(t('planMeasures.subgroups'), subgroups, t('planMeasures.subgroupsHint')),
      field(t('planMeasures.budget', { year: plan.year }), budget, t('planMeasures.budgetHint')),
      field(t('planMeasures.start'), start),
      field(t('planMeasures.end'), end, t('common.optional')),
      field(t('planMeasures.status'), status),
    ),
    goals,
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    if (!name.value.trim()) {
      markInvalid(name, t('planMeasures.nameRequired'));
      name.focus();
      return;
    }
    const sek = budget.value.trim() ? Number(budget.value.replace(/[\s\u00a0]/g, '').replace(',', '.')) : 0;
    if (!Number.isFinite(sek) || sek < 0) {
      markInvalid(budget, t('planMeasures.budgetInvalid'));
      budget.focus();
      return;
    }
    const measure: PlanMeasure = {
      id: '',
      name: name.value.trim(),
      committee: committee.value,
      target_group: { dimension: dimension.value.trim(), subgroups: subgroups.value.split(',').map((s) => s.trim()).filter(Boolean) },
      budget: { [String(plan.year)]: sek },
      start: start.value,
      end: end.value,
      status: status.value as PlanMeasure['status'],
      goals: Array.from(goals.querySelectorAll<HTMLInputElement>('input:checked')).map((box) => box.value),
    };
    submit.disabled = true;
    try {
      await savePlan(context, plan, (doc) => {
        measure.id = newId(measure.name, doc.measures!);
        doc.measures!.push(measure);
      });
      context.navigate(`${planPath(plan.id)}/insatser`, t('planMeasures.added', { name: measure.name }));
    } catch (error) {
      submit.disabled = false;
      const text = isStale(error) ? t('plan.stale') : fieldMessage(error);
      if (isStale(error) || !showProblemAtField(form, error, text)) replace(message, h('p', { class: 'error', role: 'alert' }, text));
    }
  });
  return form;
}

// Remove a measure from the plan (the document is saved whole). Follow-up records are snapshots
// of the targets when evaluated: removing a measure changes none of them.
function removeButton(context: PageContext, plan: Plan, measure: PlanMeasure): HTMLElement {
  const button = h('button', { type: 'button', class: 'button secondary small' }, t('planMeasures.remove', { name: measure.name }));
  button.addEventListener('click', async () => {
    if (!window.confirm(t('planMeasures.removeConfirm', { name: measure.name }))) return;
    button.disabled = true;
    try {
      await savePlan(context, plan, (doc) => {
        doc.measures = doc.measures!.filter((m) => m.id !== measure.id);
      });
      context.navigate(`${planPath(plan.id)}/insatser`, t('planMeasures.removed', { name: measure.name }));
    } catch (error) {
      button.disabled = false;
      const text = isStale(error) ? t('plan.stale') : fieldMessage(error);
      button.after(h('p', { class: 'error', role: 'alert' }, text));
    }
  });
  return button;
}

export async function renderPlanMeasures(context: PageContext): Promise<void> {
  const { main } = context;
  const id = Number(context.params.id);
  replace(main, loading());
  const plan = await planApi.get(context.app.org, id);
  if (!context.current()) return;
  const document = plan.document ?? {};
  const measures = document.measures ?? [];
  const bodyName = (id: string) => (document.bodies ?? []).find((b) => b.id === id)?.name ?? id;
  const goalTitle = (id: string) => (document.goals ?? []).find((g) => g.id === id)?.title ?? id;
  const year = String(plan.year);
  const heading = pageHeading(context, t('planMeasures.title', { year: plan.year }));
  type Sum = { name: string; sek: number };
  const committees: Sum[] = plan.budget.committees.map((c) => ({ name: c.name ?? '', sek: c.sek ?? 0 }));
  const goals: Sum[] = plan.budget.goals.map((g) => ({ name: g.title ?? '', sek: g.sek ?? 0 }));
  const write = context.app.canWrite;
  const hasCommittee = (document.bodies ?? []).some((b) => b.kind === 'namnd');
  replace(
    main,
    ...heading,
    planTabs(plan, `${planPath(plan.id)}/insatser`),
    h('p', {}, t('planMeasures.intro')),
    measures.length === 0
      ? h('p', { class: 'empty' }, t('planMeasures.none'))
      : dataTable<PlanMeasure>(
          t('planMeasures.caption', { year: plan.year }),
          [
            { header: t('planMeasures.name'), rowHeader: true, cell: (m) => m.name },
            { header: t('planMeasures.committee'), cell: (m) => bodyName(m.committee) },
            { header: t('planMeasures.targetGroup'), cell: (m) => (m.target_group?.dimension ? `${m.target_group.dimension}${m.target_group.subgroups?.length ? ': ' + m.target_group.subgroups.join(', ') : ''}` : '–') },
            { header: t('planMeasures.goals'), cell: (m) => (m.goals ?? []).map(goalTitle).join('; ') || '–' },
            { header: t('planMeasures.status'), cell: (m) => measureStatusLabel(m.status ?? 'planned') },
            { header: t('planMeasures.period'), cell: (m) => `${m.start}–${m.end ?? ''}` },
            { header: t('planMeasures.budget', { year: plan.year }), numeric: true, cell: (m) => formatSek(m.budget?.[year] ?? 0) },
            {
              header: t('planMeasures.actions'),
              cell: (m) =>
                h(
                  'span',
                  { class: 'row-actions' },
                  h('a', { href: effectPath(plan.id, m.id), 'data-link': true, 'aria-label': t('planMeasures.effectLink', { name: m.name }) }, t('planMeasures.effect')),
                  write ? removeButton(context, plan, m) : null,
                ),
            },
          ],
          measures,
        ),
    h('h2', {}, t('planMeasures.sums', { year: plan.year })),
    h('p', { class: 'budget-total' }, t('planMeasures.total', { sek: formatSek(plan.budget.total) })),
    h(
      'div',
      { class: 'budget-sums' },
      dataTable<Sum>(t('planMeasures.perCommittee', { year: plan.year }), [
        { header: t('planMeasures.committee'), rowHeader: true, cell: (s) => s.name },
        { header: t('planMeasures.sek'), numeric: true, cell: (s) => formatSek(s.sek) },
      ], committees),
      dataTable<Sum>(t('planMeasures.perGoal', { year: plan.year }), [
        { header: t('planMeasures.goal'), rowHeader: true, cell: (s) => s.name },
        { header: t('planMeasures.sek'), numeric: true, cell: (s) => formatSek(s.sek) },
      ], goals),
    ),
    h('p', { class: 'hint' }, t('planMeasures.overlap')),
    write ? (hasCommittee ? measureForm(context, plan) : h('p', { class: 'notice' }, t('planMeasures.needCommittee'))) : null,
  );
}
