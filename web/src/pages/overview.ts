// Overview: the equity curve, PnL, exposure, the circuit breaker and the session, refreshed
// when fills, positions or equity change.
import type { Portfolio, Risk, Status } from '../api/types';
import { EquityChart } from '../charts/equity_chart';
import { badge, breaker_kind, status_kind } from '../ui/badge';
import { card, page_title, stat } from '../ui/card';
import { h, replace } from '../ui/dom';
import { age, money, percent, sign_class, signed_money, time, utc } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { Refresher } from '../ui/refresher';
import type { PageContext } from './page';

// The session's status changes without an event (a backtest step, an idle engine).
const kPollMs = 30_000;

export function render_overview(context: PageContext): void {
  const { api, stream, root } = context;
  const load_state = new LoadState();
  const session_line = h('p', { class: 'muted session-line', 'data-testid': 'session-line' });
  const stats = h('div', { class: 'stats', 'data-testid': 'overview-stats' });
  const chart_box = h('div', { class: 'chart-box', 'data-testid': 'equity-chart' });
  const updated = h('span', { class: 'muted small', 'data-testid': 'equity-updated' });

  replace(root,
    page_title('Overview'),
    session_line,
    load_state.element,
    stats,
    card('Equity', chart_box, { actions: updated, testid: 'equity-card' }),
  );
  const chart = new EquityChart(chart_box);
  context.on_leave(() => chart.dispose());

  const refresher = new Refresher(async () => {
    const [portfolio, status, risk, equity] = await Promise.allSettled([
      api.portfolio(),
      api.status(),
      api.risk(),
      api.equity(),
    ]);
    if (!context.active()) return;
    const failure = [portfolio, status, risk, equity].find((r) => r.status === 'rejected');
    if (failure?.status === 'rejected') load_state.failed('the overview', failure.reason);
    else load_state.ok();

    const p = portfolio.status === 'fulfilled' ? portfolio.value : null;
    const s = status.status === 'fulfilled' ? status.value : null;
    const r = risk.status === 'fulfilled' ? risk.value : null;
    render_session(session_line, s);
    replace(stats, ...stat_tiles(p, s, r));
    if (equity.status === 'fulfilled') {
      const base = p?.starting_equity != null ? Number(p.starting_equity) : undefined;
      chart.set_points(equity.value, base);
      const last = equity.value[equity.value.length - 1];
      updated.textContent = last ? `last point ${time(last.ts)}` : '';
    }
  });
  refresher.refresh();

  context.on_leave(stream.on(['fill', 'position', 'equity', 'risk', 'order'], () => refresher.refresh()));
  context.on_leave(stream.on_resync(() => refresher.refresh()));
  const timer = window.setInterval(() => refresher.refresh(), kPollMs);
  context.on_leave(() => {
    window.clearInterval(timer);
    refresher.dispose();
  });
}

function render_session(line: HTMLElement, status: Status | null): void {
  if (!status) {
    replace(line);
    return;
  }
  const session = status.session;
  replace(line,
    badge(status.mode, status.mode === 'idle' ? 'muted' : 'info', { 'data-testid': 'mode' }),
    ' ',
    session ? `session ${session.name}` : 'no session',
    ' · ',
    `sigtrader ${status.version}`,
    ' · ',
    h('span', { title: utc(status.started_at) }, `up since ${time(status.started_at)}`),
  );
}

function stat_tiles(p: Portfolio | null, s: Status | null, r: Risk | null): HTMLElement[] {
  const currency = p?.currency ?? '';
  const breaker = r?.breaker.state ?? null;
  const session = s?.session ?? null;
  return [
    stat(`Equity ${currency}`, money(p?.equity), { testid: 'equity-value', class: 'big' }),
    stat('PnL today', signed_money(p?.pnl_today), { testid: 'pnl-today', class: sign_class(p?.pnl_today) }),
    stat('PnL total', signed_money(p?.pnl_total), { testid: 'pnl-total', class: sign_class(p?.pnl_total) }),
    stat('Unrealized', signed_money(p?.unrealized_pnl), { testid: 'unrealized-pnl', class: sign_class(p?.unrealized_pnl) }),
    stat('Exposure', h('span', null, money(p?.exposure), ' ', h('span', { class: 'muted small' }, percent(p?.exposure_pct))), { testid: 'exposure' }),
    stat('Circuit breaker',
      breaker ? badge(breaker, breaker_kind(breaker)) : '—',
      { testid: 'breaker-state', title: r?.breaker.reason ?? '' }),
    stat('Session',
      session ? h('span', null, badge(session.status, status_kind(session.status)), ' ', h('span', { class: 'muted small' }, `${session.steps} steps`)) : 'none',
      { testid: 'session-status', title: session?.instant ? `at ${utc(session.instant)} (${age(session.instant)})` : '' }),
  ];
}
