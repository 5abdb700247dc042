// A plan's overview (/planer/12): the bodies that own goals — the assembly (fullmäktige), its
// committees (nämnder) and their units — each with its goals, tagged with one of the five
// recommendations and a welfare area (a committee goal contributes to an assembly goal); the
// follow-up periods with their deadlines; the report's downloads. Analysts add bodies, goals and
// periods; every change goes to the plan's audit trail.
import type { PageContext } from '../app';
import { field, h, option, replace } from '../dom';
import { t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, fieldMessage, markInvalid, showProblemAtField } from './form-errors';
import {
  bodyKindLabel,
  isStale,
  periodKindLabel,
  planApi,
  planPath,
  planTabs,
  recommendationLabel,
  recommendations,
  reportLinks,
  savePlan,
} from './plan-common';
import type { Plan, PlanBody, PlanDocument, PlanGoal } from './plan-common';

// Submit a small form that adds to the document: check, save, show the plan again with a notice.
function addForm(
  context: PageContext,
  plan: Plan,
  title: string,
  controls: HTMLElement[],
  submitLabel: string,
  build: (form: HTMLFormElement) => ((document: PlanDocument) => void) | null,
  saved: () => string,
): HTMLFormElement {
  const id = `form-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, submitLabel);
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': id },
    h('h3', { id }, title),
    h('div', { class: 'form-grid' }, controls),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    const change = build(form);
    if (!change) return;
    submit.disabled = true;
    try {
      await savePlan(context, plan, change);
      context.navigate(planPath(plan.id), saved());
    } catch (error) {
      submit.disabled = false;
      const text = isStale(error) ? t('plan.stale') : fieldMessage(error);
      if (isStale(error) || !showProblemAtField(form, error, text)) replace(message, h('p', { class: 'error', role: 'alert' }, text));
    }
  });
  return form;
}

// A required text control: marked and focused when empty.
function required(control: HTMLInputElement | HTMLSelectElement, message: string): string | null {
  const value = control.value.trim();
  if (!value) {
    markInvalid(control, message);
    control.focus();
    return null;
  }
  return value;
}

// A new id for an item of a list: the text's letters, made unique.
export function newId(text: string, taken: { id: string }[]): string {
  const stem =
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'item';
  let id = stem;
  for (let n = 2; taken.some((item) => item.id === id); n++) id = `${stem}-${n}`;
  return id;
}

function bodyForm(context: PageContext, plan: Plan, bodies: PlanBody[]): HTMLFormElement {
  const hasAssembly = bodies.some((b) => b.kind === 'fullmaktige');
  const name = h('input', { type: 'text', name: 'name', 'data-field': 'bodies.name', required: true });
  const kind = h('select', { name: 'kind', 'data-field': 'bodies.kind' });
  for (const k of ['fullmaktige', 'namnd', 'unit']) {
    if (k === 'fullmaktige' && hasAssembly) continue;
    kind.append(option(k, bodyKindLabel(k)));
  }
  const parent = h('select', { name: 'parent' }, h('option', { value: '' }, t('plan.noParent')));
  for (const body of bodies) if (body.kind !== 'unit') parent.append(option(body.id, `${body.name} (${bodyKindLabel(body.kind)})`));
  // A new committee belongs to the assembly: chosen already once there is one.
  const assembly = bodies.find((b) => b.kind === 'fullmaktige');
  if (assembly) parent.value = assembly.id;
  return addForm(
    context,
    plan,
    t('plan.addBody'),
    [field(t('plan.bodyName'), name), field(t('plan.bodyKind'), kind), field(t('plan.parent'), parent, t('plan.parentHint'))],
    t('plan.addBody'),
    () => {
      const text = required(name, t('plan.nameRequired'));
      if (!text) return null;
      return (document) => {
        document.bodies!.push({ id: newId(text, document.bodies!), kind: kind.value as PlanBody['kind'], name: text, parent: parent.value });
      };
    },
    () => t('plan.bodyAdded', { name: name.value.trim() }),
  );
}

function goalForm(context: PageContext, plan: Plan, bodies: PlanBody[], goals: PlanGoal[]): HTMLFormElement {
  const title = h('input', { type: 'text', name: 'title', 'data-field': 'goals.title', required: true });
  const body = h('select', { name: 'body' }, bodies.map((b) => option(b.id, `${b.name} (${bodyKindLabel(b.kind)})`)));
  const recommendation = h('select', { name: 'recommendation' }, recommendations.map((r) => option(r, recommendationLabel(r))));
  const area = h('input', { type: 'text', name: 'welfare_area', required: true, list: 'welfare-areas' });
  const areas = h('datalist', { id: 'welfare-areas' }, ['utbildning', 'hälsa', 'arbete och försörjning', 'omsorg', 'boende och miljö'].map((a) => h('option', { value: a })));
  const contributes = h('select', { name: 'contributes_to' }, h('option', { value: '' }, t('plan.contributesNone')));
  for (const goal of goals) contributes.append(option(goal.id, goal.title));
  return addForm(
    context,
    plan,
    t('plan.addGoal'),
    [
      field(t('plan.goalTitle'), title),
      field(t('plan.goalBody'), body),
      field(t('plan.recommendation'), recommendation),
      h('div', {}, field(t('plan.welfareArea'), area), areas),
      field(t('plan.contributesTo'), contributes, t('plan.contributesHint')),
    ],
    t('plan.addGoal'),
    () => {
      const text = required(title, t('plan.titleRequired'));
      if (!text) return null;
      const welfare = required(area, t('plan.areaRequired'));
      if (!welfare) return null;
      return (document) => {
        document.goals!.push({
          id: newId(text, document.goals!),
          body: body.value,
          title: text,
          recommendation: recommendation.value as PlanGoal['recommendation'],
          welfare_area: welfare,
          contributes_to: contributes.value,
        });
      };
    },
    () => t('plan.goalAdded'),
  );
}

function periodForm(context: PageContext, plan: Plan): HTMLFormElement {
  const y = plan.year;
  const choices: [string, string][] = [
    [`${y}-T1`, 'tertial'],
    [`${y}-T2`, 'tertial'],
    [`${y}-T3`, 'tertial'],
    [`${y}-H1`, 'half_year'],
    [`${y}-H2`, 'half_year'],
    [`${y}`, 'year'],
  ];
  const taken = new Set((plan.document?.periods ?? []).map((p) => p.id));
  const period = h('select', { name: 'period' });
  for (const [id, kind] of choices) if (!taken.has(id)) period.append(option(id, `${id} (${periodKindLabel(kind)})`));
  const deadline = h('input', { type: 'date', name: 'deadline', 'data-field': 'periods.deadline', required: true });
  return addForm(
    context,
    plan,
    t('plan.addPeriod'),
    [field(t('plan.period'), period), field(t('plan.deadline'), deadline)],
    t('plan.addPeriod'),
    () => {
      if (!period.value) return null;
      const date = required(deadline, t('plan.deadlineRequired'));
      if (!date) return null;
      const kind = choices.find(([id]) => id === period.value)![1] as 'tertial' | 'half_year' | 'year';
      return (document) => {
        document.periods!.push({ id: period.value, kind, deadline: date });
      };
    },
    () => t('plan.periodAdded'),
  );
}

function goalItem(goal: PlanGoal, goals: PlanGoal[], targets: number): HTMLElement {
  const parent = goals.find((g) => g.id === goal.contributes_to);
  return h(
    'li',
    { class: 'plan-goal' },
    h('strong', {}, goal.title),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'badge' }, recommendationLabel(goal.recommendation)),
      ' ',
      h('span', { class: 'badge' }, goal.welfare_area),
      parent ? [' ', t('plan.contributesToGoal', { goal: parent.title })] : null,
      ' · ',
      t('plan.targetCount', { count: targets }),
    ),
  );
}

// The bodies as a tree: the assembly, its committees, their units; each with its goals.
function bodyTree(bodies: PlanBody[], goals: PlanGoal[], document: PlanDocument): HTMLElement {
  const targetsOf = (goal: string) => (document.targets ?? []).filter((x) => x.goal === goal).length;
  const node = (body: PlanBody): HTMLElement => {
    const own = goals.filter((g) => g.body === body.id);
    const children = bodies.filter((b) => b.parent === body.id);
    return h(
      'li',
      { class: `plan-body plan-body-${body.kind}` },
      h('h3', {}, body.name, ' ', h('span', { class: 'badge' }, bodyKindLabel(body.kind))),
      own.length ? h('ul', { class: 'plan-goals' }, own.map((g) => goalItem(g, goals, targetsOf(g.id)))) : h('p', { class: 'empty' }, t('plan.noGoals')),
      children.length ? h('ul', { class: 'plan-tree' }, children.map(node)) : null,
    );
  };
  const roots = bodies.filter((b) => !b.parent || !bodies.some((p) => p.id === b.parent));
  return h('ul', { class: 'plan-tree' }, roots.map(node));
}

export async function renderPlanOverview(context: PageContext): Promise<void> {
  const { main } = context;
  const id = Number(context.params.id);
  replace(main, loading());
  const plan = await planApi.get(context.app.org, id);
  if (!context.current()) return;
  const document = plan.document ?? {};
  const bodies = document.bodies ?? [];
  const goals = document.goals ?? [];
  const periods = document.periods ?? [];
  const heading = pageHeading(context, t('plan.title', { year: plan.year }));
  const write = context.app.canWrite;
  replace(
    main,
    ...heading,
    planTabs(plan, planPath(plan.id)),
    h('p', {}, t('plan.intro')),
    reportLinks(context, plan),
    h('section', { 'aria-labelledby': 'bodies-heading' },
      h('h2', { id: 'bodies-heading' }, t('plan.bodiesAndGoals')),
      bodies.length ? bodyTree(bodies, goals, document) : h('p', { class: 'empty' }, t('plan.noBodies')),
      write ? bodyForm(context, plan, bodies) : null,
      write && bodies.length ? goalForm(context, plan, bodies, goals) : null,
    ),
    h('section', { 'aria-labelledby': 'periods-heading' },
      h('h2', { id: 'periods-heading' }, t('plan.periods')),
      periods.length
        ? h('ul', { class: 'plan-periods' }, periods.map((p) => h('li', {}, h('strong', {}, p.id), ` (${periodKindLabel(p.kind)}) · ${t('plan.deadlineOn', { date: p.deadline })}`)))
        : h('p', { class: 'empty' }, t('plan.noPeriods')),
      write ? periodForm(context, plan) : null,
    ),
  );
}
