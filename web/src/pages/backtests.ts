// Backtests: the runs so far, and a form to start one from a backtest TOML (the same file
// `sigtrader backtest --config` reads). Running ones are polled until they finish.
import type { Backtest } from '../api/types';
import { action_button } from '../ui/action_button';
import { badge, status_kind } from '../ui/badge';
import { card, page_title } from '../ui/card';
import { h, replace } from '../ui/dom';
import { time, utc } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { kHeadlineMetrics, metric_text, metric_title } from '../ui/metrics';
import { notify_info } from '../ui/notice';
import { Refresher } from '../ui/refresher';
import { table, type Column } from '../ui/table';
import { is_running } from './backtest_status';
import type { PageContext } from './page';

const kPollMs = 3_000;
const kDraftStorage = 'sigtrader.backtest_draft';

const kPlaceholder = `[backtest]
starting_balance = 10000
fee_rate = 0.001

[[market]]
symbol = "BTC/USDT"
data = "BTCUSDT-1h.csv"

[strategy]
name = "ema_cross"

[strategy.params]
fast = 12
slow = 26`;

const kColumns: Column<Backtest>[] = [
  { title: 'Id', cell: (b) => h('a', { href: `#/backtests/${encodeURIComponent(String(b.id))}`, 'data-testid': 'backtest-link' }, `#${b.id}`) },
  { title: 'Name', cell: (b) => b.name ?? '' },
  { title: 'Status', cell: (b) => badge(b.status, status_kind(b.status)) },
  { title: 'Started', cell: (b) => h('span', { title: utc(b.started_at) }, time(b.started_at)) },
  ...kHeadlineMetrics.map((name): Column<Backtest> => ({
    title: metric_title(name),
    cell: (b) => metric_text(name, b.metrics?.[name]),
    numeric: true,
  })),
  { title: '', cell: (b) => h('a', { class: 'button small ghost', href: `#/backtests/${encodeURIComponent(String(b.id))}` }, 'Report') },
];

function saved_draft(): string {
  try {
    return localStorage.getItem(kDraftStorage) ?? '';
  } catch {
    return '';
  }
}

export function render_backtests(context: PageContext): void {
  const { api, root, me } = context;
  const load_state = new LoadState();
  const list_box = h('div', { 'data-testid': 'backtests' });
  const config = h('textarea', {
    class: 'code-input', rows: 14, spellcheck: 'false', placeholder: kPlaceholder,
    'aria-label': 'Backtest TOML', 'data-testid': 'backtest-config',
  });
  config.value = saved_draft();
  // The draft survives a reload: a long config is tedious to paste twice.
  config.addEventListener('input', () => {
    try {
      localStorage.setItem(kDraftStorage, config.value);
    } catch {
      // Not kept; fine.
    }
  });

  const run = action_button({
    label: 'Run backtest', busy_label: 'Starting…', class: 'primary', me, needed: 'trader', doing: 'Run the backtest',
    attrs: { 'data-testid': 'backtest-run' },
    run: async () => {
      if (!config.value.trim()) throw new Error('Paste a backtest configuration (TOML) first.');
      const started = await api.run_backtest(config.value);
      notify_info(`Backtest #${started.id} started.`);
      refresher.refresh();
    },
  });

  replace(root,
    page_title('Backtests'),
    load_state.element,
    card('Runs', list_box),
    card('Run a backtest', [
      h('p', { class: 'muted small' },
        'Paste a backtest configuration, as in ', h('code', null, 'sigtrader.backtest.example.toml'),
        '. Data paths are read on the server.'),
      config,
      h('div', { class: 'form-actions' }, run),
    ], { testid: 'backtest-form' }),
  );

  let timer: number | undefined;
  const refresher = new Refresher(async () => {
    try {
      const backtests = await api.backtests();
      if (!context.active()) return;
      replace(list_box, table(kColumns, backtests, {
        empty: 'No backtests yet.',
        testid: 'backtests-table',
        row_attrs: (b) => ({ 'data-testid': 'backtest-row', 'data-backtest-id': String(b.id), 'data-status': b.status }),
      }));
      load_state.ok();
      window.clearTimeout(timer);
      if (backtests.some(is_running)) timer = window.setTimeout(() => refresher.refresh(), kPollMs);
    } catch (error) {
      if (context.active()) load_state.failed('backtests', error);
    }
  });
  refresher.refresh();
  context.on_leave(() => {
    window.clearTimeout(timer);
    refresher.dispose();
  });
}
