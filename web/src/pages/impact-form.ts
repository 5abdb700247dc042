// Ny / ändra konsekvensanalys: an analyst writes an equality impact assessment of a proposed
// measure or budget change of the plan, step by step as EIGE's gender impact assessment goes —
// purpose, relevance, the groups affected (the project's dimensions and categories, from the
// server) and the evidence, the predicted effect on each targeted gap and the mitigation, the
// findings and proposals. A decided assessment cannot be edited.
import { api } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { impactApi, impactPath } from './impact-api';
import type { ImpactAssessment, ImpactDocument, ImpactOptions, Plan } from './impact-api';

type Group = NonNullable<ImpactDocument['groups']>[number];
type Evidence = NonNullable<ImpactDocument['evidence']>[number];
type Prediction = NonNullable<ImpactDocument['predictions']>[number];

// A list of rows the user adds to and removes from; each row's controls carry the API's field
// names (groups[0].subgroup) so that a problem marks the right control.
function rowList<T>(
  legend: string,
  listName: string,
  addLabel: string,
  initial: T[],
  row: (item: T | undefined, index: number) => { element: HTMLElement; read: () => T },
): { element: HTMLFieldSetElement; read: () => T[] } {
  const rows: { element: HTMLElement; read: () => T }[] = [];
  const container = h('div', { class: 'rows' });
  const renumber = () => {
    rows.forEach((r, i) =>
      r.element.querySelectorAll<HTMLElement>('[data-key]').forEach((control) => {
        control.setAttribute('data-field', `${listName}[${i}].${control.getAttribute('data-key')}`);
      }),
    );
  };
  const add = (item?: T) => {
    const made = row(item, rows.length);
    const remove = h('button', { type: 'button', class: 'button secondary' }, t('impact.remove'));
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(made), 1);
      made.element.remove();
      renumber();
    });
    made.element.append(remove);
    rows.push(made);
    container.append(made.element);
    renumber();
  };
  initial.forEach((item) => add(item));
  const addButton = h('button', { type: 'button', class: 'button secondary' }, addLabel);
  addButton.addEventListener('click', () => {
    add();
    rows[rows.length - 1].element.querySelector<HTMLElement>('select, input')?.focus();
  });
  const element = h('fieldset', { 'data-field': listName }, h('legend', {}, legend), container, addButton);
  return { element, read: () => rows.map((r) => r.read()) };
}

const keyed = <E extends HTMLElement>(element: E, key: string): E => {
  element.setAttribute('data-key', key);
  return element;
};

export async function renderImpactForm(context: PageContext): Promise<void> {
  const { main, app } = context;
  const planId = Number(context.params.plan);
  const editing = context.params.id ? Number(context.params.id) : null;
  const title = editing ? t('impact.editTitle') : t('impact.newTitle');
  replace(main, ...pageHeading(context, title), loading());
  const [plan, options, existing, analyses] = await Promise.all([
    impactApi.plan(app.org, planId),
    impactApi.options(),
    editing ? impactApi.get(app.org, planId, editing) : Promise.resolve(null as ImpactAssessment | null),
    api.analyses(app.org),
  ]);
  if (!context.current()) return;
  const heading = pageHeading(context, title);
  if (!app.canWrite || existing?.state === 'decided') {
    replace(main, ...heading, h('p', {}, existing?.state === 'decided' ? t('impact.decidedCannotChange') : t('impact.readersCannot')));
    return;
  }
  const form = buildForm(context, plan, options, analyses, existing);
  replace(main, ...heading, h('p', {}, t('impact.intro')), form);
}

function buildForm(
  context: PageContext,
  plan: Plan,
  options: ImpactOptions,
  analyses: { id: number; name: string }[],
  existing: ImpactAssessment | null,
): HTMLFormElement {
  const doc = existing?.document;
  const measures = plan.document?.measures ?? [];
  const committees = (plan.document?.bodies ?? []).filter((b) => b.kind === 'namnd');
  const targets = plan.document?.targets ?? [];

  // Step 1: the subject and the purpose.
  const subjectKind = h('select', { name: 'subject.kind', 'data-field': 'subject.kind' },
    option('measure', t('impact.measure'), doc?.subject.kind !== 'budget_change'),
    option('budget_change', t('impact.budgetChange'), doc?.subject.kind === 'budget_change'));
  const measure = h('select', { name: 'subject.measure', 'data-field': 'subject.measure' },
    measures.map((m) => option(m.id, m.name, doc?.subject.measure === m.id)));
  const committee = h('select', { name: 'subject.committee', 'data-field': 'subject.committee' },
    committees.map((c) => option(c.id, c.name, doc?.subject.committee === c.id)));
  const year = h('input', { type: 'number', name: 'subject.year', 'data-field': 'subject.year', value: String(doc?.subject.year ?? plan.year) });
  const sek = h('input', { type: 'number', name: 'subject.sek', 'data-field': 'subject.sek', step: '1000', value: doc?.subject.sek !== undefined ? String(doc.subject.sek) : '' });
  const change = h('textarea', { name: 'subject.description', rows: '2', 'data-field': 'subject.description' });
  change.value = doc?.subject.description ?? '';
  const measureFields = h('div', {}, field(t('impact.measure'), measure));
  const budgetFields = h('div', {}, field(t('impact.committee'), committee), field(t('impact.year'), year), field(t('impact.sek'), sek, t('impact.sekHint')), field(t('impact.changeDescription'), change));
  const showSubject = () => {
    measureFields.hidden = subjectKind.value !== 'measure';
    budgetFields.hidden = subjectKind.value === 'measure';
  };
  subjectKind.addEventListener('change', showSubject);
  showSubject();
  const titleInput = h('input', { type: 'text', name: 'title', required: true, maxlength: '500', 'data-field': 'title', value: doc?.title ?? '' });
  const area = (name: string, value: string | undefined, rows = '4') => {
    const element = h('textarea', { name, rows, 'data-field': name });
    element.value = value ?? '';
    return element;
  };
  const purpose = area('purpose', doc?.purpose);
  // Step 2.
  const relevant = h('input', { type: 'checkbox', name: 'relevant', 'data-field': 'relevant', id: 'impact-relevant' });
  relevant.checked = doc ? doc.relevant : true;
  const relevance = area('relevance', doc?.relevance, '3');
  // Step 3: groups and evidence.
  const groups = rowList<Group>(t('impact.groups'), 'groups', t('impact.addGroup'), doc?.groups ?? [], (item) => {
    const dimension = keyed(h('select', { 'aria-label': t('impact.dimension') }, options.dimensions.map((d) => option(d.id, d.label, item?.dimension === d.id))), 'dimension');
    const subgroup = keyed(h('select', { 'aria-label': t('impact.group') }), 'subgroup');
    const areaCode = keyed(h('input', { type: 'text', 'aria-label': t('impact.areaCode'), value: item?.subgroup ?? '' }), 'subgroup');
    const fill = () => {
      const chosen = options.dimensions.find((d) => d.id === dimension.value);
      replace(subgroup, (chosen?.categories ?? []).map((c) => option(c.code, c.label, item?.subgroup === c.code)));
      const open = !chosen || chosen.categories.length === 0;
      subgroup.hidden = open;
      areaCode.hidden = !open;
    };
    dimension.addEventListener('change', fill);
    fill();
    const effect = keyed(h('select', { 'aria-label': t('impact.effect') }, options.effects.map((e) => option(e.id, e.label, item?.effect === e.id))), 'effect');
    const description = keyed(h('input', { type: 'text', 'aria-label': t('impact.description'), value: item?.description ?? '' }), 'description');
    return {
      element: h('div', { class: 'row' }, dimension, subgroup, areaCode, effect, description),
      read: () => ({
        dimension: dimension.value,
        subgroup: subgroup.hidden ? areaCode.value.trim() : subgroup.value,
        effect: effect.value as Group['effect'],
        description: description.value.trim(),
      }),
    };
  });
  const evidence = rowList<Evidence>(t('impact.evidence'), 'evidence', t('impact.addEvidence'), doc?.evidence ?? [], (item) => {
    const kind = keyed(h('select', { 'aria-label': t('impact.evidenceKind') }, options.evidence_kinds.map((k) => option(k.id, k.label, item?.kind === k.id))), 'kind');
    const analysis = keyed(h('select', { 'aria-label': t('impact.analysis') }, analyses.map((a) => option(String(a.id), a.name, item?.analysis === a.id))), 'analysis');
    const source = keyed(h('input', { type: 'text', 'aria-label': t('impact.source'), placeholder: 'Kolada', value: item?.source ?? '' }), 'source');
    const reference = keyed(h('input', { type: 'text', 'aria-label': t('impact.figure'), placeholder: 'N15419', value: item?.reference ?? '' }), 'reference');
    const value = keyed(h('input', { type: 'number', step: 'any', 'aria-label': t('impact.value'), value: item?.value !== null && item?.value !== undefined ? String(item.value) : '' }), 'value');
    const target = keyed(h('select', { 'aria-label': t('impact.target') }, targets.map((x) => option(x.id, x.id, item?.target === x.id))), 'target');
    const note = keyed(h('input', { type: 'text', 'aria-label': t('impact.note'), value: item?.note ?? '' }), 'note');
    const show = () => {
      analysis.hidden = kind.value !== 'analysis';
      source.hidden = reference.hidden = value.hidden = kind.value !== 'published';
      target.hidden = kind.value !== 'target';
    };
    kind.addEventListener('change', show);
    show();
    return {
      element: h('div', { class: 'row' }, kind, analysis, source, reference, value, target, note),
      read: (): Evidence =>
        kind.value === 'analysis'
          ? { kind: 'analysis', analysis: Number(analysis.value), note: note.value.trim() }
          : kind.value === 'published'
            ? { kind: 'published', source: source.value.trim(), reference: reference.value.trim(), value: value.value === '' ? null : Number(value.value), note: note.value.trim() }
            : { kind: 'target', target: target.value, note: note.value.trim() },
    };
  });
  // Step 4: predictions and mitigation.
  const predictions = rowList<Prediction>(t('impact.predictions'), 'predictions', t('impact.addPrediction'), doc?.predictions ?? [], (item) => {
    const target = keyed(h('select', { 'aria-label': t('impact.target') }, targets.map((x) => option(x.id, x.measure ? `${x.id} (${x.measure.toUpperCase()})` : x.id, item?.target === x.id))), 'target');
    const period = keyed(h('input', { type: 'text', 'aria-label': t('impact.period'), placeholder: String(plan.year), value: item?.period ?? String(plan.year) }), 'period');
    const value = keyed(h('input', { type: 'number', step: 'any', 'aria-label': t('impact.predicted'), value: item ? String(item.value) : '' }), 'value');
    const reasoning = keyed(h('input', { type: 'text', 'aria-label': t('impact.reasoning'), value: item?.reasoning ?? '' }), 'reasoning');
    return {
      element: h('div', { class: 'row' }, target, period, value, reasoning),
      read: () => ({ target: target.value, period: period.value.trim(), value: Number(value.value), reasoning: reasoning.value.trim() }),
    };
  });
  const mitigation = area('mitigation', doc?.mitigation);
  const findings = area('findings', doc?.findings);
  const proposals = area('proposals', doc?.proposals);

  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('impact.save'));
  const step = (text: string) => h('h2', {}, text);
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-label': existing ? t('impact.editTitle') : t('impact.newTitle') },
    step(`1. ${t('impact.step1')}`),
    field(t('impact.subjectKind'), subjectKind),
    measureFields,
    budgetFields,
    field(t('impact.titleLabel'), titleInput),
    field(t('impact.purpose'), purpose),
    step(`2. ${t('impact.step2')}`),
    h('div', { class: 'check' }, relevant, h('label', { for: 'impact-relevant' }, t('impact.relevantLabel'))),
    field(t('impact.relevance'), relevance, t('impact.relevanceHint')),
    step(`3. ${t('impact.step3')}`),
    groups.element,
    evidence.element,
    step(`4. ${t('impact.step4')}`),
    predictions.element,
    field(t('impact.mitigation'), mitigation),
    step(`5. ${t('impact.step5')}`),
    field(t('impact.findings'), findings),
    field(t('impact.proposals'), proposals),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    for (const control of [titleInput, purpose]) {
      if (!control.value.trim()) {
        markInvalid(control, t('impact.required'));
        control.focus();
        return;
      }
    }
    const document: ImpactDocument = {
      subject:
        subjectKind.value === 'measure'
          ? { kind: 'measure', measure: measure.value }
          : { kind: 'budget_change', committee: committee.value, year: Number(year.value), sek: Number(sek.value), description: change.value.trim() },
      title: titleInput.value.trim(),
      purpose: purpose.value,
      relevant: relevant.checked,
      relevance: relevance.value,
      groups: groups.read(),
      evidence: evidence.read(),
      predictions: predictions.read(),
      mitigation: mitigation.value,
      findings: findings.value,
      proposals: proposals.value,
    };
    submit.disabled = true;
    try {
      const saved = existing
        ? await impactApi.update(context.app.org, plan.id, existing.id, existing.version, document)
        : await impactApi.create(context.app.org, plan.id, document);
      context.navigate(impactPath(plan.id, saved.id), t('impact.saved'));
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  return form;
}
