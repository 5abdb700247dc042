// Pieces the meeting place's pages share: times in Swedish time (the activities happen in Sweden
// and the mail says Swedish time, whatever the reader's computer says), the seats in words, an
// activity's facts as a description list, and the labelled choices from the server.
import { api } from '../api';
import type { Activity, ActivityOptions } from '../api';
import { h } from '../dom';
import { lang, locale, t } from '../i18n';

export const swedishTimeZone = 'Europe/Stockholm';

// The choices (kinds, recommendations, counties, themes) in the interface language, fetched once
// per language.
const optionsCache = new Map<string, Promise<ActivityOptions>>();
export function activityOptions(): Promise<ActivityOptions> {
  const key = lang();
  let options = optionsCache.get(key);
  if (!options) {
    options = api.activityOptions().catch((error: unknown) => {
      optionsCache.delete(key);
      throw error;
    });
    optionsCache.set(key, options);
  }
  return options;
}

// Forget the themes once an activity is created (it may bring a new one).
export function forgetActivityOptions(): void {
  optionsCache.clear();
}

// "12 januari 2027 09:00–16:00" (one day) or "12 januari 2027 09:00 – 13 januari 2027 16:00".
export function formatActivityTime(startsAt: number, endsAt: number): string {
  const format = new Intl.DateTimeFormat(locale(), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: swedishTimeZone,
  });
  return format.formatRange(new Date(startsAt * 1000), new Date(Math.max(startsAt, endsAt) * 1000));
}

export function formatSwedishTime(epochSeconds: number): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: swedishTimeZone,
  }).format(new Date(epochSeconds * 1000));
}

// The offset of Swedish time from UTC at an instant, in milliseconds (1 or 2 hours).
function swedishOffset(epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: swedishTimeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

// A datetime-local value ("2027-01-12T09:00") read as Swedish time → seconds since the epoch; null
// for an empty or malformed value.
export function swedishInputToEpoch(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guess, then again at the result: right on both sides of a change of clock.
  let epoch = wall - swedishOffset(wall);
  epoch = wall - swedishOffset(epoch);
  return Math.round(epoch / 1000);
}

// Seconds since the epoch → a datetime-local value in Swedish time.
export function epochToSwedishInput(epochSeconds: number): string {
  const shifted = new Date(epochSeconds * 1000 + swedishOffset(epochSeconds * 1000));
  return shifted.toISOString().slice(0, 16);
}

export function confirmedCount(activity: Activity): number {
  return Math.max(0, activity.capacity - activity.seats_left);
}

export function seatsText(activity: Activity): string {
  if (activity.seats_left === 0) return t('activity.full');
  if (activity.seats_left === 1) return t('activity.seatLeft', { capacity: activity.capacity });
  return t('activity.seatsLeft', { left: activity.seats_left, capacity: activity.capacity });
}

export function waitingText(activity: Activity): string {
  if (activity.waiting === 0) return t('activity.waitingNone');
  if (activity.waiting === 1) return t('activity.waitingOne');
  return t('activity.waitingCount', { count: activity.waiting });
}

// An external link opens as a link only when it is https (the server accepts nothing else).
function externalLink(url: string): Node | string {
  return /^https:\/\//.test(url) ? h('a', { href: url, rel: 'noopener noreferrer' }, url) : url;
}

// The facts of an activity: when, where, county, theme, recommendations, seats, waiting list and
// the registration deadline.
export function activityFacts(activity: Activity): HTMLElement {
  const rows: [string, Node | string][] = [
    [t('activity.when'), `${formatActivityTime(activity.starts_at, activity.ends_at)} (${t('activity.timeZone')})`],
  ];
  if (activity.place) rows.push([t('activity.place'), activity.place]);
  if (!activity.place && activity.link) rows.push([t('activity.place'), t('activity.online')]);
  if (activity.link) rows.push([t('activity.link'), externalLink(activity.link)]);
  rows.push([t('activity.county'), activity.county_name || t('activity.national')]);
  if (activity.theme) rows.push([t('activity.theme'), activity.theme]);
  if (activity.recommendations.length) {
    rows.push([t('activity.recommendations'), activity.recommendations.map((r) => r.label).join(', ')]);
  }
  rows.push([t('activity.seats'), seatsText(activity)]);
  rows.push([t('activity.waiting'), waitingText(activity)]);
  rows.push([
    t('activity.deadline'),
    activity.registration_open ? formatSwedishTime(activity.registration_deadline) : t('activity.closed'),
  ]);
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

// A description as paragraphs: an empty line starts a new one; text only, never markup.
export function paragraphs(text: string): HTMLElement[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => h('p', { class: 'activity-description' }, p));
}
