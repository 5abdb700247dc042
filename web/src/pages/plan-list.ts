// Planer: the organisation's goal-and-budget plans, one per budget year. An analyst starts a new
// year empty or as a copy of an earlier year (the earlier year and what it reported stay as
// they are).
import type { PageContext } from '../app';
import { field, h, replace } from '../dom';
import { formatDate, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { planApi, planPath, plansPath } from './plan-common';
import type { Plan } from './plan-common';

function newPlanForm(context: PageContext, plans: Plan[]): HTMLElement {
  const years = new Set(plans.map((p) => p.year));
  const suggested = plans.length ? Math.max(...plans.map((p) => p.year)) + 1 : new Date().getFullYear() + 1;
  const year = h('input', { type: 'number', name: 'year', min: '1900', max: '2200', required: true, value: String(suggested), 'data-field': 'year', inputmode: 'numeric' });
  const source = h('select', { name: 'copy_from', 'data-field': 'copy_from' }, h('option', { value: '' }, t('plans.empty')));
  for (const plan of plans) source.append(h('option', { value: String(plan.id) }, t('plans.copyOf', { year: plan.year })));
  if (plans.length) source.value = String(plans[plans.length - 1].id);
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('plans.create'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'new-plan-heading' },
    h('h2', { id: 'new-plan-heading' }, t('plans.newHeading')),
    h('div', { class: 'form-grid' }, field(t('plans.year'), year), field(t('plans.start'), source, t('plans.startHint'))),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    const value = Number(year.value);
    if (!Number.isInteger(value) || value < 1900 || value > 2200) {
      markInvalid(year, t('plans.yearInvalid'));
      year.focus();
      return;
    }
    if (years.has(value)) {
      markInvalid(year, t('plans.yearTaken', { year: value }));
      year.focus();
      return;
    }
    submit.disabled = true;
    try {
      const plan = source.value
        ? await planApi.copy(context.app.org, Number(source.value), value)
        : await planApi.create(context.app.org, value, { bodies: [], goals: [], periods: [], targets: [], measures: [] });
      context.navigate(planPath(plan.id), t('plans.created', { year: plan.year }));
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  return form;
}

export async function renderPlans(context: PageContext): Promise<void> {
  const { main } = context;
  const heading = pageHeading(context, t('plans.title'));
  replace(main, ...heading, loading());
  const plans = await planApi.list(context.app.org);
  if (!context.current()) return;
  replace(
    main,
    ...heading,
    h('p', {}, t('plans.intro')),
    plans.length === 0
      ? h('p', { class: 'empty' }, t('plans.none'))
      : dataTable<Plan>(
          t('plans.caption'),
          [
            { header: t('plans.year'), rowHeader: true, cell: (p) => h('a', { href: planPath(p.id), 'data-link': true }, t('plans.planOf', { year: p.year })) },
            { header: t('plans.version'), numeric: true, cell: (p) => String(p.version) },
            { header: t('plans.copiedFrom'), cell: (p) => (p.copied_from ? t('plans.copyOf', { year: plans.find((q) => q.id === p.copied_from)?.year ?? '' }) : '–') },
            { header: t('plans.updated'), cell: (p) => formatDate(p.updated_at) },
          ],
          plans,
        ),
    context.app.canWrite ? newPlanForm(context, plans) : null,
  );
}

export { plansPath };
