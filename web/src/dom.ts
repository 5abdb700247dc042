// Building the page without innerHTML: every text goes in through textContent or an attribute,
// so data from the server or a file (column names, category values, error messages) can never
// become markup.

type Child = Node | string | number | null | undefined | false;
type Children = Child | Children[];
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Children[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name === 'class') {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Children[]): void {
  for (const child of (children as unknown[]).flat(Infinity) as Child[]) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

export function replace(element: Element, ...children: Children[]): void {
  clear(element);
  append(element, ...children);
}

let counter = 0;
// A unique id for label/aria links.
export function uid(prefix = 'id'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

// A labelled form field: label above the control, an optional hint linked by aria-describedby.
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLDivElement {
  if (!control.id) control.id = uid('f');
  const wrapper = h('div', { class: 'field' }, h('label', { for: control.id }, label));
  if (hint) {
    const hintId = uid('hint');
    const described = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', described ? `${described} ${hintId}` : hintId);
    wrapper.append(h('p', { class: 'hint', id: hintId }, hint));
  }
  wrapper.append(control);
  return wrapper;
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const element = h('option', { value }, label);
  element.selected = selected;
  return element;
}
