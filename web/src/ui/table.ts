// Data tables inside a horizontally scrolling wrapper, so a phone scrolls the table and never
// the page. Columns describe how to render one cell; rows may carry attributes (test ids).
import { h, type Attrs, type Child } from './dom';

export interface Column<T> {
  title: string;
  cell: (row: T) => Child;
  numeric?: boolean;
  // Action buttons: the column stays in view at the right edge while the table scrolls.
  actions?: boolean;
}

export interface TableOptions<T> {
  empty: string;
  row_attrs?: (row: T) => Attrs;
  testid?: string;
}

function cell_class<T>(column: Column<T>): string | null {
  const names = [column.numeric ? 'num' : '', column.actions ? 'actions' : ''].filter(Boolean);
  return names.length ? names.join(' ') : null;
}

export function table<T>(columns: readonly Column<T>[], rows: readonly T[], options: TableOptions<T>): HTMLElement {
  const head = h('tr', null, columns.map((column) => h('th', { class: cell_class(column) }, column.title)));
  const body = rows.length
    ? rows.map((row) =>
        h('tr', options.row_attrs?.(row) ?? null,
          columns.map((column) => h('td', { class: cell_class(column) }, column.cell(row))),
        ),
      )
    : [h('tr', { class: 'empty-row' }, h('td', { colspan: columns.length }, options.empty))];
  return h('div', { class: 'table-wrap', 'data-testid': options.testid ?? null },
    h('table', null, h('thead', null, head), h('tbody', null, body)),
  );
}
