// One public activity: its facts (seats left, the waiting list), its description, and the
// registration form asking only what the organiser needs — name, organisation, e-mail, optional
// needs — and the server's consent text as a required checkbox. After registering: confirmed or
// waiting with the position, and the private cancellation link. Needs no account. A signed-in
// member registers as their account (name, e-mail and organisation from it), which a members-only
// activity requires.
import { api, ApiError } from '../api';
import type { Activity, MemberActivity, RegistrationReceipt } from '../api';
import type { PageContext } from '../app';
import { field, h, replace, uid } from '../dom';
import { t } from '../i18n';
import { activitiesPath } from './activities';
import { activityFacts, formatActivityTime, paragraphs } from './activity-parts';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';

function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problem.code === 'already_registered') return t('register.alreadyRegistered');
    if (error.problem.code === 'registration_closed') return t('register.closedNow');
    if (error.problem.code === 'too_many_requests') return t('register.throttled');
  }
  return fieldMessage(error);
}

// The view after registering: its own heading, the status, and the private link.
function showReceipt(context: PageContext, activity: Activity, email: string, receipt: RegistrationReceipt): void {
  const confirmed = receipt.status === 'confirmed';
  const title = confirmed ? t('register.confirmedTitle') : t('register.waitingTitle');
  context.setTitle(title);
  const when = formatActivityTime(activity.starts_at, activity.ends_at);
  const cancelUrl = new URL(receipt.cancel_link, location.origin).href;
  const heading = h('h1', { tabindex: '-1' }, title);
  replace(
    context.main,
    heading,
    h(
      'p',
      { class: confirmed ? 'success' : 'notice', role: 'status' },
      confirmed
        ? t('register.confirmedText', { title: activity.title, when })
        : t('register.waitingText', { title: activity.title, when, position: receipt.waiting_position }),
    ),
    h('p', {}, t('register.mailSent', { email })),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'cancel-link-heading' },
      h('h2', { id: 'cancel-link-heading' }, t('register.cancelHeading')),
      h('p', {}, t('register.cancelText')),
      h('p', { class: 'cancel-link' }, h('a', { href: cancelUrl, 'data-link': true }, cancelUrl)),
    ),
    h('p', {}, h('a', { href: activitiesPath, 'data-link': true }, t('activity.back'))),
  );
  heading.focus();
}

function registrationForm(context: PageContext, activity: Activity): HTMLElement {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', required: true, maxlength: '200', 'data-field': 'name' });
  const organisation = h('input', {
    type: 'text',
    name: 'organisation',
    autocomplete: 'organization',
    required: true,
    maxlength: '200',
    'data-field': 'organisation',
  });
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'email',
    required: true,
    spellcheck: 'false',
    maxlength: '254',
    'data-field': 'email',
  });
  const needs = h('textarea', { name: 'needs', rows: '3', maxlength: '2000', 'data-field': 'needs' });
  const consentId = uid('consent');
  const consent = h('input', { type: 'checkbox', id: consentId, name: 'consent', required: true });
  const consentSet = h(
    'fieldset',
    { 'data-field': 'consent' },
    h('legend', {}, t('register.consentLegend')),
    h('div', { class: 'check' }, consent, h('label', { for: consentId }, activity.consent_text ?? '')),
  );
  const message = h('div', { class: 'form-message' });
  const submitLabel = activity.seats_left > 0 ? t('register.submit') : t('register.submitWaiting');
  const submit = h('button', { type: 'submit', class: 'button' }, submitLabel);
  const form = h(
    'form',
    { class: 'card narrow-form', novalidate: true, 'aria-labelledby': 'register-heading' },
    field(t('register.name'), name),
    field(t('register.organisation'), organisation, t('register.organisationHint')),
    field(t('register.email'), email, t('register.emailHint')),
    field(t('register.needs'), needs, t('register.needsHint')),
    consentSet,
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
    if (!name.value.trim()) return fail(name, t('register.nameRequired'));
    if (!organisation.value.trim()) return fail(organisation, t('register.organisationRequired'));
    if (!email.value.trim()) return fail(email, t('register.emailRequired'));
    if (!consent.checked) {
      markInvalid(consentSet, t('register.consentRequired'));
      replace(message, h('p', { class: 'error', role: 'alert' }, t('form.fixErrors')));
      consent.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('register.busy');
    try {
      const receipt = await api.register(activity.id, {
        name: name.value.trim(),
        organisation: organisation.value.trim(),
        email: email.value.trim(),
        needs: needs.value.trim(),
        consent: true,
      });
      if (!context.current()) return;
      showReceipt(context, activity, email.value.trim(), receipt);
    } catch (error) {
      submit.disabled = false;
      submit.textContent = submitLabel;
      const text = problemText(error);
      const atField = showProblemAtField(form, error, text);
      replace(message, h('p', { class: 'error', role: 'alert' }, `${t('register.failed')} ${atField ? t('form.fixErrors') : text}`));
    }
  });
  return form;
}

// A member's registration: who it is made as, shown, not asked; the optional needs and consent.
function memberRegistrationForm(context: PageContext, activity: MemberActivity): HTMLElement {
  const needs = h('textarea', { name: 'needs', rows: '3', maxlength: '2000', 'data-field': 'needs' });
  const consentId = uid('consent');
  const consent = h('input', { type: 'checkbox', id: consentId, name: 'consent', required: true });
  const consentSet = h(
    'fieldset',
    { 'data-field': 'consent' },
    h('legend', {}, t('register.consentLegend')),
    h('div', { class: 'check' }, consent, h('label', { for: consentId }, activity.consent_text)),
  );
  const message = h('div', { class: 'form-message' });
  const submitLabel = activity.seats_left > 0 ? t('register.submit') : t('register.submitWaiting');
  const submit = h('button', { type: 'submit', class: 'button' }, submitLabel);
  const { name, email, organisation } = activity.registrant;
  const form = h(
    'form',
    { class: 'card narrow-form', novalidate: true, 'aria-labelledby': 'register-heading' },
    h('p', {}, t('register.asMember', { name, email, organisation })),
    field(t('register.needs'), needs, t('register.needsHint')),
    consentSet,
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    if (!consent.checked) {
      markInvalid(consentSet, t('register.consentRequired'));
      replace(message, h('p', { class: 'error', role: 'alert' }, t('form.fixErrors')));
      consent.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('register.busy');
    try {
      const receipt = await api.registerAsMember(activity.id, { needs: needs.value.trim(), consent: true });
      if (!context.current()) return;
      showReceipt(context, activity, email, receipt);
    } catch (error) {
      submit.disabled = false;
      submit.textContent = submitLabel;
      const text = problemText(error);
      const atField = showProblemAtField(form, error, text);
      replace(message, h('p', { class: 'error', role: 'alert' }, `${t('register.failed')} ${atField ? t('form.fixErrors') : text}`));
    }
  });
  return form;
}

// The activity as a member sees it (members-only ones too), else as the public does.
async function loadActivity(context: PageContext, id: number): Promise<[Activity, MemberActivity | null]> {
  if (context.session?.meeting_place?.member) {
    const activity = await api.memberActivity(id);
    return [activity, activity];
  }
  return [await api.publicActivity(id), null];
}

export async function renderActivity(context: PageContext): Promise<void> {
  const { main } = context;
  replace(main, loading());
  const [activity, asMember] = await loadActivity(context, Number(context.params.id));
  if (!context.current()) return;
  const heading = pageHeading(context, activity.title);
  const registration = h(
    'section',
    { 'aria-labelledby': 'register-heading' },
    h('h2', { id: 'register-heading' }, t('register.heading')),
  );
  if (!activity.registration_open) {
    registration.append(h('p', { class: 'notice' }, t('register.closed')));
  } else {
    registration.append(
      h(
        'p',
        {},
        activity.seats_left === 0
          ? t('register.full')
          : activity.seats_left === 1
            ? t('register.seatsLeftOne')
            : t('register.seatsLeft', { left: activity.seats_left }),
      ),
      h('p', { class: 'hint' }, t('register.dataNote')),
      asMember ? memberRegistrationForm(context, asMember) : registrationForm(context, activity),
    );
  }
  replace(
    main,
    h('p', { class: 'activity-kind' }, activity.kind_label),
    ...heading,
    activityFacts(activity),
    ...paragraphs(activity.description),
    registration,
    h('p', {}, h('a', { href: activitiesPath, 'data-link': true }, t('activity.back'))),
  );
}
