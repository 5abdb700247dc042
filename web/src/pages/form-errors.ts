// Errors said at the field they belong to: the message right after the control (inside its
// .field or fieldset), the control marked aria-invalid and described by the message. Controls
// carry the API's field name in data-field, so a problem+json `field` finds its control.
import { ApiError } from '../api';
import { h, uid } from '../dom';
import { describeError } from '../errors';

// Mark a control invalid with a message right after it.
export function markInvalid(control: HTMLElement, message: string): void {
  const id = uid('err');
  const error = h('p', { class: 'field-error', id }, message);
  control.setAttribute('aria-invalid', 'true');
  const described = control.getAttribute('aria-describedby');
  control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
  const container = control.closest('.field, fieldset') ?? control.parentElement;
  if (container) {
    if (container.tagName === 'FIELDSET') {
      container.querySelector('legend')?.after(error);
    } else {
      container.append(error);
    }
  }
}

// Remove every field's message and mark.
export function clearInvalid(form: HTMLElement): void {
  form.querySelectorAll('.field-error').forEach((e) => {
    const id = e.id;
    form.querySelectorAll(`[aria-describedby~="${id}"]`).forEach((control) => {
      const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
      if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
      else control.removeAttribute('aria-describedby');
      control.removeAttribute('aria-invalid');
    });
    e.remove();
  });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

// The control a problem's `field` names (data-field), or null.
export function controlForProblem(form: HTMLElement, error: unknown): HTMLElement | null {
  if (!(error instanceof ApiError) || !error.problem.field) return null;
  return form.querySelector(`[data-field="${CSS.escape(error.problem.field)}"]`);
}

// Mark the control a problem names with `message` and focus it; false when no control matches.
export function showProblemAtField(form: HTMLElement, error: unknown, message: string): boolean {
  const control = controlForProblem(form, error);
  if (!control) return false;
  markInvalid(control, message);
  const focusable = control.matches('fieldset') ? control.querySelector<HTMLElement>('input') : control;
  focusable?.focus();
  return true;
}

// What to say at a field: the server's own words about it (already in the interface language),
// else the general description of the failure.
export function fieldMessage(error: unknown): string {
  if (error instanceof ApiError && error.problem.field && error.problem.detail) {
    const detail = error.problem.detail;
    return detail.charAt(0).toUpperCase() + detail.slice(1);
  }
  return describeError(error);
}
