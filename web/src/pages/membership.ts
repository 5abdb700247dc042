// Bli medlem: the public application for membership of the meeting place. Asks only what a
// coordinator needs to decide — the organisation, its kind (and a municipality's or region's
// code, else optionally its county), a contact person, an e-mail address, an optional message —
// and the server's consent text as a required checkbox. Like the public registration it needs no
// account and no CSRF token: the server refuses cross-site posts by their origin and limits each
// address. A problem the server finds (a code that is not a municipality's) is said at its field.
import { api, ApiError } from '../api';
import type { MembershipForm } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace, uid } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { membershipForm } from './members-parts';

function problemText(error: unknown): string {
  if (error instanceof ApiError && error.problem.code === 'too_many_requests') return t('membership.throttled');
  return fieldMessage(error);
}

function showReceipt(context: PageContext, organisation: string, email: string): void {
  const title = t('membership.thanksTitle');
  context.setTitle(title);
  const heading = h('h1', { tabindex: '-1' }, title);
  replace(
    context.main,
    heading,
    h('p', { class: 'success', role: 'status' }, t('membership.thanksText', { organisation })),
    h('p', {}, t('membership.thanksMail', { email })),
    h('p', {}, h('a', { href: '/aktiviteter', 'data-link': true }, t('membership.toActivities'))),
  );
  heading.focus();
}

function applicationForm(context: PageContext, choices: MembershipForm): HTMLElement {
  const text = (name: string, autocomplete: string, maxlength = '200') =>
    h('input', { type: 'text', name, autocomplete, required: true, maxlength, 'data-field': name });
  const organisation = text('organisation_name', 'organization');
  const kind = h(
    'select',
    { name: 'kind', required: true, 'data-field': 'kind' },
    option('', t('membership.chooseKind')),
    choices.kinds.map((k) => option(String(k.id), k.label ?? String(k.id))),
  );
  const code = h('input', { type: 'text', name: 'code', inputmode: 'numeric', maxlength: '4', spellcheck: 'false', 'data-field': 'code' });
  const county = h(
    'select',
    { name: 'county', 'data-field': 'county' },
    option('', t('membership.noCounty')),
    choices.counties.map((c) => option(c.code ?? '', c.name ?? '')),
  );
  const contact = text('contact_name', 'name');
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true, spellcheck: 'false', maxlength: '254', 'data-field': 'email' });
  const message = h('textarea', { name: 'message', rows: '4', maxlength: '2000', 'data-field': 'message' });
  const consentId = uid('consent');
  const consent = h('input', { type: 'checkbox', id: consentId, name: 'consent', required: true });
  const consentSet = h(
    'fieldset',
    { 'data-field': 'consent' },
    h('legend', {}, t('membership.consentLegend')),
    h('div', { class: 'check' }, consent, h('label', { for: consentId }, choices.consent_text)),
  );
  // A municipality gives its 4-digit code, a region its 2-digit county code; others may name a
  // county. The label says which code.
  const codeField = field(t('membership.code'), code, t('membership.codeHint'));
  const codeLabel = codeField.querySelector('label') as HTMLLabelElement;
  const countyField = field(t('membership.county'), county, t('common.optional'));
  const showKind = () => {
    const area = kind.value === 'municipality' || kind.value === 'region';
    codeField.hidden = !area;
    countyField.hidden = area || !kind.value;
    codeLabel.textContent = kind.value === 'region' ? t('membership.regionCode') : t('membership.municipalityCode');
    code.maxLength = kind.value === 'region' ? 2 : 4;
  };
  kind.addEventListener('change', showKind);
  showKind();

  const formMessage = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('membership.submit'));
  const form = h(
    'form',
    { class: 'card narrow-form', novalidate: true, 'aria-labelledby': 'membership-form-heading' },
    h('h2', { id: 'membership-form-heading' }, t('membership.formHeading')),
    field(t('membership.organisation'), organisation),
    field(t('membership.kind'), kind),
    codeField,
    countyField,
    field(t('membership.contact'), contact, t('membership.contactHint')),
    field(t('membership.email'), email, t('membership.emailHint')),
    field(t('membership.message'), message, t('membership.messageHint')),
    consentSet,
    formMessage,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(formMessage);
    const fail = (control: HTMLElement, text: string, focus: HTMLElement = control) => {
      markInvalid(control, text);
      replace(formMessage, h('p', { class: 'error', role: 'alert' }, t('form.fixErrors')));
      focus.focus();
    };
    const area = kind.value === 'municipality' || kind.value === 'region';
    if (!organisation.value.trim()) return fail(organisation, t('membership.organisationRequired'));
    if (!kind.value) return fail(kind, t('membership.kindRequired'));
    if (area && !code.value.trim()) {
      return fail(code, kind.value === 'region' ? t('membership.regionCodeRequired') : t('membership.municipalityCodeRequired'));
    }
    if (!contact.value.trim()) return fail(contact, t('membership.contactRequired'));
    if (!email.value.trim()) return fail(email, t('membership.emailRequired'));
    if (!consent.checked) return fail(consentSet, t('membership.consentRequired'), consent);
    submit.disabled = true;
    submit.textContent = t('membership.busy');
    try {
      await api.applyForMembership({
        organisation_name: organisation.value.trim(),
        kind: kind.value as MembershipForm['kinds'][number]['id'] & string,
        code: area ? code.value.trim() : '',
        county: area ? '' : county.value,
        contact_name: contact.value.trim(),
        email: email.value.trim(),
        message: message.value.trim(),
        consent: true,
      });
      if (!context.current()) return;
      showReceipt(context, organisation.value.trim(), email.value.trim());
    } catch (error) {
      submit.disabled = false;
      submit.textContent = t('membership.submit');
      const text = problemText(error);
      const atField = showProblemAtField(form, error, text);
      replace(formMessage, h('p', { class: 'error', role: 'alert' }, `${t('membership.failed')} ${atField ? t('form.fixErrors') : text}`));
    }
  });
  return form;
}

export async function renderMembership(context: PageContext): Promise<void> {
  const { main } = context;
  const heading = pageHeading(context, t('membership.title'));
  replace(main, ...heading, loading());
  const choices = await membershipForm();
  if (!context.current()) return;
  replace(
    main,
    ...heading,
    h('p', {}, t('membership.intro')),
    h('p', { class: 'hint' }, t('membership.dataNote')),
    applicationForm(context, choices),
  );
}
