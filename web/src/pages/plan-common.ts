// What the plan pages share (issue 12): the plan's API calls, the tabs between its pages, the
// status mark (words, a symbol and a colour: never colour alone), the labels of the plan's codes,
// and saving the document with the version the editor read (409 when someone changed it first).
import { ApiError, apiRequest } from '../api';
import type { PageContext } from '../app';
import type { components } from '../generated/api-schema';
import { h } from '../dom';
import { formatNumber, lang, t } from '../i18n';
import type { Key } from '../i18n';

type Schemas = components['schemas'];
export type Plan = Schemas['Plan'];
export type PlanDocument = Schemas['PlanDocument'];
export type PlanChange = Schemas['PlanChange'];
export type FollowUpRecord = Schemas['FollowUpRecord'];
export type PlanBody = NonNullable<PlanDocument['bodies']>[number];
export type PlanGoal = NonNullable<PlanDocument['goals']>[number];
export type PlanPeriod = NonNullable<PlanDocument['periods']>[number];
export type PlanTarget = NonNullable<PlanDocument['targets']>[number];
export type PlanMeasure = NonNullable<PlanDocument['measures']>[number];

export const plansPath = '/planer';
export const planPath = (id: number): string => `${plansPath}/${id}`;

const base = (org: number) => `/api/organisations/${org}/plans`;

export const planApi = {
  list: (org: number) => apiRequest<{ plans: Plan[] }>('GET', base(org)).then((r) => r.plans),
  get: (org: number, id: number) => apiRequest<Plan>('GET', `${base(org)}/${id}`),
  create: (org: number, year: number, document: PlanDocument) =>
    apiRequest<Plan>('POST', base(org), { year, document }),
  copy: (org: number, from: number, year: number) =>
    apiRequest<Plan>('POST', base(org), { year, copy_from: from }),
  save: (org: number, plan: Plan, document: PlanDocument) =>
    apiRequest<Plan>('PUT', `${base(org)}/${plan.id}`, { version: plan.version, document }),
  changes: (org: number, id: number) =>
    apiRequest<{ changes: PlanChange[] }>('GET', `${base(org)}/${id}/changes`).then((r) => r.changes),
  followUps: (org: number, id: number, period = '') =>
    apiRequest<{ follow_ups: FollowUpRecord[] }>(
      'GET',
      `${base(org)}/${id}/follow-ups${period ? '?period=' + encodeURIComponent(period) : ''}`,
    ).then((r) => r.follow_ups),
  followUp: (org: number, id: number, period: string) =>
    apiRequest<{ follow_ups: FollowUpRecord[] }>('POST', `${base(org)}/${id}/follow-ups`, { period }).then(
      (r) => r.follow_ups,
    ),
  comment: (org: number, id: number, record: number, comment: string) =>
    apiRequest<FollowUpRecord>('POST', `${base(org)}/${id}/follow-ups/${record}/comments`, { comment }),
  // A download link carries no headers: the language goes in the query.
  reportUrl: (org: number, id: number, format: 'xlsx' | 'pdf', period = '') =>
    `${base(org)}/${id}/report?format=${format}&lang=${lang()}` +
    (period ? `&period=${encodeURIComponent(period)}` : ''),
};

// Change the plan's document and save it; the answer is the plan as saved. A plan changed by
// someone else since it was read answers 409 (field "version"): the caller says so.
export async function savePlan(
  context: PageContext,
  plan: Plan,
  change: (document: PlanDocument) => void,
): Promise<Plan> {
  const document = structuredClone(plan.document ?? {}) as PlanDocument;
  for (const key of ['bodies', 'goals', 'periods', 'targets', 'measures'] as const) {
    (document as Record<string, unknown[]>)[key] ??= [];
  }
  change(document);
  return planApi.save(context.app.org, plan, document);
}

export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

// The tabs between a plan's pages; `active` is the current one's path.
export function planTabs(plan: Plan, active: string): HTMLElement {
  const tabs: [string, Key][] = [
    [planPath(plan.id), 'plan.tab.overview'],
    [`${planPath(plan.id)}/styrkort`, 'plan.tab.scorecard'],
    [`${planPath(plan.id)}/insatser`, 'plan.tab.measures'],
    [`${planPath(plan.id)}/konsekvensanalyser`, 'plan.tab.impact'],
    [`${planPath(plan.id)}/uppfoljning`, 'plan.tab.followUp'],
    [`${planPath(plan.id)}/andringar`, 'plan.tab.changes'],
  ];
  return h(
    'nav',
    { class: 'plan-tabs', 'aria-label': t('plan.tabs', { year: plan.year }) },
    h(
      'ul',
      {},
      tabs.map(([href, key]) =>
        h('li', {}, h('a', { href, 'data-link': true, 'aria-current': href === active ? 'page' : null }, t(key))),
      ),
    ),
  );
}

export const statuses = ['reached', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
const symbols: Record<string, string> = {
  reached: '✔',
  on_track: '↗',
  at_risk: '⚠',
  off_track: '✖',
  no_data: '?',
};

// A status in words with its symbol and colour; "" for a target not followed up.
export function statusMark(status: string): HTMLElement {
  const known = (statuses as readonly string[]).includes(status);
  return h(
    'span',
    { class: `status-mark status-${known ? status : 'none'}`, 'data-status': status || 'none' },
    h('span', { 'aria-hidden': 'true', class: 'status-symbol' }, symbols[status] ?? '–'),
    ' ',
    known ? t(`plan.status.${status}` as Key) : t('plan.status.none'),
  );
}

export const recommendations = ['governance', 'measure', 'good_start', 'self_support', 'environments'] as const;
export const recommendationLabel = (id: string): string =>
  (recommendations as readonly string[]).includes(id) ? t(`plan.rec.${id}` as Key) : id;
export const bodyKindLabel = (kind: string): string => t(`plan.body.${kind}` as Key);
export const periodKindLabel = (kind: string): string => t(`plan.periodKind.${kind}` as Key);
export const measureStatusLabel = (status: string): string => t(`plan.measureStatus.${status}` as Key);
export const targetKindLabel = (kind: string): string => t(`plan.kind.${kind}` as Key);

export function formatSek(value: number): string {
  return new Intl.NumberFormat(lang() === 'sv' ? 'sv-SE' : 'en-GB', {
    style: 'currency',
    currency: 'SEK',
    maximumFractionDigits: 0,
  }).format(value);
}

// "43 (35,1–50,9)": the estimate with its interval, as the engine gave them.
export function estimateText(record: Pick<FollowUpRecord, 'estimate' | 'lower' | 'upper'>): string {
  if (record.estimate === null || record.estimate === undefined) return '–';
  const estimate = formatNumber(record.estimate);
  if (record.lower === null || record.upper === null || record.lower === undefined || record.upper === undefined) {
    return estimate;
  }
  return `${estimate} (${formatNumber(record.lower)}–${formatNumber(record.upper)})`;
}

// The target in words: "Gap (D), efter utb", "Nivå: kort".
export function targetText(target: PlanTarget): string {
  let text = targetKindLabel(target.kind);
  if (target.measure) text += ` (${target.measure.toUpperCase()})`;
  if (target.dimension) text += `, ${t('plan.by')} ${target.dimension}`;
  if (target.subgroup) text += `: ${target.subgroup}`;
  return text;
}

// The latest follow-up records: the period of the newest run (or `period`), one record per target
// (its newest).
export function latestRecords(records: FollowUpRecord[], period = ''): { period: string; byTarget: Map<string, FollowUpRecord> } {
  const chosen = period || (records[0]?.period ?? '');
  const byTarget = new Map<string, FollowUpRecord>();
  for (const record of records) {
    if (record.period === chosen && !byTarget.has(record.target)) byTarget.set(record.target, record);
  }
  return { period: chosen, byTarget };
}

// The report's download links (Excel and PDF) in the interface language.
export function reportLinks(context: PageContext, plan: Plan, period = ''): HTMLElement {
  return h(
    'p',
    { class: 'actions plan-report' },
    h('a', { class: 'button secondary', href: planApi.reportUrl(context.app.org, plan.id, 'xlsx', period), download: '' }, t('plan.report.xlsx')),
    ' ',
    h('a', { class: 'button secondary', href: planApi.reportUrl(context.app.org, plan.id, 'pdf', period), download: '' }, t('plan.report.pdf')),
  );
}

// Why a status says less than it might (the engine's reason id), in words.
export function reasonLabel(reason: string): string {
  const known = ['suppressed', 'missing', 'undefined', 'baseline_missing', 'before_baseline', 'no_interval', 'subgroup_without_data'];
  return known.includes(reason) ? t(`plan.reason.${reason}` as Key) : reason;
}
