// Deltagare: the participant list of one activity the organisation organises, in arrival order
// with each registration's status (confirmed, waiting with its place, cancelled), the number of
// seats (more seats promote the waiting in order; fewer than the confirmed is refused at the
// field), and the list to download as CSV or Excel.
import { api } from '../api';
import type { Activity, Registration } from '../api';
import type { PageContext } from '../app';
import { field, h, replace } from '../dom';
import { formatDate, formatInteger, t } from '../i18n';
import { activitiesPath } from './activities';
import { activityFacts, confirmedCount } from './activity-parts';
import { dataTable, loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, showProblemAtField } from './form-errors';

function statusText(registration: Registration): string {
  return registration.status === 'waiting'
    ? t('participants.waitingPosition', { status: registration.status_label, position: registration.waiting_position })
    : registration.status_label;
}

function participantTable(registrations: Registration[]): HTMLElement {
  if (registrations.length === 0) return h('p', { class: 'empty' }, t('participants.empty'));
  return dataTable<Registration>(
    t('participants.caption', { count: registrations.length }),
    [
      { header: t('participants.col.sequence'), numeric: true, cell: (r) => formatInteger(r.sequence) },
      { header: t('participants.col.name'), rowHeader: true, cell: (r) => r.name },
      { header: t('participants.col.organisation'), cell: (r) => r.organisation },
      { header: t('participants.col.email'), cell: (r) => r.email },
      { header: t('participants.col.needs'), cell: (r) => r.needs },
      {
        header: t('participants.col.status'),
        cell: (r) => h('span', { class: `status status-${r.status}`, 'data-status': r.status }, statusText(r)),
      },
      { header: t('participants.col.registered'), cell: (r) => formatDate(r.created_at) },
    ],
    registrations,
  );
}

function capacityForm(context: PageContext, activity: Activity, onChanged: (flash: string) => void): HTMLElement {
  const capacity = h('input', {
    type: 'number',
    name: 'capacity',
    min: '0',
    max: '100000',
    step: '1',
    required: true,
    value: String(activity.capacity),
    'data-field': 'capacity',
  });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('participants.change'));
  const form = h(
    'form',
    { novalidate: true, class: 'card capacity-form', 'aria-labelledby': 'capacity-heading' },
    h('h2', { id: 'capacity-heading' }, t('participants.capacityHeading')),
    field(t('participants.capacity'), capacity, t('participants.capacityHint')),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    const seats = Number(capacity.value);
    submit.disabled = true;
    try {
      // A value that is not a whole number goes to the server as it is, which says why at the field.
      const before = activity.waiting;
      const changed = await api.changeCapacity(context.app.org, activity.id, capacity.value.trim() === '' ? NaN : seats);
      const promoted = before - changed.waiting;
      onChanged(
        promoted > 0
          ? t('participants.changedPromoted', { capacity: changed.capacity, count: promoted })
          : t('participants.changed', { capacity: changed.capacity }),
      );
    } catch (error) {
      submit.disabled = false;
      const text = fieldMessage(error);
      if (!showProblemAtField(form, error, text)) replace(message, h('p', { class: 'error', role: 'alert' }, text));
    }
  });
  return form;
}

export async function renderParticipants(context: PageContext): Promise<void> {
  const { main, app } = context;
  replace(main, loading());
  const id = Number(context.params.id);
  const { activity, registrations } = await api.participants(app.org, id);
  if (!context.current()) return;
  const heading = pageHeading(context, activity.title);
  const reload = (flash: string) => app.navigate(location.pathname, flash);
  replace(
    main,
    h('p', { class: 'activity-kind' }, activity.kind_label, activity.members_only ? ` · ${t('activity.membersOnly')}` : null),
    ...heading,
    h(
      'section',
      { 'aria-labelledby': 'facts-heading' },
      h('h2', { id: 'facts-heading', class: 'visually-hidden' }, t('participants.facts')),
      activityFacts(activity),
      h(
        'p',
        { class: 'confirmed-count' },
        `${t('participants.confirmed')}: `,
        h('strong', { 'data-confirmed': confirmedCount(activity) }, t('organiser.confirmedOf', { confirmed: confirmedCount(activity), capacity: activity.capacity })),
      ),
      activity.members_only
        ? null
        : h('p', {}, h('a', { href: `${activitiesPath}/${activity.id}`, 'data-link': true }, t('participants.publicLink'))),
    ),
    capacityForm(context, activity, reload),
    h(
      'section',
      { 'aria-labelledby': 'participants-heading' },
      h('h2', { id: 'participants-heading' }, t('participants.heading')),
      h('p', { class: 'hint' }, t('participants.personalData')),
      registrations.length
        ? h(
            'p',
            { class: 'actions' },
            t('participants.export'),
            h('a', { href: api.participantsExportUrl(app.org, activity.id, 'csv'), download: true, class: 'button secondary' }, t('participants.exportCsv')),
            h('a', { href: api.participantsExportUrl(app.org, activity.id, 'xlsx'), download: true, class: 'button secondary' }, t('participants.exportXlsx')),
          )
        : null,
      participantTable(registrations),
    ),
  );
}
