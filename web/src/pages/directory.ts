// Medlemmar: the member directory, for members and coordinators only — each approved member
// organisation with its kind, county and its people's names (no e-mail addresses: the server
// sends none). Filtered by kind and county, kept in the address (?typ=municipality&lan=18).
import { api } from '../api';
import type { MemberOrganisation } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { directoryPath, isMember, membershipForm, refuseUnlessAllowed } from './members-parts';

function memberItem(member: MemberOrganisation, kindLabel: string): HTMLElement {
  const people = member.people ?? [];
  return h(
    'li',
    { class: 'member-item' },
    h('p', { class: 'activity-kind' }, kindLabel),
    h('h2', {}, member.name),
    h('p', { class: 'activity-meta' }, member.county_name || t('directory.noCounty')),
    people.length
      ? h('p', {}, h('span', { class: 'label-inline' }, `${t('directory.people')}: `), people.map((p) => p.name).join(', '))
      : null,
  );
}

export async function renderDirectory(context: PageContext): Promise<void> {
  const { main, query } = context;
  const title = t('directory.title');
  if (refuseUnlessAllowed(context, title, isMember(context))) return;
  const heading = pageHeading(context, title);
  replace(main, ...heading, loading());
  const [members, choices] = await Promise.all([api.memberDirectory(), membershipForm()]);
  if (!context.current()) return;
  const chosenKind = query.get('typ') ?? '';
  const chosenCounty = query.get('lan') ?? '';
  const kindLabels = new Map(choices.kinds.map((k) => [String(k.id), k.label ?? String(k.id)]));

  const kind = h(
    'select',
    { name: 'typ' },
    option('', t('directory.anyKind')),
    choices.kinds.map((k) => option(String(k.id), k.label ?? String(k.id), k.id === chosenKind)),
  );
  const county = h(
    'select',
    { name: 'lan' },
    option('', t('activities.anyCounty')),
    choices.counties.map((c) => option(c.code ?? '', c.name ?? '', c.code === chosenCounty)),
  );
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': t('directory.filters') },
    h('div', { class: 'form-grid' }, field(t('directory.kind'), kind), field(t('activities.county'), county)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('activities.show'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const select of [kind, county]) if (select.value) next.set(select.name, select.value);
    const text = next.toString();
    context.navigate(directoryPath + (text ? `?${text}` : ''));
  });

  const shown = members.filter((m) => (!chosenKind || m.kind === chosenKind) && (!chosenCounty || m.county === chosenCounty));
  const filtered = Boolean(chosenKind || chosenCounty);
  const count = shown.length === 1 ? t('directory.countOne') : t('directory.count', { count: shown.length });
  replace(
    main,
    ...heading,
    h('p', {}, t('directory.intro')),
    form,
    h(
      'p',
      { class: 'result-count', role: 'status' },
      count,
      filtered ? [' · ', h('a', { href: directoryPath, 'data-link': true }, t('directory.clear'))] : null,
    ),
    shown.length === 0
      ? h('p', { class: 'empty' }, filtered ? t('directory.empty') : t('directory.none'))
      : h('ul', { class: 'member-list' }, shown.map((m) => memberItem(m, m.kind ? kindLabels.get(m.kind) ?? m.kind : t('directory.unknownKind')))),
  );
}
