// Data tables inside a horizontally scrolling wrapper, so a phone scrolls the table and never
// the page. Columns describe how to render one cell; rows may carry attributes (test ids).
import { h, type Attrs, type Child } from './dom';

export interface Column<T> {
  title: string;
  cell: (row: T) => Child;
  numeric?: boolean;
}

export interface TableOptions<T> {
  empty: string;
  row_attrs?: (row: T) => Attrs;
  testid?: string;
}

export function table<T>(columns: readonly Column<T>[], rows: readonly T[], options: TableOptions<T>): HTMLElement {
  const head = h('tr', null, columns.map((column) => h('th', { class: column.numeric ? 'num' : null }, column.title)));
  const body = rows.length
    ? rows.map((row) =>
        h('tr', options.row_attrs?.(row) ?? null,
          columns.map((column) => h('td', { class: column.numeric ? 'num' : null }, column.cell(row))),
        ),
      )
    : [h('tr', { class: 'empty-row' }, h('td', { colspan: columns.length }, options.empty))];
  return h('div', { class: 'table-wrap', 'data-testid': options.testid ?? null },
    h('table', null, h('thead', null, head), h('tbody', null, body)),
  );
}
