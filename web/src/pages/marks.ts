// The column marks of a dataset: what each column is for (area, period, dimension, outcome,
// weight, age, other) and, for categorical dimensions, whether the categories are ordered, in
// which order, and which end is advantaged. One fieldset per column, so it reads on a phone too.
import { api } from '../api';
import type { ColumnMarks, Dataset, DatasetColumn } from '../api';
import type { AppContext } from '../app';
import { field, h, option, replace } from '../dom';
import { describeError } from '../errors';
import { formatInteger, t } from '../i18n';
import type { Key } from '../i18n';

export const columnRoles = ['area', 'period', 'dimension', 'outcome', 'weight', 'age', 'other'] as const;
const maxReorderable = 30;
const maxShownCategories = 12;

interface ColumnState {
  column: DatasetColumn;
  role: NonNullable<ColumnMarks['role']>;
  ordered: boolean;
  advantaged: 'none' | 'first' | 'last';
  categories: string[];
}

export function typeLabel(type: string): string {
  const known = ['int64', 'double', 'categorical', 'string'];
  return known.includes(type) ? t(`columnType.${type}` as Key) : type;
}

export function roleLabel(role: string): string {
  return (columnRoles as readonly string[]).includes(role) ? t(`columnRole.${role}` as Key) : role;
}

function categoriesText(categories: string[], total: number): string {
  const shown = categories.slice(0, maxShownCategories).join(', ');
  const more = total - Math.min(categories.length, maxShownCategories);
  return more > 0 ? `${shown} ${t('marks.moreCategories', { count: formatInteger(more) })}` : shown;
}

function columnFieldset(state: ColumnState, canWrite: boolean, index: number): HTMLFieldSetElement {
  const { column } = state;
  const categorical = column.type === 'categorical';
  const role = h(
    'select',
    {
      name: `role-${column.name}`,
      disabled: !canWrite,
      onchange: (event: Event) => {
        state.role = (event.target as HTMLSelectElement).value as ColumnState['role'];
        redraw();
      },
    },
    columnRoles.map((r) => option(r, roleLabel(r), r === state.role)),
  );
  const body = h('div', { class: 'column-body' });
  const fieldset = h(
    'fieldset',
    { class: 'column-card', 'data-column': column.name, 'data-index': index },
    h('legend', {}, h('span', { class: 'column-name' }, column.name), ' ', h('span', { class: 'badge' }, typeLabel(column.type))),
    field(t('marks.role'), role),
    body,
  );
  const redraw = () => {
    replace(body);
    const facts: string[] = [];
    if (column.null_count > 0) facts.push(t('marks.missing', { count: formatInteger(column.null_count) }));
    if (categorical) {
      body.append(
        h('p', { class: 'categories' }, h('span', { class: 'label' }, t('marks.categories'), ': '), categoriesText(state.categories, column.distinct_count)),
      );
    }
    if (facts.length) body.append(h('p', { class: 'hint' }, facts.join(' · ')));
    if (!categorical || state.role !== 'dimension') return;
    const ordered = h('input', {
      type: 'checkbox',
      name: `ordered-${column.name}`,
      disabled: !canWrite,
      onchange: (event: Event) => {
        state.ordered = (event.target as HTMLInputElement).checked;
        if (!state.ordered) state.advantaged = 'none';
        redraw();
        (body.querySelector(`input[name="ordered-${CSS.escape(column.name)}"]`) as HTMLInputElement | null)?.focus();
      },
    });
    ordered.checked = state.ordered;
    ordered.id = `ordered-${fieldset.dataset.index}`;
    body.append(
      h('div', { class: 'check' }, ordered, h('label', { for: ordered.id }, t('marks.ordered'))),
    );
    if (!state.ordered) return;
    const first = state.categories[0] ?? '';
    const last = state.categories[state.categories.length - 1] ?? '';
    const advantaged = h(
      'select',
      {
        name: `advantaged-${column.name}`,
        disabled: !canWrite,
        onchange: (event: Event) => {
          state.advantaged = (event.target as HTMLSelectElement).value as ColumnState['advantaged'];
        },
      },
      option('none', t('marks.advantaged.none'), state.advantaged === 'none'),
      option('first', t('marks.advantaged.first', { category: first }), state.advantaged === 'first'),
      option('last', t('marks.advantaged.last', { category: last }), state.advantaged === 'last'),
    );
    body.append(field(t('marks.advantaged'), advantaged, t('marks.advantagedHint')));
    const complete = state.categories.length === column.distinct_count;
    if (canWrite && complete && state.categories.length > 1 && state.categories.length <= maxReorderable) {
      body.append(orderList(state, redraw, fieldset));
    }
  };
  redraw();
  return fieldset;
}

// The categories in order, each with buttons to move it; focus stays on the moved category's
// button so a keyboard user can keep moving it.
function orderList(state: ColumnState, redraw: () => void, fieldset: HTMLElement): HTMLElement {
  const move = (index: number, delta: number) => {
    const target = index + delta;
    const [item] = state.categories.splice(index, 1);
    state.categories.splice(target, 0, item);
    redraw();
    const button = fieldset.querySelector(
      `button[data-move="${delta < 0 ? 'up' : 'down'}"][data-index="${target}"]`,
    ) as HTMLButtonElement | null;
    (button && !button.disabled
      ? button
      : (fieldset.querySelector(`button[data-index="${target}"]:not([disabled])`) as HTMLButtonElement | null)
    )?.focus();
  };
  const headingId = `order-${fieldset.dataset.index}`;
  return h(
    'div',
    { class: 'order' },
    h('p', { id: headingId, class: 'label' }, t('marks.order')),
    h(
      'ol',
      { 'aria-labelledby': headingId },
      state.categories.map((category, index) =>
        h(
          'li',
          {},
          h('span', { class: 'position', 'aria-hidden': 'true' }, `${index + 1}.`),
          h('span', { class: 'category' }, category),
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              'data-move': 'up',
              'data-index': index,
              disabled: index === 0,
              'aria-label': t('marks.moveUp', { category }),
              onclick: () => move(index, -1),
            },
            '↑',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              'data-move': 'down',
              'data-index': index,
              disabled: index === state.categories.length - 1,
              'aria-label': t('marks.moveDown', { category }),
              onclick: () => move(index, 1),
            },
            '↓',
          ),
        ),
      ),
    ),
  );
}

// The marks form; `onSaved` gets the dataset as the server stored it.
export function marksForm(
  app: AppContext,
  dataset: Dataset,
  onSaved: (dataset: Dataset) => void,
): HTMLFormElement {
  const states: ColumnState[] = (dataset.columns ?? []).map((column) => ({
    column,
    role: column.role,
    ordered: column.ordered,
    advantaged: column.advantaged,
    categories: [...column.categories],
  }));
  const name = h('input', { type: 'text', name: 'dataset-name', value: dataset.name, required: true, disabled: !app.canWrite });
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const grid = h(
    'div',
    { class: 'column-grid' },
    states.map((state, index) => columnFieldset(state, app.canWrite, index)),
  );
  const submit = h('button', { type: 'submit', class: 'button', disabled: !app.canWrite }, t('marks.save'));
  const form = h(
    'form',
    { class: 'marks-form', novalidate: true, 'aria-labelledby': 'marks-heading' },
    h('h2', { id: 'marks-heading' }, t('marks.title')),
    h('p', {}, t('marks.intro')),
    field(t('marks.datasetName'), name),
    grid,
    message,
    app.canWrite ? h('div', { class: 'actions' }, submit) : null,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    if (!name.value.trim()) {
      replace(message, h('p', { class: 'error', role: 'alert' }, t('marks.nameRequired')));
      name.focus();
      return;
    }
    const columns: ColumnMarks[] = states.map((state) => {
      const marks: ColumnMarks = { name: state.column.name, role: state.role };
      if (state.column.type === 'categorical') {
        const dimension = state.role === 'dimension';
        marks.ordered = dimension && state.ordered;
        marks.advantaged = dimension && state.ordered ? state.advantaged : 'none';
        if (state.categories.length === state.column.distinct_count) marks.categories = state.categories;
      }
      return marks;
    });
    submit.disabled = true;
    try {
      const saved = await api.updateDataset(app.org, dataset.id, { name: name.value.trim(), columns });
      replace(message, h('p', { class: 'success', role: 'status' }, t('marks.saved')));
      onSaved(saved);
    } catch (error) {
      replace(message, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
