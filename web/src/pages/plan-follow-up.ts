// The follow-up of a plan period (/planer/12/uppfoljning): an analyst takes a snapshot — every
// target evaluated by the engine from its analysis' latest published results — which is stored as
// reported: editing the plan later changes nothing in it. Each target's record shows its status,
// the numbers with their interval, and the responsible person's comments, appended, never replaced.
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { formatDate, formatNumber, t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid } from './form-errors';
import { estimateText, latestRecords, reasonLabel, planApi, planPath, planTabs, reportLinks, statusMark, targetText } from './plan-common';
import type { FollowUpRecord, Plan, PlanTarget } from './plan-common';
import { targetNames } from './plan-names';
import type { TargetNames } from './plan-names';

function commentForm(context: PageContext, plan: Plan, record: FollowUpRecord, period: string): HTMLElement {
  const text = h('textarea', { name: 'comment', rows: '3', 'data-field': 'comment' });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button secondary' }, t('planFollowUp.commentSubmit'));
  const form = h('form', { class: 'comment-form', novalidate: true }, field(t('planFollowUp.comment', { target: record.target }), text), message, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    if (!text.value.trim()) {
      markInvalid(text, t('planFollowUp.commentRequired'));
      text.focus();
      return;
    }
    submit.disabled = true;
    try {
      await planApi.comment(context.app.org, plan.id, record.id, text.value.trim());
      context.navigate(`${planPath(plan.id)}/uppfoljning?period=${encodeURIComponent(period)}`, t('planFollowUp.commented'));
    } catch (error) {
      submit.disabled = false;
      markInvalid(text, fieldMessage(error));
    }
  });
  return form;
}

function recordCard(context: PageContext, plan: Plan, record: FollowUpRecord, period: string, names: TargetNames): HTMLElement {
  const target = record.target_snapshot as unknown as PlanTarget;
  return h(
    'li',
    { class: 'card follow-up-record', 'data-target': record.target },
    h('h3', {}, names.heading(target), ' ', h('span', { class: 'hint' }, `(${record.target})`)),
    h('p', {}, targetText(target)),
    h('p', { class: 'follow-up-status' }, statusMark(record.status), record.reason ? h('span', { class: 'hint' }, ` ${t('planFollowUp.reason')}: ${reasonLabel(record.reason)}${record.detail ? ' – ' + record.detail : ''}`) : null),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('planScorecard.baseline')),
      h('dd', {}, formatNumber(record.baseline)),
      h('dt', {}, t('planFollowUp.evaluatedPeriod')),
      h('dd', {}, record.evaluated_period || '–'),
      h('dt', {}, t('planScorecard.estimate')),
      h('dd', {}, estimateText(record)),
      h('dt', {}, t('planScorecard.path')),
      h('dd', {}, formatNumber(record.path_value)),
      h('dt', {}, t('planScorecard.targetValue')),
      h('dd', {}, `${formatNumber(record.target_value)} (${target.target_period})`),
    ),
    record.comments.length
      ? h('ul', { class: 'comments' }, record.comments.map((c) => h('li', {}, h('strong', {}, c.user_name ?? ''), ` (${formatDate(c.time ?? 0)}): `, c.text ?? '')))
      : h('p', { class: 'empty' }, t('planFollowUp.noComments')),
    context.app.canWrite ? commentForm(context, plan, record, period) : null,
  );
}

export async function renderPlanFollowUp(context: PageContext): Promise<void> {
  const { main } = context;
  const id = Number(context.params.id);
  replace(main, loading());
  const [plan, records] = await Promise.all([planApi.get(context.app.org, id), planApi.followUps(context.app.org, id)]);
  if (!context.current()) return;
  const periods = plan.document?.periods ?? [];
  const { period, byTarget } = latestRecords(records, context.query.get('period') ?? '');
  const names = await targetNames(context.app.org, [...byTarget.values()].map((r) => r.target_snapshot as unknown as PlanTarget));
  if (!context.current()) return;
  const heading = pageHeading(context, t('planFollowUp.title', { year: plan.year }));
  const chosen = h('select', { name: 'period' }, periods.map((p) => option(p.id, `${p.id} (${t('plan.deadlineOn', { date: p.deadline })})`, p.id === period)));
  const message = h('div', { class: 'form-message' });
  const run = h('button', { type: 'submit', class: 'button' }, t('planFollowUp.run'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'run-heading' },
    h('h2', { id: 'run-heading' }, t('planFollowUp.runHeading')),
    h('p', {}, t('planFollowUp.runIntro')),
    field(t('plan.period'), chosen),
    message,
    h('div', { class: 'actions' }, run),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    run.disabled = true;
    replace(message, h('p', { class: 'loading', role: 'status' }, t('planFollowUp.running')));
    try {
      const made = await planApi.followUp(context.app.org, plan.id, chosen.value);
      context.navigate(`${planPath(plan.id)}/uppfoljning?period=${encodeURIComponent(chosen.value)}`, made.length === 1 ? t('planFollowUp.doneOne', { period: chosen.value }) : t('planFollowUp.done', { count: made.length, period: chosen.value }));
    } catch (error) {
      run.disabled = false;
      replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  const shown = [...byTarget.values()];
  const runAt = shown.length ? Math.max(...shown.map((r) => r.created_at)) : 0;
  const viewPeriod = h('select', { name: 'view-period' }, [...new Set(records.map((r) => r.period))].map((p) => option(p, p, p === period)));
  viewPeriod.addEventListener('change', () => context.navigate(`${planPath(plan.id)}/uppfoljning?period=${encodeURIComponent(viewPeriod.value)}`));
  replace(
    main,
    ...heading,
    planTabs(plan, `${planPath(plan.id)}/uppfoljning`),
    periods.length === 0
      ? h('p', { class: 'notice' }, t('planFollowUp.noPeriods'), ' ', h('a', { href: planPath(plan.id), 'data-link': true }, t('planFollowUp.toOverview')))
      : context.app.canWrite
        ? form
        : null,
    h('section', { 'aria-labelledby': 'records-heading' },
      h('h2', { id: 'records-heading' }, period ? t('planFollowUp.recordsOf', { period }) : t('planFollowUp.records')),
      records.length ? field(t('planFollowUp.viewPeriod'), viewPeriod) : null,
      shown.length
        ? [h('p', { class: 'meta' }, t('planFollowUp.takenAt', { date: formatDate(runAt) })), reportLinks(context, plan, period), h('ul', { class: 'follow-up-records' }, shown.map((r) => recordCard(context, plan, r, period, names)))]
        : h('p', { class: 'empty' }, t('planFollowUp.none')),
    ),
  );
}
