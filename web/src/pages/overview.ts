// Overview: the equity curve, PnL, exposure, the circuit breaker and the session. Equity events
// extend the curve in place; fills, positions and risk events reload the figures.
import type { EquityPoint, Portfolio, Risk, Status } from '../api/types';
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

// An equity event carries a point, or a portfolio snapshot with the same two fields.
function read_point(data: unknown): EquityPoint | null {
  if (!data || typeof data !== 'object') return null;
  const fields = data as Record<string, unknown>;
  const ts = fields['ts'];
  const equity = fields['equity'];
  if (typeof ts !== 'number' || (typeof equity !== 'string' && typeof equity !== 'number')) return null;
  return { ts, equity: String(equity) };
}

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

  const figures = new Refresher(async () => {
    const [portfolio, status, risk] = await Promise.allSettled([api.portfolio(), api.status(), api.risk()]);
    if (!context.active()) return;
    const failure = [portfolio, status, risk].find((r) => r.status === 'rejected');
    if (failure?.status === 'rejected') load_state.failed('the overview', failure.reason);
    else load_state.ok();

    const p = portfolio.status === 'fulfilled' ? portfolio.value : null;
    if (p?.starting_equity != null) chart.set_base(Number(p.starting_equity));
    render_session(session_line, status.status === 'fulfilled' ? status.value : null);
    replace(stats, ...stat_tiles(p, status.status === 'fulfilled' ? status.value : null, risk.status === 'fulfilled' ? risk.value : null));
  });

  const curve = new Refresher(async () => {
    try {
      const points = await api.equity();
      if (!context.active()) return;
      chart.set_points(points);
      const last = points[points.length - 1];
      updated.textContent = last ? `last point ${time(last.ts)}` : '';
    } catch (error) {
      if (context.active()) load_state.failed('the equity curve', error);
    }
  });

  figures.refresh();
  curve.refresh();

  context.on_leave(stream.on(['fill', 'position', 'risk', 'order'], () => figures.refresh()));
  context.on_leave(stream.on('equity', (event) => {
    const point = read_point(event.data);
    if (point && chart.add_point(point)) updated.textContent = `last point ${time(point.ts)}`;
    else curve.refresh();
    figures.refresh();
  }));
  context.on_leave(stream.on_resync(() => {
    figures.refresh();
    curve.refresh();
  }));
  const timer = window.setInterval(() => figures.refresh(), kPollMs);
  context.on_leave(() => {
    window.clearInterval(timer);
    figures.dispose();
    curve.dispose();
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
