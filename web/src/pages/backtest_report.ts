// One backtest's report: its metrics, the candles with its trades marked, and the equity curve.
// A run still going is asked for again until it has a report.
import type { IChartApi } from 'lightweight-charts';
import type { BacktestDetail, ReportTrade } from '../api/types';
import { EquityChart } from '../charts/equity_chart';
import { draw_price_chart } from '../charts/price_chart';
import { badge, status_kind } from '../ui/badge';
import { card, loading, page_title } from '../ui/card';
import { h, replace } from '../ui/dom';
import { decimal, time, utc } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { metric_tiles } from '../ui/metrics';
import { table, type Column } from '../ui/table';
import { is_running } from './backtest_status';
import type { PageContext } from './page';

const kPollMs = 3_000;
// More rows than this make a long page on a phone; the chart shows them all.
const kTradeRows = 200;

const kTradeColumns: Column<ReportTrade>[] = [
  { title: 'Time', cell: (t) => h('span', { title: utc(t.ts) }, time(t.ts)) },
  { title: 'Symbol', cell: (t) => t.symbol },
  { title: 'Side', cell: (t) => badge(t.side, status_kind(t.side)) },
  { title: 'Price', cell: (t) => decimal(t.price), numeric: true },
];

export function render_backtest_report(context: PageContext): void {
  const { api, root, params } = context;
  const id = params['id'] ?? '';
  const load_state = new LoadState();
  const head_status = h('span');
  const body = h('div', { 'data-testid': 'backtest-report' }, loading());
  replace(root,
    page_title(`Backtest #${id}`, h('a', { class: 'button small ghost', href: '#/backtests' }, '← All backtests')),
    h('p', { class: 'session-line' }, head_status),
    load_state.element,
    body,
  );

  const charts: Array<{ dispose(): void }> = [];
  const drop_charts = (): void => charts.splice(0).forEach((chart) => chart.dispose());
  let timer: number | undefined;
  context.on_leave(() => {
    window.clearTimeout(timer);
    drop_charts();
  });

  const show = (backtest: BacktestDetail): void => {
    replace(head_status,
      badge(backtest.status, status_kind(backtest.status)), ' ', backtest.name ?? '',
      backtest.started_at ? ` · started ${time(backtest.started_at)}` : '',
      backtest.finished_at ? ` · finished ${time(backtest.finished_at)}` : '');
    const report = backtest.report;
    drop_charts();
    if (!report) {
      replace(body, h('p', { class: 'muted' }, is_running(backtest) ? 'Still running; this page updates when the run finishes.' : 'This run has no report.'));
      return;
    }
    const price_box = h('div', { class: 'chart-box tall', 'data-testid': 'backtest-price-chart' });
    const equity_box = h('div', { class: 'chart-box', 'data-testid': 'backtest-equity-chart' });
    const trades = report.trades ?? [];
    replace(body,
      card('Metrics', metric_tiles(report.metrics ?? {})),
      card('Price and trades', price_box),
      card('Equity', equity_box),
      card(`Trades (${trades.length})`, table(kTradeColumns, trades.slice(0, kTradeRows), { empty: 'No trades.', testid: 'backtest-trades' })),
    );
    const price_chart: IChartApi = draw_price_chart(price_box, report.candles ?? [], trades);
    charts.push({ dispose: () => price_chart.remove() });
    const equity_chart = new EquityChart(equity_box);
    equity_chart.set_points(report.equity ?? []);
    charts.push(equity_chart);
  };

  const load = async (): Promise<void> => {
    try {
      const backtest = await api.backtest(id);
      if (!context.active()) return;
      load_state.ok();
      show(backtest);
      if (!backtest.report && is_running(backtest)) timer = window.setTimeout(() => void load(), kPollMs);
    } catch (error) {
      if (context.active()) {
        load_state.failed(`backtest #${id}`, error);
        replace(body);
      }
    }
  };
  void load();
}
