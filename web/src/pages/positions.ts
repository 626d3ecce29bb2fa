// Positions and orders: close a position (POST /positions/close), cancel an open order
// (DELETE /orders/{id}). Both are commands the engine applies; the rows refresh on the stream's
// order, fill and position events.
import type { Order, Position } from '../api/types';
import { action_button } from '../ui/action_button';
import { badge, status_kind } from '../ui/badge';
import { card, page_title } from '../ui/card';
import { follow_command, pending_text } from '../ui/command_feedback';
import { h, replace } from '../ui/dom';
import { decimal, sign_class, signed_money, time, utc } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { Refresher } from '../ui/refresher';
import { table, type Column } from '../ui/table';
import type { PageContext } from './page';

// Order statuses after which nothing can change; anything else may still be canceled.
const kFinalStatuses = new Set(['filled', 'canceled', 'cancelled', 'rejected', 'expired']);

export function is_open_order(order: Order): boolean {
  return !kFinalStatuses.has(order.status.toLowerCase());
}

// A stop shows its trigger; a market order has no price of its own.
function price_text(order: Order): string {
  if (order.price) return decimal(order.price);
  if (order.trigger_price) return `trigger ${decimal(order.trigger_price)}`;
  return 'market';
}

function filled_text(order: Order): string {
  const filled = decimal(order.filled_quantity ?? '0');
  return order.average_price ? `${filled} @ ${decimal(order.average_price)}` : filled;
}

export function render_positions(context: PageContext): void {
  const { api, stream, root, me } = context;
  const load_state = new LoadState();
  const positions_box = h('div', { 'data-testid': 'positions' });
  const orders_box = h('div', { 'data-testid': 'orders' });
  let show_all = false;
  // Requests sent but not yet seen in the data, so a refresh does not bring back the buttons.
  const closing = new Set<string>();
  const canceling = new Set<string>();

  const scope = h('select', { class: 'select small', 'data-testid': 'orders-scope', 'aria-label': 'Which orders' },
    h('option', { value: 'open' }, 'Open'),
    h('option', { value: 'all' }, 'All'),
  );
  scope.addEventListener('change', () => {
    show_all = scope.value === 'all';
    refresher.refresh();
  });

  replace(root,
    page_title('Positions & orders'),
    load_state.element,
    card('Positions', positions_box, { testid: 'positions-card' }),
    card('Orders', orders_box, { actions: scope, testid: 'orders-card' }),
  );

  const position_columns: Column<Position>[] = [
    { title: 'Symbol', cell: (p) => h('strong', null, p.symbol) },
    { title: 'Side', cell: (p) => badge(p.side, status_kind(p.side)) },
    { title: 'Quantity', cell: (p) => decimal(p.quantity), numeric: true },
    { title: 'Entry', cell: (p) => decimal(p.average_entry), numeric: true },
    { title: 'Mark', cell: (p) => decimal(p.mark), numeric: true },
    { title: 'Unrealized', cell: (p) => h('span', { class: sign_class(p.unrealized_pnl) }, signed_money(p.unrealized_pnl)), numeric: true },
    { title: 'Realized', cell: (p) => h('span', { class: sign_class(p.realized_pnl) }, signed_money(p.realized_pnl)), numeric: true },
    { title: 'Fees', cell: (p) => decimal(p.fees), numeric: true },
    {
      title: '',
      actions: true,
      cell: (p) =>
        closing.has(p.symbol)
          ? pending_text('closing')
          : action_button({
              label: 'Close', confirm_label: 'Confirm close', busy_label: 'Closing…', class: 'danger',
              me, needed: 'trader', doing: `Close ${p.symbol}`,
              attrs: { 'data-testid': 'position-close', 'data-symbol': p.symbol },
              run: async () => {
                const command = await api.close_position(p.symbol);
                closing.add(p.symbol);
                refresher.refresh();
                try {
                  await follow_command(api, command, `Close ${p.symbol}`);
                } finally {
                  closing.delete(p.symbol);
                  refresher.refresh();
                }
              },
            }),
    },
  ];

  const order_columns: Column<Order>[] = [
    { title: 'Symbol', cell: (o) => h('strong', null, o.symbol) },
    { title: 'Side', cell: (o) => badge(o.side, status_kind(o.side)) },
    { title: 'Type', cell: (o) => [o.type, o.reduce_only ? h('span', { class: 'muted small' }, ' reduce-only') : null] },
    { title: 'Status', cell: (o) => badge(o.status, status_kind(o.status), { 'data-testid': 'order-status' }) },
    { title: 'Quantity', cell: (o) => decimal(o.quantity), numeric: true },
    { title: 'Price', cell: (o) => price_text(o), numeric: true },
    { title: 'Filled', cell: (o) => filled_text(o), numeric: true },
    { title: 'Created', cell: (o) => h('span', { title: utc(o.created_at) }, time(o.created_at)) },
    { title: 'Reason', cell: (o) => h('span', { class: 'muted small' }, o.reason ?? '') },
    { title: 'Id', cell: (o) => h('code', { class: 'small' }, o.client_order_id) },
    {
      title: '',
      actions: true,
      cell: (o) => {
        if (!is_open_order(o)) return null;
        if (canceling.has(o.client_order_id)) return pending_text('canceling');
        return action_button({
          label: 'Cancel', busy_label: 'Canceling…', me, needed: 'trader', doing: `Cancel order ${o.client_order_id}`,
          attrs: { 'data-testid': 'order-cancel', 'data-order-id': o.client_order_id },
          run: async () => {
            const command = await api.cancel_order(o.client_order_id);
            canceling.add(o.client_order_id);
            refresher.refresh();
            try {
              await follow_command(api, command, `Cancel order ${o.client_order_id}`);
            } finally {
              canceling.delete(o.client_order_id);
              refresher.refresh();
            }
          },
        });
      },
    },
  ];

  const refresher = new Refresher(async () => {
    const [positions, orders] = await Promise.allSettled([api.positions(), api.orders(show_all ? 'all' : 'open')]);
    if (!context.active()) return;
    if (positions.status === 'fulfilled') {
      replace(positions_box, table(position_columns, positions.value, {
        empty: 'No open positions.',
        testid: 'positions-table',
        row_attrs: (p) => ({ 'data-testid': 'position-row', 'data-symbol': p.symbol }),
      }));
    }
    if (orders.status === 'fulfilled') {
      replace(orders_box, table(order_columns, orders.value, {
        empty: show_all ? 'No orders yet.' : 'No open orders.',
        testid: 'orders-table',
        row_attrs: (o) => ({ 'data-testid': 'order-row', 'data-order-id': o.client_order_id, 'data-status': o.status }),
      }));
      orders_box.dataset['loaded'] = 'true';
    }
    const failed = [positions, orders].find((r) => r.status === 'rejected');
    if (failed?.status === 'rejected') load_state.failed('positions and orders', failed.reason);
    else load_state.ok();
  });
  refresher.refresh();

  context.on_leave(stream.on(['order', 'fill', 'position'], () => refresher.refresh()));
  context.on_leave(stream.on_resync(() => refresher.refresh()));
  context.on_leave(() => refresher.dispose());
}
