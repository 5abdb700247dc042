// A plan's audit trail (/planer/12/andringar): who changed what and when, oldest first — the plan
// created or copied, each item added, removed or changed field by field, each follow-up taken and
// each comment written. Nothing in it is ever edited.
import type { PageContext } from '../app';
import { h, replace } from '../dom';
import { formatDate, t } from '../i18n';
import type { Key } from '../i18n';
import { loading, pageHeading } from './common';
import { planApi, planPath, planTabs } from './plan-common';
import type { PlanChange } from './plan-common';

const show = (value: unknown): string => (value === null || value === undefined || value === '' ? '–' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function details(change: PlanChange): HTMLElement {
  const changes = change.changes as unknown;
  if (Array.isArray(changes)) {
    if (changes.length === 0) return h('p', { class: 'empty' }, t('planAudit.nothing'));
    return h(
      'ul',
      {},
      changes.map((c: { collection: string; id: string; change: string; fields: Record<string, { from: unknown; to: unknown }> }) =>
        h(
          'li',
          {},
          `${t(`planAudit.change.${c.change}` as Key)}: ${t(`planAudit.collection.${c.collection}` as Key)} ${c.id}`,
          Object.keys(c.fields ?? {}).length
            ? h('ul', {}, Object.entries(c.fields).map(([name, v]) => h('li', {}, `${name}: ${show(v.from)} → ${show(v.to)}`)))
            : null,
        ),
      ),
    );
  }
  const record = (changes ?? {}) as Record<string, unknown>;
  return h('p', {}, Object.entries(record).map(([k, v]) => `${k}: ${show(v)}`).join(' · '));
}

export async function renderPlanAudit(context: PageContext): Promise<void> {
  const { main } = context;
  const id = Number(context.params.id);
  replace(main, loading());
  const [plan, changes] = await Promise.all([planApi.get(context.app.org, id), planApi.changes(context.app.org, id)]);
  if (!context.current()) return;
  const heading = pageHeading(context, t('planAudit.title', { year: plan.year }));
  replace(
    main,
    ...heading,
    planTabs(plan, `${planPath(plan.id)}/andringar`),
    h('p', {}, t('planAudit.intro')),
    h(
      'ol',
      { class: 'audit-trail' },
      changes.map((change) =>
        h(
          'li',
          { class: 'card', 'data-action': change.action },
          h('h2', {}, `${t(`planAudit.action.${change.action}` as Key)} · ${formatDate(change.time)} · ${change.user_name}`),
          details(change),
        ),
      ),
    ),
  );
}
