// Ansökningar, for the meeting place's coordinators: the applications for membership (waiting
// ones by default, oldest first; the state is kept in the address, ?lage=godkanda), each with
// what the applicant gave and the consent they gave; approve (the organisation becomes a member,
// the contact gets an account and a mail) or decline with a reason (the contact is told). Below,
// an organisation's membership set by hand: an organisation on Jämlik before it applied, or a
// membership that ends.
import { api } from '../api';
import type { MemberKind, MembershipApplication, MembershipForm, MemberState, Organisation } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { formatDate } from './news';
import { applicationsPath, isCoordinator, membershipForm, refuseUnlessAllowed } from './members-parts';

// The address's state names (Swedish) and the API's.
const states = [
  ['nya', 'applied'],
  ['godkanda', 'approved'],
  ['avbojda', 'declined'],
  ['alla', 'all'],
] as const;

function stateLabel(state: MemberState): string {
  return t(`applications.state.${state}`);
}

function applicationItem(context: PageContext, application: MembershipApplication, address: string): HTMLElement {
  const where = [application.code, application.county_name].filter(Boolean).join(' · ');
  const item = h(
    'li',
    { class: 'member-item', 'data-state': application.state },
    h('p', { class: 'activity-kind' }, application.kind_label),
    h('h2', {}, application.organisation_name),
    h(
      'dl',
      { class: 'facts' },
      where ? [h('dt', {}, t('applications.where')), h('dd', {}, where)] : null,
      h('dt', {}, t('applications.contact')),
      h('dd', {}, application.contact_name, ' · ', h('a', { href: `mailto:${application.email}` }, application.email)),
      h('dt', {}, t('applications.applied')),
      h('dd', {}, formatDate(application.created_at)),
      h('dt', {}, t('applications.stateLabel')),
      h(
        'dd',
        { 'data-status': application.state },
        stateLabel(application.state),
        application.decided_at ? ` ${formatDate(application.decided_at)}` : null,
      ),
      application.reason ? [h('dt', {}, t('applications.reason')), h('dd', {}, application.reason)] : null,
    ),
    application.message ? [h('h3', {}, t('applications.message')), h('p', { class: 'plain-text' }, application.message)] : null,
    h('details', {}, h('summary', {}, t('applications.consentGiven')), h('p', {}, application.consent_text)),
  );
  if (application.state !== 'applied') return item;

  const approve = h('button', { type: 'button', class: 'button' }, t('applications.approve', { organisation: application.organisation_name }));
  const approveMessage = h('div', { class: 'form-message' });
  approve.addEventListener('click', async () => {
    approve.disabled = true;
    replace(approveMessage);
    try {
      const decided = await api.approveApplication(application.id);
      context.navigate(
        address,
        decided.new_account
          ? t('applications.approvedNewAccount', { organisation: application.organisation_name, email: application.email })
          : t('applications.approved', { organisation: application.organisation_name, email: application.email }),
      );
    } catch (error) {
      approve.disabled = false;
      replace(approveMessage, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  const reason = h('textarea', { name: 'reason', rows: '3', maxlength: '2000', required: true, 'data-field': 'reason' });
  const declineMessage = h('div', { class: 'form-message' });
  const decline = h('button', { type: 'submit', class: 'button secondary' }, t('applications.decline'));
  const declineForm = h(
    'form',
    { class: 'decline-form', novalidate: true, 'aria-label': t('applications.declineLabel', { organisation: application.organisation_name }) },
    field(t('applications.declineReason'), reason, t('applications.declineHint')),
    declineMessage,
    h('div', { class: 'actions' }, decline),
  );
  declineForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(declineForm);
    replace(declineMessage);
    if (!reason.value.trim()) {
      markInvalid(reason, t('applications.reasonRequired'));
      reason.focus();
      return;
    }
    decline.disabled = true;
    try {
      await api.declineApplication(application.id, reason.value.trim());
      context.navigate(address, t('applications.declined', { organisation: application.organisation_name }));
    } catch (error) {
      decline.disabled = false;
      if (!showProblemAtField(declineForm, error, fieldMessage(error))) {
        replace(declineMessage, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
      }
    }
  });
  item.append(h('div', { class: 'decision' }, h('div', { class: 'actions' }, approve), approveMessage, declineForm));
  return item;
}

// An organisation's membership set by hand: kind, county and state. The organisations offered are
// those the coordinator sees (all of them for a site administrator).
function membershipEditor(organisations: Organisation[], choices: MembershipForm): HTMLElement {
  const organisation = h(
    'select',
    { name: 'organisation', required: true, 'data-field': 'organisation' },
    option('', t('applications.chooseOrganisation')),
    organisations.map((o) => option(String(o.id), `${o.name} (${o.code})`)),
  );
  const kind = h(
    'select',
    { name: 'kind', 'data-field': 'kind' },
    option('', t('applications.keepKind')),
    choices.kinds.map((k) => option(String(k.id), k.label ?? String(k.id))),
  );
  const county = h(
    'select',
    { name: 'county', 'data-field': 'county' },
    option('', t('membership.noCounty')),
    choices.counties.map((c) => option(c.code ?? '', c.name ?? '')),
  );
  const state = h(
    'select',
    { name: 'state', required: true, 'data-field': 'state' },
    (['approved', 'declined', 'applied'] as MemberState[]).map((s) => option(s, t(`applications.setState.${s}`))),
  );
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('applications.setSubmit'));
  const form = h(
    'form',
    { class: 'card narrow-form', novalidate: true, 'aria-labelledby': 'set-membership-heading' },
    h('h2', { id: 'set-membership-heading' }, t('applications.setHeading')),
    h('p', {}, t('applications.setIntro')),
    field(t('applications.organisation'), organisation),
    field(t('membership.kind'), kind, t('applications.kindHint')),
    field(t('membership.county'), county, t('applications.countyHint')),
    field(t('applications.stateLabel'), state),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    if (!organisation.value) {
      markInvalid(organisation, t('applications.organisationRequired'));
      organisation.focus();
      return;
    }
    submit.disabled = true;
    try {
      const body: { state: MemberState; kind?: MemberKind; county?: string } = { state: state.value as MemberState };
      if (kind.value) {
        body.kind = kind.value as MemberKind;
        body.county = county.value;
      }
      const result = await api.setMembership(Number(organisation.value), body);
      submit.disabled = false;
      replace(
        message,
        h(
          'p',
          { class: 'success', role: 'status' },
          t('applications.setDone', { organisation: result.name, state: result.state ? stateLabel(result.state) : '–' }),
        ),
      );
    } catch (error) {
      submit.disabled = false;
      if (!showProblemAtField(form, error, fieldMessage(error))) replace(message, h('p', { class: 'error', role: 'alert' }, fieldMessage(error)));
    }
  });
  return form;
}

export async function renderApplications(context: PageContext): Promise<void> {
  const { main, query } = context;
  const title = t('applications.title');
  if (refuseUnlessAllowed(context, title, isCoordinator(context), true)) return;
  const heading = pageHeading(context, title);
  replace(main, ...heading, loading());
  const chosen = states.find(([ours]) => ours === query.get('lage')) ?? states[0];
  const [applications, organisations, choices] = await Promise.all([api.applications(chosen[1]), api.organisations(), membershipForm()]);
  if (!context.current()) return;
  const address = applicationsPath + (chosen === states[0] ? '' : `?lage=${chosen[0]}`);

  const select = h('select', { name: 'lage' }, states.map(([ours]) => option(ours, t(`applications.filter.${ours}`), ours === chosen[0])));
  const filter = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': t('applications.filterLabel') },
    h('div', { class: 'form-grid' }, field(t('applications.show'), select)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('activities.show'))),
  );
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    context.navigate(applicationsPath + (select.value === states[0][0] ? '' : `?lage=${select.value}`));
  });
  const count = applications.length === 1 ? t('applications.countOne') : t('applications.count', { count: applications.length });
  replace(
    main,
    ...heading,
    h('p', {}, t('applications.intro')),
    filter,
    h('p', { class: 'result-count', role: 'status' }, count),
    applications.length === 0
      ? h('p', { class: 'empty' }, t('applications.none'))
      : h('ul', { class: 'member-list' }, applications.map((a) => applicationItem(context, a, address))),
    membershipEditor(organisations, choices),
  );
}
