// Pieces several pages share: the heading with the carried-over message, a loading line, and
// a data table in a keyboard-scrollable region.
import type { PageContext } from '../app';
import { h, uid } from '../dom';
import { t } from '../i18n';

export function pageHeading(context: PageContext, title: string, ...extra: Node[]): Node[] {
  context.setTitle(title);
  return [
    h('h1', { tabindex: '-1' }, title),
    ...(context.flash ? [h('p', { class: 'notice', role: 'status' }, context.flash)] : []),
    ...extra,
  ];
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

export interface TableColumn<T> {
  header: string;
  cell: (row: T) => Node | string;
  numeric?: boolean;
  // The row header column (th scope=row).
  rowHeader?: boolean;
}

// A table with a caption, column headers and row headers, inside a region that scrolls sideways
// on a narrow screen and can be scrolled by keyboard (it is focusable and named by the caption).
export function dataTable<T>(caption: string, columns: TableColumn<T>[], rows: T[]): HTMLElement {
  const captionId = uid('caption');
  const table = h(
    'table',
    { class: 'data-table' },
    h('caption', { id: captionId }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((column) =>
          h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.header),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          columns.map((column) =>
            h(
              column.rowHeader ? 'th' : 'td',
              { scope: column.rowHeader ? 'row' : null, class: column.numeric ? 'num' : null },
              column.cell(row),
            ),
          ),
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0' },
    table,
  );
}
