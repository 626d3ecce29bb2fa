// Trades: the fills of this user's orders, newest first; a new fill appears without reload.
import type { Trade } from '../api/types';
import { badge, status_kind } from '../ui/badge';
import { card, page_title } from '../ui/card';
import { h, replace } from '../ui/dom';
import { decimal, time, utc } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { Refresher } from '../ui/refresher';
import { table, type Column } from '../ui/table';
import type { PageContext } from './page';

const kLimit = 200;

const kColumns: Column<Trade>[] = [
  { title: 'Time', cell: (t) => h('span', { title: utc(t.ts) }, time(t.ts)) },
  { title: 'Symbol', cell: (t) => h('strong', null, t.symbol) },
  { title: 'Side', cell: (t) => badge(t.side, status_kind(t.side)) },
  { title: 'Price', cell: (t) => decimal(t.price), numeric: true },
  { title: 'Quantity', cell: (t) => decimal(t.quantity), numeric: true },
  { title: 'Fee', cell: (t) => [decimal(t.fee), t.fee_asset ? h('span', { class: 'muted small' }, ` ${t.fee_asset}`) : null], numeric: true },
  { title: 'Order', cell: (t) => h('code', { class: 'small' }, t.client_order_id) },
];

export function render_trades(context: PageContext): void {
  const { api, stream, root } = context;
  const load_state = new LoadState();
  const box = h('div', { 'data-testid': 'trades' });
  replace(root, page_title('Trades'), load_state.element, card(`Last ${kLimit} fills`, box));

  const refresher = new Refresher(async () => {
    try {
      const trades = await api.trades(kLimit);
      if (!context.active()) return;
      replace(box, table(kColumns, trades, {
        empty: 'No fills yet.',
        testid: 'trades-table',
        row_attrs: () => ({ 'data-testid': 'trade-row' }),
      }));
      load_state.ok();
    } catch (error) {
      if (context.active()) load_state.failed('trades', error);
    }
  });
  refresher.refresh();
  context.on_leave(stream.on('fill', () => refresher.refresh()));
  context.on_leave(stream.on_resync(() => refresher.refresh()));
  context.on_leave(() => refresher.dispose());
}
