// Swedish first, English second. Every string the interface shows is in the two dictionaries
// (i18n/sv.ts, i18n/en.ts); TypeScript checks that English has exactly Swedish's keys.
import { en } from './i18n/en';
import { sv, type Key } from './i18n/sv';

export type Lang = 'sv' | 'en';
export type { Key };

const dictionaries: Record<Lang, Record<Key, string>> = { sv, en };
const storageKey = 'jamlik.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'sv' || stored === 'en') return stored;
  } catch {
    // storage may be unavailable; Swedish is the default
  }
  return 'sv';
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = next;
}

// Translate a key, filling {placeholders} from params.
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

// The other language's switch label, in that language (for the lang attribute).
export function otherLang(): Lang {
  return current === 'sv' ? 'en' : 'sv';
}

export function locale(): string {
  return current === 'sv' ? 'sv-SE' : 'en-GB';
}

export function formatNumber(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const fraction =
    digits ?? (Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3);
  return new Intl.NumberFormat(locale(), {
    maximumFractionDigits: fraction,
    minimumFractionDigits: digits !== undefined ? digits : Number.isInteger(value) ? 0 : Math.min(fraction, 1),
  }).format(value);
}

export function formatInteger(value: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(value);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export function formatDate(epochSeconds: number): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(epochSeconds * 1000),
  );
}

// A confidence level as per cent: 0.95 → "95", 0.998 → "99,8".
export function formatLevel(level: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(level * 100);
}

// Numbers of one table column with the same number of decimals, chosen from their size.
export function decimalsFor(values: (number | null | undefined)[]): number {
  const finite = values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
  if (finite.length && finite.every((v) => Number.isInteger(v))) return 0;
  const largest = Math.max(0, ...finite.map((v) => Math.abs(v)));
  return largest >= 100 ? 1 : largest >= 1 ? 1 : 3;
}
