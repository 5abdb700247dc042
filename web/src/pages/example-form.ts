// Nytt lärande exempel: a member (analyst or admin) writes what their organisation did — for
// whom, the results and the evidence, optionally one of its own analyses — with tags and
// attachments (PDF, PNG or JPEG, at most 10 MiB each; the server checks the files' bytes).
// The same form edits one of the organisation's examples (/exempel/12/redigera): filled in from
// it, saved in its place; new attachments are added to its own.
import { api } from '../api';
import type { Example, ExampleDraft } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace, uid } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { exampleOptions, examplesPath } from './examples';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';

// A group of checkboxes for a tag list, named for the server's field.
function checkboxes(legend: string, fieldName: string, list: { id: string; label: string }[]): HTMLFieldSetElement {
  return h(
    'fieldset',
    { 'data-field': fieldName, class: 'checks' },
    h('legend', {}, legend),
    list.map((item) => {
      const id = uid('tag');
      return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name: fieldName, value: item.id }), h('label', { for: id }, item.label));
    }),
  );
}

function checked(set: HTMLFieldSetElement): string[] {
  return Array.from(set.querySelectorAll<HTMLInputElement>('input:checked')).map((input) => input.value);
}

function check(set: HTMLFieldSetElement, chosen: { id: string }[]): void {
  const ids = new Set(chosen.map((c) => c.id));
  set.querySelectorAll<HTMLInputElement>('input').forEach((input) => (input.checked = ids.has(input.value)));
}

export async function renderExampleForm(context: PageContext): Promise<void> {
  const { main } = context;
  const editing = context.params.id ? Number(context.params.id) : null;
  const heading = pageHeading(context, editing ? t('exampleForm.editTitle') : t('exampleForm.title'));
  replace(main, ...heading, loading());
  const [choices, analyses, existing] = await Promise.all([
    exampleOptions(),
    api.analyses(context.app.org),
    editing ? api.ownExample(context.app.org, editing) : Promise.resolve(null as Example | null),
  ]);
  if (!context.current()) return;
  if (!context.app.canWrite) {
    replace(main, ...heading, h('p', {}, t('exampleForm.readersCannot')));
    return;
  }
  const text = (name: string, required = false) =>
    h('input', { type: 'text', name, required, maxlength: '200', 'data-field': name });
  const area = (name: string) => h('textarea', { name, rows: '6', 'data-field': name });
  const title = text('title', true);
  const what = area('what');
  const forWhom = text('for_whom');
  const results = area('results');
  const evidence = area('evidence');
  const analysis = h(
    'select',
    { name: 'analysis_id', 'data-field': 'analysis_id' },
    option('', t('exampleForm.noAnalysis')),
    analyses.map((a) => option(String(a.id), a.name)),
  );
  const contactName = text('contact_name', true);
  const contactEmail = h('input', { type: 'email', name: 'contact_email', required: true, 'data-field': 'contact_email', autocomplete: 'email' });
  contactName.value = context.session?.user.name ?? '';
  contactEmail.value = context.session?.user.email ?? '';
  const recommendations = checkboxes(t('examples.recommendation'), 'recommendations', choices.recommendations);
  const areas = checkboxes(t('examples.area'), 'welfare_areas', choices.welfare_areas);
  const groups = checkboxes(t('examples.group'), 'groups', choices.groups);
  const files = h('input', { type: 'file', name: 'file', multiple: true, accept: 'application/pdf,image/png,image/jpeg', 'data-field': 'file' });
  const message = h('div', { class: 'form-message' });
  if (existing) {
    title.value = existing.title;
    what.value = existing.what;
    forWhom.value = existing.for_whom;
    results.value = existing.results;
    evidence.value = existing.evidence;
    analysis.value = existing.analysis_id ? String(existing.analysis_id) : '';
    contactName.value = existing.contact_name;
    contactEmail.value = existing.contact_email;
    check(recommendations, existing.recommendations);
    check(areas, existing.welfare_areas);
    check(groups, existing.groups);
  }
  const submit = h('button', { type: 'submit', class: 'button' }, existing ? t('exampleForm.save') : t('exampleForm.submit'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-label': existing ? t('exampleForm.editTitle') : t('exampleForm.title') },
    field(t('exampleForm.titleLabel'), title),
    field(t('exampleForm.what'), what, t('exampleForm.richHint')),
    field(t('exampleForm.forWhom'), forWhom),
    field(t('exampleForm.results'), results, t('exampleForm.richHint')),
    field(t('exampleForm.evidence'), evidence, t('exampleForm.evidenceHint')),
    field(t('exampleForm.analysis'), analysis, t('exampleForm.analysisHint')),
    field(t('exampleForm.contactName'), contactName),
    field(t('exampleForm.contactEmail'), contactEmail, t('exampleForm.contactHint')),
    recommendations,
    areas,
    groups,
    field(t('exampleForm.files'), files, t('exampleForm.filesHint')),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    const required: [HTMLInputElement | HTMLTextAreaElement, string][] = [
      [title, t('exampleForm.titleRequired')],
      [what, t('exampleForm.whatRequired')],
      [contactName, t('exampleForm.contactNameRequired')],
      [contactEmail, t('exampleForm.contactEmailRequired')],
    ];
    for (const [control, text] of required) {
      if (!control.value.trim()) {
        markInvalid(control, text);
        replace(message, h('p', { class: 'error', role: 'alert' }, t('form.fixErrors')));
        control.focus();
        return;
      }
    }
    const draft: ExampleDraft = {
      title: title.value.trim(),
      what: what.value,
      for_whom: forWhom.value.trim(),
      results: results.value,
      evidence: evidence.value.trim(),
      analysis_id: analysis.value ? Number(analysis.value) : null,
      contact_name: contactName.value.trim(),
      contact_email: contactEmail.value.trim(),
      recommendations: checked(recommendations),
      welfare_areas: checked(areas),
      groups: checked(groups),
    };
    submit.disabled = true;
    try {
      const created = existing
        ? await api.editExample(context.app.org, existing.id, draft)
        : await api.createExample(context.app.org, draft);
      for (const file of Array.from(files.files ?? [])) {
        await api.attachToExample(context.app.org, created.id, file);
      }
      context.navigate(`${examplesPath}/${created.id}`, existing ? t('exampleForm.edited') : t('exampleForm.saved'));
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  replace(main, ...heading, h('p', {}, t('exampleForm.intro')), form);
}
