// Lärande exempel: what municipalities and regions did, searched in full text and filtered by
// recommendation, welfare area and group. The search lives in the address (?q=…&rek=…&omrade=…
// &grupp=…), so a shared link or a reload shows the same list. Needs no account.
import { api } from '../api';
import type { Example, ExampleOptions } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';

export const examplesPath = '/exempel';

// The address's names (Swedish, as the paths) and the API's.
const filterNames = [
  ['q', 'q'],
  ['rek', 'recommendation'],
  ['omrade', 'welfare_area'],
  ['grupp', 'group'],
] as const;

let options: Promise<ExampleOptions> | null = null;
export function exampleOptions(): Promise<ExampleOptions> {
  options ??= api.exampleOptions().catch((error) => {
    options = null;
    throw error;
  });
  return options;
}

export function exampleTags(example: Example): string {
  return [...example.recommendations, ...example.welfare_areas, ...example.groups].map((tag) => tag.label).join(' · ');
}

function exampleEntry(example: Example): HTMLElement {
  return h(
    'li',
    { class: 'example-item' },
    h('h2', {}, h('a', { href: `${examplesPath}/${example.id}`, 'data-link': true }, example.title)),
    h('p', { class: 'example-meta' }, example.organisation_name, example.for_whom ? ` · ${example.for_whom}` : null),
    h('p', { class: 'example-tags' }, exampleTags(example)),
  );
}

export async function renderExamples(context: PageContext): Promise<void> {
  const { main, query } = context;
  const heading = pageHeading(context, t('examples.title'));
  replace(main, ...heading, loading());
  const filter = Object.fromEntries(filterNames.map(([ours, theirs]) => [theirs, query.get(ours) ?? '']));
  const [choices, examples] = await Promise.all([exampleOptions(), api.publicExamples(filter)]);
  if (!context.current()) return;

  const search = h('input', { type: 'search', name: 'q', value: filter.q, maxlength: '200' });
  const select = (name: string, any: string, list: { id: string; label: string }[], chosen: string) =>
    h('select', { name }, option('', any), list.map((item) => option(item.id, item.label, item.id === chosen)));
  const recommendation = select('rek', t('examples.anyRecommendation'), choices.recommendations, filter.recommendation);
  const area = select('omrade', t('examples.anyArea'), choices.welfare_areas, filter.welfare_area);
  const group = select('grupp', t('examples.anyGroup'), choices.groups, filter.group);
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': t('examples.search') },
    h(
      'div',
      { class: 'form-grid' },
      field(t('examples.words'), search, t('examples.wordsHint')),
      field(t('examples.recommendation'), recommendation),
      field(t('examples.area'), area),
      field(t('examples.group'), group),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('examples.show'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (search.value.trim()) next.set('q', search.value.trim());
    for (const control of [recommendation, area, group]) if (control.value) next.set(control.name, control.value);
    const text = next.toString();
    context.navigate(examplesPath + (text ? `?${text}` : ''));
  });

  const filtered = filterNames.some(([ours]) => query.get(ours));
  const canWrite = Boolean(context.session && context.session.memberships.some((m) => m.role !== 'reader'));
  replace(
    main,
    ...heading,
    h('p', {}, t('examples.intro'), canWrite ? [' ', h('a', { href: `${examplesPath}/nytt`, 'data-link': true }, t('examples.new'))] : null),
    form,
    h(
      'p',
      { class: 'result-count', role: 'status' },
      examples.length === 1 ? t('examples.countOne') : t('examples.count', { count: examples.length }),
      filtered ? [' · ', h('a', { href: examplesPath, 'data-link': true }, t('examples.clear'))] : null,
    ),
    examples.length === 0
      ? h('p', { class: 'empty' }, filtered ? t('examples.empty') : t('examples.none'))
      : h('ul', { class: 'example-list' }, examples.map(exampleEntry)),
  );
}
