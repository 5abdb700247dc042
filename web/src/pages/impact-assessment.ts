// Konsekvensanalyser: a plan's equality impact assessments (the list) and one assessment (the
// view) laid out by EIGE's steps, with each predicted effect on a targeted gap beside the value
// the follow-up measured, the decision (recorded once, then the assessment is immutable) and a
// link to the printable record. Statuses are said in words, never by colour alone.
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { formatNumber, lang, t } from '../i18n';
import { dataTable, loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { impactApi, impactPath } from './impact-api';
import type { ImpactAssessment, ImpactDecision, ImpactOptions, ImpactOutcome, Plan } from './impact-api';

const labelOf = (list: { id: string; label: string }[], id: string) => list.find((x) => x.id === id)?.label ?? id;

function targetName(plan: Plan, id: string): string {
  const target = plan.document?.targets?.find((x) => x.id === id);
  if (!target) return id;
  return target.measure ? `${id} (${target.indicator}, ${target.measure.toUpperCase()})` : `${id} (${target.indicator})`;
}

function subjectText(plan: Plan, assessment: ImpactAssessment): string {
  const subject = assessment.document.subject;
  if (subject.kind === 'measure') {
    const measure = plan.document?.measures?.find((x) => x.id === subject.measure);
    return `${t('impact.measure')}: ${measure?.name ?? subject.measure}`;
  }
  const body = plan.document?.bodies?.find((x) => x.id === subject.committee);
  return `${t('impact.budgetChange')}: ${body?.name ?? subject.committee} ${subject.year}, ${formatNumber(subject.sek ?? 0, 0)} kr`;
}

// The measured value with its interval, or why there is none.
function measuredText(outcome: ImpactOutcome, options: ImpactOptions): string {
  const measured = outcome.measured;
  if (!measured || measured.estimate === null) return labelOf(options.reasons, outcome.reason || 'no_data');
  return `${formatNumber(measured.estimate)} (${formatNumber(measured.lower)} – ${formatNumber(measured.upper)})`;
}

// The predictions beside the measured values: one row per targeted gap and period.
export function predictionTable(plan: Plan, assessment: ImpactAssessment, options: ImpactOptions): HTMLElement {
  const reasoning = new Map(assessment.document.predictions?.map((p) => [`${p.target} ${p.period}`, p.reasoning ?? '']));
  return dataTable<ImpactOutcome>(
    t('impact.predictionsCaption'),
    [
      { header: t('impact.target'), cell: (row) => targetName(plan, row.target), rowHeader: true },
      { header: t('impact.period'), cell: (row) => row.period },
      { header: t('impact.predicted'), cell: (row) => formatNumber(row.predicted), numeric: true },
      { header: t('impact.measured'), cell: (row) => measuredText(row, options), numeric: true },
      { header: t('impact.status'), cell: (row) => (row.measured ? labelOf(options.statuses, row.measured.status) : '–') },
      { header: t('impact.reasoning'), cell: (row) => reasoning.get(`${row.target} ${row.period}`) ?? '' },
    ],
    assessment.outcomes,
  );
}

function section(step: string, title: string, ...children: (Node | string)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, `${step} ${title}`.trim()), ...children);
}

function paragraph(text: string | undefined): HTMLElement {
  return h('p', { class: text ? null : 'muted' }, text || '–');
}

function decisionForm(context: PageContext, plan: Plan, assessment: ImpactAssessment, options: ImpactOptions): HTMLElement {
  const decidedBy = h('input', { type: 'text', name: 'decided_by', required: true, 'data-field': 'decided_by' });
  const committee = plan.document?.bodies?.find(
    (b) => assessment.document.subject.kind === 'measure'
      ? b.id === plan.document?.measures?.find((m) => m.id === assessment.document.subject.measure)?.committee
      : b.id === assessment.document.subject.committee,
  );
  decidedBy.value = committee?.name ?? '';
  const date = h('input', { type: 'date', name: 'date', required: true, 'data-field': 'date' });
  const outcome = h('select', { name: 'outcome', 'data-field': 'outcome' }, options.outcomes.map((o) => option(o.id, o.label)));
  const reference = h('input', { type: 'text', name: 'reference', 'data-field': 'reference' });
  const note = h('textarea', { name: 'note', rows: '3', 'data-field': 'note' });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('impact.decide'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'impact-decision-heading' },
    h('h2', { id: 'impact-decision-heading' }, t('impact.recordDecision')),
    h('p', {}, t('impact.decisionHint')),
    field(t('impact.decidedBy'), decidedBy),
    field(t('impact.date'), date),
    field(t('impact.outcome'), outcome),
    field(t('impact.reference'), reference),
    field(t('impact.note'), note),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    for (const control of [decidedBy, date]) {
      if (!control.value.trim()) {
        markInvalid(control, t('impact.required'));
        control.focus();
        return;
      }
    }
    submit.disabled = true;
    try {
      await impactApi.decide(context.app.org, plan.id, assessment.id, assessment.version, {
        decided_by: decidedBy.value.trim(),
        date: date.value,
        outcome: outcome.value as ImpactDecision['outcome'],
        reference: reference.value.trim(),
        note: note.value,
      });
      context.navigate(impactPath(plan.id, assessment.id), t('impact.decided'));
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  return form;
}

export async function renderImpactAssessment(context: PageContext): Promise<void> {
  const { main, app } = context;
  const planId = Number(context.params.plan);
  const id = Number(context.params.id);
  replace(main, ...pageHeading(context, t('impact.title')), loading());
  const [plan, assessment, options] = await Promise.all([
    impactApi.plan(app.org, planId),
    impactApi.get(app.org, planId, id),
    impactApi.options(),
  ]);
  if (!context.current()) return;
  const document = assessment.document;
  const decided = assessment.state === 'decided';
  const dimensionLabel = (dimension: string) => options.dimensions.find((d) => d.id === dimension)?.label ?? dimension;
  const categoryLabel = (dimension: string, code: string) =>
    options.dimensions.find((d) => d.id === dimension)?.categories.find((c) => c.code === code)?.label ?? code;
  const heading = pageHeading(context, `${t('impact.title')}: ${document.title}`);
  const actions = h(
    'p',
    { class: 'actions' },
    h('a', { href: impactApi.recordUrl(app.org, planId, id, lang()), class: 'button', target: '_blank', rel: 'noopener' }, t('impact.print')),
    !decided && app.canWrite ? h('a', { href: `${impactPath(planId, id)}/andra`, class: 'button secondary', 'data-link': true }, t('impact.edit')) : null,
    h('a', { href: impactPath(planId), 'data-link': true }, t('impact.backToList')),
  );
  const evidence = (document.evidence ?? []).map((item) => {
    const kind = labelOf(options.evidence_kinds, item.kind);
    const what =
      item.kind === 'analysis'
        ? h('a', { href: `/analyser/${item.analysis}`, 'data-link': true }, `${t('impact.analysisNo')} ${item.analysis}${item.indicator ? `, ${item.indicator}` : ''}`)
        : item.kind === 'published'
          ? [item.source, item.reference, item.area, item.period, item.value !== null && item.value !== undefined ? formatNumber(item.value) : ''].filter(Boolean).join(', ')
          : targetName(plan, item.target ?? '');
    return h('li', {}, `${kind}: `, what, item.note ? ` — ${item.note}` : '');
  });
  replace(
    main,
    ...heading,
    h('p', { class: decided ? 'notice' : 'draft' }, decided ? t('impact.stateDecided') : t('impact.stateDraft'), ' · ', subjectText(plan, assessment)),
    actions,
    section('1.', t('impact.step1'), paragraph(document.purpose)),
    section(
      '2.',
      t('impact.step2'),
      h('p', {}, h('strong', {}, document.relevant ? t('impact.relevant') : t('impact.notRelevant'))),
      paragraph(document.relevance),
    ),
    section(
      '3.',
      t('impact.step3'),
      document.groups?.length
        ? dataTable(
            t('impact.groupsCaption'),
            [
              { header: t('impact.dimension'), cell: (g) => dimensionLabel(g.dimension), rowHeader: true },
              { header: t('impact.group'), cell: (g) => categoryLabel(g.dimension, g.subgroup) },
              { header: t('impact.effect'), cell: (g) => labelOf(options.effects, g.effect) },
              { header: t('impact.description'), cell: (g) => g.description ?? '' },
            ],
            document.groups,
          )
        : paragraph(''),
      h('h3', {}, t('impact.evidence')),
      evidence.length ? h('ul', {}, evidence) : paragraph(''),
    ),
    section(
      '4.',
      t('impact.step4'),
      assessment.outcomes.length ? predictionTable(plan, assessment, options) : paragraph(''),
      h('h3', {}, t('impact.mitigation')),
      paragraph(document.mitigation),
    ),
    section('5.', t('impact.step5'), h('h3', {}, t('impact.findings')), paragraph(document.findings), h('h3', {}, t('impact.proposals')), paragraph(document.proposals)),
    decided && assessment.decision
      ? section(
          '',
          t('impact.decision'),
          h(
            'dl',
            {},
            h('dt', {}, t('impact.decidedBy')),
            h('dd', {}, assessment.decision.decided_by),
            h('dt', {}, t('impact.date')),
            h('dd', {}, assessment.decision.date),
            h('dt', {}, t('impact.outcome')),
            h('dd', {}, labelOf(options.outcomes, assessment.decision.outcome)),
            h('dt', {}, t('impact.reference')),
            h('dd', {}, assessment.decision.reference || '–'),
          ),
          paragraph(assessment.decision.note),
        )
      : app.canWrite
        ? decisionForm(context, plan, assessment, options)
        : h('p', {}, t('impact.notDecided')),
  );
}

export async function renderImpactAssessments(context: PageContext): Promise<void> {
  const { main, app } = context;
  const planId = Number(context.params.plan);
  replace(main, ...pageHeading(context, t('impact.listTitle')), loading());
  const [plan, assessments] = await Promise.all([impactApi.plan(app.org, planId), impactApi.list(app.org, planId)]);
  if (!context.current()) return;
  replace(
    main,
    ...pageHeading(context, `${t('impact.listTitle')} ${plan.year}`),
    app.canWrite ? h('p', {}, h('a', { href: `${impactPath(planId)}/ny`, class: 'button', 'data-link': true }, t('impact.new'))) : null,
    assessments.length
      ? dataTable<ImpactAssessment>(
          t('impact.listCaption'),
          [
            { header: t('impact.titleLabel'), cell: (a) => h('a', { href: impactPath(planId, a.id), 'data-link': true }, a.document.title), rowHeader: true },
            { header: t('impact.subject'), cell: (a) => subjectText(plan, a) },
            { header: t('impact.state'), cell: (a) => (a.state === 'decided' ? t('impact.stateDecided') : t('impact.stateDraft')) },
          ],
          assessments,
        )
      : h('p', {}, t('impact.none')),
  );
}
