// Ny aktivitet: an organiser describes an activity — kind, title, description, theme, the
// recommendations it is about, place or link, county, start, end, registration deadline (Swedish
// time), seats, public or members only — and the server checks and stores it. A mistake the
// server finds (the end before the start, a link without https) is said at its field.
import { api } from '../api';
import type { ActivityDraft } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace, uid } from '../dom';
import { t } from '../i18n';
import { activityOptions, epochToSwedishInput, forgetActivityOptions, swedishInputToEpoch } from './activity-parts';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import { organiserPath } from './organiser-activities';

function timeInput(fieldName: string, value: string): HTMLInputElement {
  return h('input', { type: 'datetime-local', name: fieldName, required: true, value, 'data-field': fieldName });
}

export async function renderNewActivity(context: PageContext): Promise<void> {
  const { main, app } = context;
  const heading = pageHeading(context, t('newActivity.title'));
  if (!app.canWrite) {
    replace(main, ...heading, h('p', {}, t('organiser.readerNote')));
    return;
  }
  replace(main, ...heading, loading());
  const options = await activityOptions();
  if (!context.current()) return;

  const kind = h('select', { name: 'kind', 'data-field': 'kind' }, options.kinds.map((k) => option(k.id, k.label, k.id === 'seminar')));
  const title = h('input', { type: 'text', name: 'title', required: true, maxlength: '200', 'data-field': 'title' });
  const description = h('textarea', { name: 'description', rows: '6', 'data-field': 'description' });
  const themesId = uid('themes');
  const theme = h('input', { type: 'text', name: 'theme', maxlength: '100', list: themesId, 'data-field': 'theme' });
  const themes = h('datalist', { id: themesId }, options.themes.map((name) => h('option', { value: name })));
  const recommendationBoxes = options.recommendations.map((r) => {
    const id = uid('rec');
    return {
      id: r.id,
      input: h('input', { type: 'checkbox', id, name: 'recommendations', value: r.id }),
      label: r.label,
    };
  });
  const recommendationsHint = uid('hint');
  const recommendations = h(
    'fieldset',
    { 'data-field': 'recommendations', 'aria-describedby': recommendationsHint },
    h('legend', {}, t('newActivity.recommendations')),
    h('p', { class: 'hint', id: recommendationsHint }, t('newActivity.recommendationsHint')),
    recommendationBoxes.map((box) => h('div', { class: 'check' }, box.input, h('label', { for: box.input.id }, box.label))),
  );
  const place = h('input', { type: 'text', name: 'place', maxlength: '200', 'data-field': 'place' });
  const link = h('input', { type: 'url', name: 'link', maxlength: '2000', spellcheck: 'false', 'data-field': 'link' });
  const county = h(
    'select',
    { name: 'county', 'data-field': 'county' },
    option('', t('newActivity.national')),
    options.counties.map((c) => option(c.code, c.name)),
  );
  // A suggestion a week ahead, 09:00–12:00, registration open until noon the day before.
  const noonInDays = (days: number) => Math.floor(Date.now() / 86400000) * 86400 + days * 86400 + 12 * 3600;
  const inAWeek = epochToSwedishInput(noonInDays(7)).slice(0, 10);
  const theDayBefore = epochToSwedishInput(noonInDays(6)).slice(0, 10);
  const starts = timeInput('starts_at', `${inAWeek}T09:00`);
  const ends = timeInput('ends_at', `${inAWeek}T12:00`);
  const deadline = timeInput('registration_deadline', `${theDayBefore}T12:00`);
  const capacity = h('input', { type: 'number', name: 'capacity', min: '0', max: '100000', step: '1', required: true, value: '30', 'data-field': 'capacity' });
  const membersOnlyId = uid('members');
  const membersOnly = h('input', { type: 'checkbox', id: membersOnlyId, name: 'members_only', 'data-field': 'members_only' });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('newActivity.create'));

  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'new-activity-heading' },
    h('h2', { id: 'new-activity-heading', class: 'visually-hidden' }, t('newActivity.title')),
    h(
      'div',
      { class: 'card' },
      h('div', { class: 'form-grid' }, field(t('newActivity.kind'), kind), field(t('newActivity.activityTitle'), title)),
      field(t('newActivity.description'), description, t('newActivity.descriptionHint')),
      h('div', { class: 'form-grid' }, field(t('newActivity.theme'), theme, t('newActivity.themeHint'))),
      themes,
      recommendations,
    ),
    h(
      'fieldset',
      { class: 'card' },
      h('legend', {}, t('newActivity.where')),
      h(
        'div',
        { class: 'form-grid' },
        field(t('newActivity.place'), place, t('newActivity.placeHint')),
        field(t('newActivity.link'), link, t('newActivity.linkHint')),
        field(t('newActivity.county'), county),
      ),
    ),
    h(
      'fieldset',
      { class: 'card' },
      h('legend', {}, t('newActivity.when')),
      h(
        'div',
        { class: 'form-grid' },
        field(t('newActivity.starts'), starts),
        field(t('newActivity.ends'), ends),
        field(t('newActivity.deadline'), deadline, t('newActivity.deadlineHint')),
      ),
    ),
    h(
      'div',
      { class: 'card' },
      h('div', { class: 'form-grid' }, field(t('newActivity.capacity'), capacity, t('newActivity.capacityHint'))),
      h('div', { class: 'check' }, membersOnly, h('label', { for: membersOnlyId }, t('newActivity.membersOnly'))),
    ),
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
    if (!title.value.trim()) return fail(title, t('newActivity.titleRequired'));
    const times: number[] = [];
    for (const input of [starts, ends, deadline]) {
      const epoch = swedishInputToEpoch(input.value);
      if (epoch === null) return fail(input, t('newActivity.timeRequired'));
      times.push(epoch);
    }
    const seats = Number(capacity.value);
    if (capacity.value.trim() === '' || !Number.isInteger(seats) || seats < 0) {
      return fail(capacity, t('newActivity.capacityRequired'));
    }
    const draft: ActivityDraft = {
      kind: kind.value as ActivityDraft['kind'],
      title: title.value.trim(),
      description: description.value.trim(),
      theme: theme.value.trim(),
      recommendations: recommendationBoxes.filter((box) => box.input.checked).map((box) => box.id).join(','),
      place: place.value.trim(),
      link: link.value.trim(),
      county: county.value,
      starts_at: times[0],
      ends_at: times[1],
      registration_deadline: times[2],
      capacity: seats,
      members_only: membersOnly.checked,
    };
    submit.disabled = true;
    submit.textContent = t('newActivity.busy');
    try {
      const activity = await api.createActivity(app.org, draft);
      forgetActivityOptions();
      app.navigate(`${organiserPath}/${activity.id}`, t('newActivity.created', { title: activity.title }));
    } catch (error) {
      submit.disabled = false;
      submit.textContent = t('newActivity.create');
      const text = fieldMessage(error);
      const atField = showProblemAtField(form, error, text);
      replace(message, h('p', { class: 'error', role: 'alert' }, `${t('newActivity.failed')} ${atField ? t('form.fixErrors') : text}`));
    }
  });
  replace(main, ...heading, h('p', {}, t('newActivity.intro')), form);
}
