// A new analysis: pick a dataset, define one or more indicators (the fields of an indicator
// definition: name, type from the server's registry, numerator column or condition, denominator,
// filter, multiplier, favourable direction, dimensions, areas, period), and let the server
// compute and save it. The browser computes nothing; it only builds the request. Breakdowns are
// chosen one by one: single dimensions, and each crossing (kön × utbildning) as its own choice —
// the definition's `dimensions`, a list whose lists cross.
import { api, ApiError } from '../api';
import type { Dataset, DatasetColumn, IndicatorDefinition, IndicatorType } from '../api';
import type { PageContext } from '../app';
import { field, h, option, replace, uid } from '../dom';
import { describeError } from '../errors';
import { formatNumber, lang, t } from '../i18n';
import { loading, pageHeading } from './common';
import { clearInvalid, markInvalid } from './form-errors';

const numericTypes = ['int64', 'double'];

function slug(text: string): string {
  const plain = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return plain || 'indikator';
}

function typeLabel(type: IndicatorType): string {
  return lang() === 'sv' ? type.label_sv : type.label_en;
}

function checkboxGroup(
  legend: string,
  name: string,
  items: { value: string; label: string; checked: boolean }[],
  hint?: string,
): { element: HTMLFieldSetElement; values: () => string[] } {
  const boxes = items.map((item) => {
    const input = h('input', { type: 'checkbox', name, value: item.value, id: uid('cb') });
    input.checked = item.checked;
    return input;
  });
  const hintId = hint ? uid('hint') : null;
  const element = h(
    'fieldset',
    { class: 'checkbox-group', 'data-field-name': name, 'aria-describedby': hintId },
    h('legend', {}, legend),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    items.length === 0 ? h('p', { class: 'hint' }, t('indicator.noneAvailable')) : null,
    h(
      'div',
      { class: 'checks' },
      boxes.map((box, i) => h('div', { class: 'check' }, box, h('label', { for: box.id }, items[i].label))),
    ),
  );
  return { element, values: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

function radioGroup(
  legend: string,
  name: string,
  items: { value: string; label: string }[],
  selected: string,
  onChange?: (value: string) => void,
): { element: HTMLFieldSetElement; value: () => string } {
  const radios = items.map((item) => {
    const input = h('input', { type: 'radio', name, value: item.value, id: uid('rb') });
    input.checked = item.value === selected;
    if (onChange) input.addEventListener('change', () => onChange(item.value));
    return input;
  });
  const element = h(
    'fieldset',
    { class: 'radio-group' },
    h('legend', {}, legend),
    h('div', { class: 'checks' }, radios.map((radio, i) => h('div', { class: 'check' }, radio, h('label', { for: radio.id }, items[i].label)))),
  );
  return { element, value: () => radios.find((r) => r.checked)?.value ?? selected };
}

function columnSelect(
  columns: DatasetColumn[],
  selected: string,
  empty?: string,
): HTMLSelectElement {
  return h(
    'select',
    {},
    empty !== undefined ? option('', empty, selected === '') : null,
    columns.map((c) => option(c.name, c.name, c.name === selected)),
  );
}

class IndicatorEditor {
  readonly element: HTMLFieldSetElement;
  private readonly name = h('input', { type: 'text', required: true, maxlength: '200' });
  private readonly nameEn = h('input', { type: 'text', maxlength: '200' });
  private readonly type: HTMLSelectElement;
  private readonly method = h('select', {});
  private numeratorKind: { element: HTMLFieldSetElement; value: () => string };
  private readonly numerator: HTMLSelectElement;
  private readonly numeratorWhere = h('input', { type: 'text', spellcheck: 'false' });
  private readonly denominator: HTMLSelectElement;
  private readonly value: HTMLSelectElement;
  private readonly age: HTMLSelectElement;
  private readonly filter = h('input', { type: 'text', spellcheck: 'false' });
  private readonly multiplier = h('input', { type: 'number', inputmode: 'decimal', step: 'any', min: '0' });
  private readonly unit = h('input', { type: 'text', maxlength: '100' });
  private readonly favourable: { element: HTMLFieldSetElement; value: () => string };
  private readonly dimensions: { element: HTMLFieldSetElement; values: () => string[] };
  private readonly crossings: { element: HTMLFieldSetElement; values: () => string[] };
  private readonly areas: { element: HTMLFieldSetElement; values: () => string[] };
  private readonly period: HTMLSelectElement;
  private readonly confidence = h('select', {});
  private readonly legend = h('legend', {});
  readonly removeButton = h('button', { type: 'button', class: 'button secondary small' });
  private readonly typeDescription = h('p', { class: 'hint', id: uid('type-desc') });
  private readonly rows: Record<string, HTMLElement> = {};

  constructor(
    private readonly types: IndicatorType[],
    dataset: Dataset,
  ) {
    const columns = dataset.columns ?? [];
    const numeric = columns.filter((c) => numericTypes.includes(c.type));
    const outcomes = [...numeric.filter((c) => c.role === 'outcome'), ...numeric.filter((c) => c.role !== 'outcome')];
    const byRole = (role: string) => columns.filter((c) => c.role === role);

    this.type = h('select', { id: uid('type'), 'aria-describedby': this.typeDescription.id }, types.map((type) => option(type.id, typeLabel(type), type.id === 'proportion')));
    this.type.addEventListener('change', () => this.typeChanged());
    this.numerator = columnSelect(outcomes, outcomes[0]?.name ?? '');
    this.denominator = columnSelect(numeric, '', t('indicator.denominatorRows'));
    this.value = columnSelect(outcomes, outcomes[0]?.name ?? '');
    const ageColumns = [...byRole('age'), ...numeric.filter((c) => c.role !== 'age')];
    this.age = columnSelect(ageColumns, byRole('age')[0]?.name ?? ageColumns[0]?.name ?? '');
    const periods = byRole('period');
    this.period = columnSelect(periods, periods[0]?.name ?? '', t('indicator.noPeriod'));
    this.confidence.append(option('0.95', t('indicator.confidence95'), true), option('0.95,0.998', t('indicator.confidence95and998')));

    const kindName = uid('numkind');
    this.numeratorKind = radioGroup(
      t('indicator.numeratorKind'),
      kindName,
      [
        { value: 'column', label: t('indicator.numeratorByColumn') },
        { value: 'where', label: t('indicator.numeratorByCondition') },
      ],
      'column',
      () => this.updateVisibility(),
    );
    this.favourable = radioGroup(
      t('indicator.favourable'),
      uid('fav'),
      [
        { value: 'high', label: t('indicator.favourableHigh') },
        { value: 'low', label: t('indicator.favourableLow') },
      ],
      'high',
    );
    const dimensionColumns = byRole('dimension').map((c) => c.name);
    this.dimensions = checkboxGroup(
      t('indicator.dimensions'),
      uid('dims'),
      dimensionColumns.map((name) => ({ value: name, label: name, checked: false })),
      t('indicator.dimensionsHint'),
    );
    // Every pair of dimensions as a choice of its own; its value is the pair as JSON.
    const pairs = dimensionColumns.flatMap((first, i) => dimensionColumns.slice(i + 1).map((second) => [first, second]));
    this.crossings = checkboxGroup(
      t('indicator.crossings'),
      uid('cross'),
      pairs.map((pair) => ({ value: JSON.stringify(pair), label: pair.join(' × '), checked: false })),
      t('indicator.crossingsHint'),
    );
    // One dimension or none: nothing to cross.
    this.crossings.element.hidden = pairs.length === 0;
    this.areas = checkboxGroup(
      t('indicator.areas'),
      uid('areas'),
      [
        // Small areas (DeSO: hundreds) only when asked for: they are slow and mostly suppressed.
        // Finest level first, as the engine expects (kommun before lan).
        ...byRole('area')
          .sort((a, b) => b.distinct_count - a.distinct_count)
          .map((c) => ({ value: c.name, label: c.name, checked: c.distinct_count <= 50 })),
        { value: 'riket', label: t('indicator.wholeArea'), checked: true },
      ],
      t('indicator.areasHint'),
    );

    this.rows.numeratorKind = this.numeratorKind.element;
    this.rows.numerator = field(t('indicator.numerator'), this.numerator, t('indicator.numeratorHint'));
    this.rows.numeratorWhere = field(t('indicator.numeratorWhere'), this.numeratorWhere, t('indicator.numeratorWhereHint'));
    this.rows.denominator = field(t('indicator.denominator'), this.denominator, t('indicator.denominatorHint'));
    this.rows.value = field(t('indicator.value'), this.value);
    this.rows.age = field(t('indicator.age'), this.age, t('indicator.ageHint'));
    this.rows.multiplier = field(t('indicator.multiplier'), this.multiplier, t('indicator.multiplierHint'));
    this.element = h(
      'fieldset',
      { class: 'indicator card' },
      this.legend,
      h('div', { class: 'form-grid' },
        field(t('indicator.name'), this.name, t('indicator.nameHint')),
        field(t('indicator.nameEn'), this.nameEn, t('common.optional')),
        h('div', { class: 'field' }, h('label', { for: this.type.id }, t('indicator.type')), this.typeDescription, this.type),
        field(t('indicator.method'), this.method, t('indicator.methodHint')),
      ),
      this.rows.numeratorKind,
      h('div', { class: 'form-grid' }, this.rows.numerator, this.rows.numeratorWhere, this.rows.value, this.rows.denominator, this.rows.age),
      h('div', { class: 'form-grid' },
        field(t('indicator.filter'), this.filter, t('indicator.filterHint')),
        this.rows.multiplier,
        field(t('indicator.unit'), this.unit, t('common.optional')),
        field(t('indicator.confidence'), this.confidence),
      ),
      this.favourable.element,
      this.dimensions.element,
      this.crossings.element,
      this.areas.element,
      h('div', { class: 'form-grid' }, field(t('indicator.period'), this.period, t('indicator.periodHint'))),
      h('div', { class: 'actions' }, this.removeButton),
    );
    this.typeChanged();
  }

  // Controls carry the API's field path (indicators[0].type), so a problem's field finds its
  // control.
  setIndex(index: number, count: number): void {
    this.legend.textContent = t('indicator.legend', { n: index + 1 });
    this.removeButton.textContent = t('indicator.remove', { n: index + 1 });
    this.removeButton.hidden = count <= 1;
    const path = `indicators[${index}]`;
    const pairs: [Element, string][] = [
      [this.name, 'name_sv'], [this.nameEn, 'name_en'], [this.type, 'type'], [this.method, 'method'],
      [this.numerator, 'numerator'], [this.numeratorWhere, 'numerator_where'], [this.denominator, 'denominator'],
      [this.value, 'value'], [this.age, 'age'], [this.filter, 'filter'], [this.multiplier, 'multiplier'],
      [this.unit, 'unit_sv'], [this.favourable.element, 'higher_is_favourable'], [this.dimensions.element, 'dimensions'],
      [this.areas.element, 'areas'], [this.period, 'period'], [this.confidence, 'confidence'],
    ];
    for (const [element, key] of pairs) element.setAttribute('data-field', `${path}.${key}`);
  }

  private selectedType(): IndicatorType | undefined {
    return this.types.find((type) => type.id === this.type.value);
  }

  private typeChanged(): void {
    const type = this.selectedType();
    replace(this.method, option('', t('indicator.methodDefault')), (type?.methods ?? []).map((m) => option(m, m)));
    this.typeDescription.textContent = type ? (lang() === 'sv' ? type.description_sv : type.description_en) : '';
    this.multiplier.placeholder = type ? formatNumber(type.default_multiplier, 0) : '';
    this.updateVisibility();
  }

  private updateVisibility(): void {
    const type = this.selectedType();
    const valueColumn = type?.needs_value_column ?? false;
    const byCondition = this.numeratorKind.value() === 'where';
    this.rows.numeratorKind.hidden = valueColumn;
    this.rows.numerator.hidden = valueColumn || byCondition;
    this.rows.numeratorWhere.hidden = valueColumn || !byCondition;
    this.rows.value.hidden = !valueColumn;
    this.rows.denominator.hidden = valueColumn;
    this.rows.age.hidden = !(type?.needs_age ?? false);
  }

  // The definition, or the first control that needs attention with what to say.
  definition(index: number, used: Set<string>): IndicatorDefinition | { control: HTMLElement; message: string } {
    const type = this.selectedType();
    const name = this.name.value.trim();
    if (!name) return { control: this.name, message: t('indicator.nameRequired') };
    if (!type) return { control: this.type, message: t('indicator.typeRequired') };
    let id = slug(name);
    while (used.has(id)) id = `${slug(name)}_${index + 1}_${used.size}`;
    used.add(id);
    const definition: IndicatorDefinition = {
      id,
      name_sv: name,
      type: type.id,
      higher_is_favourable: this.favourable.value() === 'high',
    };
    if (this.nameEn.value.trim()) definition.name_en = this.nameEn.value.trim();
    if (this.method.value) definition.method = this.method.value;
    if (type.needs_value_column) {
      if (!this.value.value) return { control: this.value, message: t('indicator.valueRequired') };
      definition.value = this.value.value;
    } else if (this.numeratorKind.value() === 'where') {
      if (!this.numeratorWhere.value.trim()) return { control: this.numeratorWhere, message: t('indicator.conditionRequired') };
      definition.numerator_where = this.numeratorWhere.value.trim();
    } else {
      if (!this.numerator.value) return { control: this.numerator, message: t('indicator.numeratorRequired') };
      definition.numerator = this.numerator.value;
    }
    if (!type.needs_value_column && this.denominator.value) definition.denominator = this.denominator.value;
    if (type.needs_age) {
      if (!this.age.value) return { control: this.age, message: t('indicator.ageRequired') };
      definition.age = this.age.value;
    }
    if (this.filter.value.trim()) definition.filter = this.filter.value.trim();
    if (this.multiplier.value.trim()) {
      const multiplier = Number(this.multiplier.value);
      if (!Number.isFinite(multiplier) || multiplier <= 0) return { control: this.multiplier, message: t('indicator.multiplierInvalid') };
      definition.multiplier = multiplier;
    }
    if (this.unit.value.trim()) definition.unit_sv = this.unit.value.trim();
    const crossings = this.crossings.values().map((pair) => JSON.parse(pair) as string[]);
    definition.dimensions = [...this.dimensions.values(), ...crossings];
    const areas = this.areas.values();
    if (areas.length === 0) return { control: this.areas.element.querySelector('input') ?? this.areas.element, message: t('indicator.areasRequired') };
    definition.areas = areas;
    if (this.period.value) definition.period = this.period.value;
    definition.confidence = this.confidence.value.split(',').map(Number);
    return definition;
  }
}

// A column name as the engine compares it: "Ålder" and "alder" are one column.
function canonicalColumn(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

// The condition (Urval, the numerator's condition) that names `column`, for an unknown column
// the server found there.
function conditionNaming(form: HTMLElement, column: string): HTMLElement | null {
  const wanted = canonicalColumn(column);
  const conditions = Array.from(form.querySelectorAll<HTMLInputElement>('input[data-field$=".filter"], input[data-field$=".numerator_where"]'));
  return (
    conditions.find((input) => canonicalColumn(input.value).match(/[\p{L}\p{N}_]+/gu)?.includes(wanted) ?? false) ?? null
  );
}

export async function renderNewAnalysis(context: PageContext): Promise<void> {
  const { main, app } = context;
  const heading = pageHeading(context, t('newAnalysis.title'));
  if (!app.canWrite) {
    replace(main, ...heading, h('p', {}, t('newAnalysis.readerNote')));
    return;
  }
  replace(main, ...heading, loading());
  const [datasets, types] = await Promise.all([api.datasets(app.org), app.indicatorTypes()]);
  if (!context.current()) return;
  if (datasets.length === 0) {
    replace(
      main,
      ...heading,
      h('p', {}, t('newAnalysis.noDatasets')),
      h('p', {}, h('a', { href: '/datamangder/ny', class: 'button', 'data-link': true }, t('datasets.upload'))),
    );
    return;
  }
  const wanted = Number(context.query.get('dataset'));
  const initial = datasets.find((d) => d.id === wanted) ?? datasets[0];
  const name = h('input', { type: 'text', required: true, maxlength: '200', 'data-field': 'name' });
  const datasetSelect = h('select', { 'data-field': 'dataset_id' }, datasets.map((d) => option(String(d.id), d.name, d === initial)));
  const indicators = h('div', { class: 'indicators' });
  const message = h('div', { class: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('newAnalysis.run'));
  const add = h('button', { type: 'button', class: 'button secondary' }, t('newAnalysis.addIndicator'));
  let dataset: Dataset = await api.dataset(app.org, initial.id);
  if (!context.current()) return;
  let editors: IndicatorEditor[] = [];

  const renumber = () => {
    editors.forEach((editor, i) => editor.setIndex(i, editors.length));
  };
  const addEditor = (focus: boolean) => {
    const editor = new IndicatorEditor(types, dataset);
    editor.removeButton.addEventListener('click', () => {
      const index = editors.indexOf(editor);
      editors = editors.filter((e) => e !== editor);
      editor.element.remove();
      renumber();
      (editors[Math.max(0, index - 1)]?.element.querySelector('input, select') as HTMLElement | null)?.focus();
    });
    editors.push(editor);
    indicators.append(editor.element);
    renumber();
    if (focus) (editor.element.querySelector('input') as HTMLElement | null)?.focus();
  };
  const resetEditors = () => {
    editors = [];
    replace(indicators);
    addEditor(false);
  };
  add.addEventListener('click', () => addEditor(true));
  datasetSelect.addEventListener('change', async () => {
    replace(message, h('p', { role: 'status' }, t('common.loading')));
    try {
      dataset = await api.dataset(app.org, Number(datasetSelect.value));
      replace(message);
      resetEditors();
    } catch (error) {
      replace(message, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    }
  });
  resetEditors();

  const form = h(
    'form',
    { novalidate: true, class: 'analysis-form', 'aria-labelledby': 'new-analysis-form' },
    h('h2', { id: 'new-analysis-form', class: 'visually-hidden' }, t('newAnalysis.title')),
    h('div', { class: 'form-grid card' }, field(t('newAnalysis.name'), name), field(t('newAnalysis.dataset'), datasetSelect, t('newAnalysis.datasetHint'))),
    indicators,
    h('div', { class: 'actions' }, add),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    replace(message);
    const fail = (control: HTMLElement, text: string) => {
      markInvalid(control, text);
      replace(message, h('p', { class: 'error', role: 'alert' }, t('newAnalysis.fixErrors')));
      control.focus();
    };
    if (!name.value.trim()) return fail(name, t('newAnalysis.nameRequired'));
    const used = new Set<string>();
    const definitions: IndicatorDefinition[] = [];
    for (const [i, editor] of editors.entries()) {
      const result = editor.definition(i, used);
      if ('control' in result) return fail(result.control, result.message);
      definitions.push(result);
    }
    submit.disabled = true;
    replace(message, h('p', { role: 'status' }, t('newAnalysis.running')));
    try {
      const analysis = await api.createAnalysis(app.org, {
        name: name.value.trim(),
        dataset_id: dataset.id,
        indicators: definitions,
      });
      app.navigate(`/analyser/${analysis.id}`, t('newAnalysis.saved', { name: analysis.name }));
    } catch (error) {
      submit.disabled = false;
      const text = describeError(error);
      replace(message, h('div', { class: 'error', role: 'alert' }, h('p', {}, t('newAnalysis.failed')), h('p', {}, text)));
      if (error instanceof ApiError && error.problem.field) {
        const path = error.problem.field;
        // "indicators[0].type" names a control (a condition's mistake: "indicators[0].filter");
        // a column name (unknown_column) names the control that chose it or the condition that
        // wrote it.
        const control =
          (form.querySelector(`[data-field="${CSS.escape(path)}"]`) as HTMLElement | null) ??
          (Array.from(form.querySelectorAll('select')).find((s) => s.value === path) as HTMLElement | undefined) ??
          conditionNaming(form, path);
        if (control) {
          markInvalid(control, text);
          const focusable = control.matches('fieldset') ? (control.querySelector('input') as HTMLElement | null) : control;
          focusable?.focus();
        }
      }
    }
  });
  replace(main, ...heading, h('p', {}, t('newAnalysis.intro')), form);
}
