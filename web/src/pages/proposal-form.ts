// Nytt förslag: a member proposes what the meeting place should do — a title and a description —
// optionally citing a measured gap: one of their organisation's analyses and an indicator in it
// (the server checks the analysis is one of the proposer's organisations').
import { api } from '../api';
import type { Analysis, ProposalDraft } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { lang, t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { isMember, proposalsPath, refuseUnlessAllowed } from './members-parts';

export async function renderProposalForm(context: PageContext): Promise<void> {
  const { main } = context;
  const title = t('proposalForm.title');
  if (refuseUnlessAllowed(context, title, isMember(context))) return;
  const heading = pageHeading(context, title);
  replace(main, ...heading, loading());
  // A person without an organisation (a coordinator only) has no analyses to cite.
  const org = context.app ? context.app.org : null;
  const analyses: Analysis[] = org === null ? [] : await api.analyses(org);
  if (!context.current()) return;

  const name = h('input', { type: 'text', name: 'title', required: true, maxlength: '200', 'data-field': 'title' });
  const body = h('textarea', { name: 'body', rows: '8', required: true, maxlength: '5000', 'data-field': 'body' });
  const analysis = h(
    'select',
    { name: 'analysis_id', 'data-field': 'analysis_id' },
    option('', t('proposalForm.noAnalysis')),
    analyses.map((a) => option(String(a.id), a.name)),
  );
  const indicator = h('select', { name: 'indicator', 'data-field': 'indicator', disabled: true }, option('', t('proposalForm.noIndicator')));
  analysis.addEventListener('change', async () => {
    replace(indicator, option('', t('proposalForm.noIndicator')));
    indicator.disabled = true;
    if (!analysis.value || org === null) return;
    const chosen = await api.analysis(org, Number(analysis.value));
    for (const definition of chosen.indicators ?? []) {
      const label = (lang() === 'en' && definition.name_en) || definition.name_sv;
      indicator.append(option(definition.id, label));
    }
    indicator.disabled = false;
  });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('proposalForm.submit'));
  const gap = h(
    'fieldset',
    { class: 'cited-gap-fields' },
    h('legend', {}, t('proposalForm.gapLegend')),
    h('p', { class: 'hint' }, analyses.length ? t('proposalForm.gapHint') : t('proposalForm.gapNone')),
    field(t('proposalForm.analysis'), analysis),
    field(t('proposalForm.indicator'), indicator),
  );
  const form = h(
    'form',
    { class: 'card narrow-form', novalidate: true, 'aria-label': title },
    field(t('proposalForm.titleLabel'), name, t('proposalForm.titleHint')),
    field(t('proposalForm.body'), body, t('proposalForm.bodyHint')),
    analyses.length ? gap : null,
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    const fail = (control: HTMLElement, text: string) => {
      markInvalid(control, text);
      replace(message, h('p', { class: 'error', role: 'alert' }, t('form.fixErrors')));
      control.focus();
    };
    if (!name.value.trim()) return fail(name, t('proposalForm.titleRequired'));
    if (!body.value.trim()) return fail(body, t('proposalForm.bodyRequired'));
    const draft: ProposalDraft = { title: name.value.trim(), body: body.value.trim() };
    if (analysis.value) {
      draft.analysis_id = Number(analysis.value);
      if (indicator.value) draft.indicator = indicator.value;
    }
    submit.disabled = true;
    try {
      const created = await api.propose(draft);
      context.navigate(`${proposalsPath}/${created.id}`, t('proposalForm.saved'));
    } catch (error) {
      submit.disabled = false;
      const atField = showProblemAtField(form, error, fieldMessage(error));
      replace(message, h('p', { class: 'error', role: 'alert' }, atField ? t('form.fixErrors') : fieldMessage(error)));
    }
  });
  replace(main, ...heading, h('p', {}, t('proposalForm.intro')), form);
}
