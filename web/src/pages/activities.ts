// Aktiviteter: the meeting place's public activities, soonest first, filtered by kind, county and
// theme. The filters live in the address (?typ=…&lan=…&tema=…), so a shared link or a reload
// shows the same list. Needs no account.
import { api } from '../api';
import type { Activity } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { activityOptions, formatActivityTime, seatsText, waitingText } from './activity-parts';
import { loading, pageHeading } from './common';

export const activitiesPath = '/aktiviteter';

// The address's filter names (Swedish, as the paths) and the API's.
const filterNames = [
  ['typ', 'kind'],
  ['lan', 'county'],
  ['tema', 'theme'],
] as const;

function activityItem(activity: Activity): HTMLElement {
  const place = activity.place || (activity.link ? t('activity.online') : '');
  return h(
    'li',
    { class: 'activity-item' },
    h('p', { class: 'activity-kind' }, activity.kind_label),
    h('h2', {}, h('a', { href: `${activitiesPath}/${activity.id}`, 'data-link': true }, activity.title)),
    h(
      'p',
      { class: 'activity-meta' },
      formatActivityTime(activity.starts_at, activity.ends_at),
      place ? ` · ${place}` : null,
      ` · ${activity.county_name || t('activity.national')}`,
      activity.theme ? ` · ${activity.theme}` : null,
    ),
    h(
      'p',
      { class: 'activity-seats' },
      activity.registration_open
        ? [seatsText(activity), activity.seats_left === 0 ? ` · ${waitingText(activity)}` : null]
        : t('activity.closed'),
    ),
  );
}

export async function renderActivities(context: PageContext): Promise<void> {
  const { main, query } = context;
  const heading = pageHeading(context, t('activities.title'));
  replace(main, ...heading, loading());
  const filter = Object.fromEntries(filterNames.map(([ours, theirs]) => [theirs, query.get(ours) ?? '']));
  // Members see the members-only activities too.
  const member = context.session?.meeting_place?.member === true;
  const [options, activities] = await Promise.all([
    activityOptions(),
    member ? api.memberActivities(filter) : api.publicActivities(filter),
  ]);
  if (!context.current()) return;

  const kind = h(
    'select',
    { name: 'typ' },
    option('', t('activities.anyKind')),
    options.kinds.map((k) => option(k.id, k.label, k.id === filter.kind)),
  );
  const county = h(
    'select',
    { name: 'lan' },
    option('', t('activities.anyCounty')),
    options.counties.map((c) => option(c.code, c.name, c.code === filter.county)),
  );
  // A theme in the address that no activity has now is still shown as chosen.
  const themes = [...options.themes];
  if (filter.theme && !themes.includes(filter.theme)) themes.push(filter.theme);
  const theme = h(
    'select',
    { name: 'tema' },
    option('', t('activities.anyTheme')),
    themes.map((name) => option(name, name, name === filter.theme)),
  );
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': t('activities.filters') },
    h(
      'div',
      { class: 'form-grid' },
      field(t('activities.kind'), kind),
      field(t('activities.county'), county),
      field(t('activities.theme'), theme),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('activities.show'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const select of [kind, county, theme]) if (select.value) next.set(select.name, select.value);
    const text = next.toString();
    context.navigate(activitiesPath + (text ? `?${text}` : ''));
  });

  const filtered = filterNames.some(([ours]) => query.get(ours));
  const count = activities.length === 1 ? t('activities.countOne') : t('activities.count', { count: activities.length });
  replace(
    main,
    ...heading,
    h('p', {}, t('activities.intro')),
    form,
    h(
      'p',
      { class: 'result-count', role: 'status' },
      count,
      filtered ? [' · ', h('a', { href: activitiesPath, 'data-link': true }, t('activities.clear'))] : null,
    ),
    activities.length === 0
      ? h('p', { class: 'empty' }, filtered ? t('activities.empty') : t('activities.none'))
      : h('ul', { class: 'activity-list' }, activities.map(activityItem)),
  );
}
