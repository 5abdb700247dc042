// Våra aktiviteter: the activities the organisation organises (members-only ones too), with the
// seats taken and the waiting list; analysts and administrators open each one's participants and
// create new ones.
import { api } from '../api';
import type { Activity } from '../api';
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { formatInteger, t } from '../i18n';
import { activitiesPath } from './activities';
import { confirmedCount, formatSwedishTime } from './activity-parts';
import { dataTable, loading, pageHeading } from './common';

export const organiserPath = '/arrangor/aktiviteter';

export async function renderOrganiserActivities(context: PageContext): Promise<void> {
  const { main, app } = context;
  const heading = pageHeading(context, t('organiser.title'));
  replace(main, ...heading, loading());
  const activities = await api.activities(app.org);
  if (!context.current()) return;
  const organisation = app.membership.organisation.name;
  const actions = h(
    'p',
    { class: 'actions' },
    app.canWrite ? h('a', { href: `${organiserPath}/ny`, class: 'button', 'data-link': true }, t('organiser.new')) : null,
    h('a', { href: activitiesPath, 'data-link': true }, t('organiser.publicPage')),
  );
  replace(
    main,
    ...heading,
    h('p', {}, t('organiser.intro', { organisation })),
    app.canWrite ? null : h('p', { class: 'hint' }, t('organiser.readerNote')),
    actions,
    activities.length === 0
      ? h('p', { class: 'empty' }, t('organiser.empty'))
      : dataTable<Activity>(
          t('organiser.caption', { organisation }),
          [
            {
              header: t('organiser.col.title'),
              rowHeader: true,
              cell: (a) =>
                app.canWrite ? h('a', { href: `${organiserPath}/${a.id}`, 'data-link': true }, a.title) : a.title,
            },
            { header: t('organiser.col.kind'), cell: (a) => a.kind_label },
            { header: t('organiser.col.starts'), cell: (a) => formatSwedishTime(a.starts_at) },
            {
              header: t('organiser.col.confirmed'),
              numeric: true,
              cell: (a) =>
                t('organiser.confirmedOf', { confirmed: formatInteger(confirmedCount(a)), capacity: formatInteger(a.capacity) }),
            },
            { header: t('organiser.col.waiting'), numeric: true, cell: (a) => formatInteger(a.waiting) },
            { header: t('organiser.col.audience'), cell: (a) => (a.members_only ? t('activity.membersOnly') : t('activity.public')) },
            { header: t('organiser.col.registration'), cell: (a) => (a.registration_open ? t('organiser.open') : t('activity.closed')) },
          ],
          activities,
        ),
  );
}
