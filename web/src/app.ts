// Wires the dashboard together: the key, the API client, the live stream, the routes, and the
// switch between the login page and the logged-in shell.
import { ApiError } from './api/errors';
import { Api } from './api/endpoints';
import { Http } from './api/http';
import { Stream } from './api/stream';
import type { Me } from './api/types';
import { render_backtest_report } from './pages/backtest_report';
import { render_backtests } from './pages/backtests';
import { render_channels } from './pages/channels';
import { render_labeling } from './pages/labeling';
import { render_login } from './pages/login';
import { render_overview } from './pages/overview';
import type { Page } from './pages/page';
import { render_positions } from './pages/positions';
import { render_risk } from './pages/risk';
import { render_signals } from './pages/signals';
import { render_trades } from './pages/trades';
import { current_path, go, match_route } from './router';
import { forget_key, store_key, stored_key } from './session';
import { h, replace } from './ui/dom';
import { build_shell, type NavItem, type Shell } from './ui/shell';
import { loading } from './ui/card';

interface Route {
  pattern: string;
  page: Page;
  // The navigation entry lit while this route shows.
  nav: string;
}

const kNav: readonly NavItem[] = [
  { name: 'overview', title: 'Overview' },
  { name: 'positions', title: 'Positions' },
  { name: 'trades', title: 'Trades' },
  { name: 'signals', title: 'Signals' },
  { name: 'channels', title: 'Channels' },
  { name: 'risk', title: 'Risk' },
  { name: 'backtests', title: 'Backtests' },
  { name: 'labeling', title: 'Labeling' },
];

const kRoutes: readonly Route[] = [
  { pattern: 'overview', page: render_overview, nav: 'overview' },
  { pattern: 'positions', page: render_positions, nav: 'positions' },
  { pattern: 'trades', page: render_trades, nav: 'trades' },
  { pattern: 'signals', page: render_signals, nav: 'signals' },
  { pattern: 'channels', page: render_channels, nav: 'channels' },
  { pattern: 'risk', page: render_risk, nav: 'risk' },
  { pattern: 'backtests', page: render_backtests, nav: 'backtests' },
  { pattern: 'backtests/:id', page: render_backtest_report, nav: 'backtests' },
  { pattern: 'labeling', page: render_labeling, nav: 'labeling' },
];

export class App {
  private key: string | null = stored_key();
  private me: Me | null = null;
  private shell: Shell | null = null;
  private unwatch_stream_state: (() => void) | null = null;
  private leave_page: (() => void) | null = null;
  private login_message: string | null = null;
  private readonly http = new Http({ key: () => this.key, on_unauthorized: () => this.unauthorized() });
  private readonly api = new Api(this.http);
  private readonly stream = new Stream({ key: () => this.key, on_unauthorized: () => this.unauthorized() });

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    window.addEventListener('hashchange', () => this.render());
    if (this.key) {
      replace(this.root, h('div', { class: 'login-screen' }, loading('Checking your key…')));
      try {
        this.me = await this.api.me();
      } catch (error) {
        // A 401 already cleared the key; anything else (server down) keeps it for a retry.
        if (!(error instanceof ApiError && error.status === 401)) {
          this.login_message = `Could not check your key: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
    }
    if (this.me) this.stream.start();
    this.render();
  }

  private render(): void {
    const path = current_path();
    if (!this.me) {
      if (path !== 'login') {
        go('login');
        return;
      }
      this.show_login();
      return;
    }
    const found = match_route(kRoutes, path);
    if (!found) {
      go('overview');
      return;
    }
    this.show_page(found.route, found.params);
  }

  private show_login(): void {
    this.leave();
    this.drop_shell();
    render_login(this.root, {
      api: this.api,
      message: this.login_message,
      prefill: this.key,
      on_success: (key, me) => {
        this.key = key;
        this.me = me;
        this.login_message = null;
        store_key(key);
        this.stream.start();
        go('overview');
      },
    });
  }

  private show_page(route: Route, params: Record<string, string>): void {
    const me = this.me;
    if (!me) return;
    this.leave();
    if (!this.shell) {
      const shell = build_shell(kNav, me, () => this.logout());
      this.unwatch_stream_state = this.stream.on_state((state) => shell.set_stream_state(state));
      replace(this.root, shell.element);
      this.shell = shell;
    }
    this.shell.set_active(route.nav);

    const cleanups: Array<() => void> = [];
    let active = true;
    const page_root = h('div', { class: 'page', 'data-testid': `page-${route.nav}`, 'data-route': route.pattern });
    replace(this.shell.content, page_root);
    this.leave_page = () => {
      active = false;
      cleanups.splice(0).forEach((cleanup) => cleanup());
    };
    route.page({
      api: this.api,
      stream: this.stream,
      me,
      root: page_root,
      params,
      on_leave: (cleanup) => cleanups.push(cleanup),
      active: () => active,
    });
    window.scrollTo(0, 0);
  }

  private leave(): void {
    this.leave_page?.();
    this.leave_page = null;
  }

  private drop_shell(): void {
    this.unwatch_stream_state?.();
    this.unwatch_stream_state = null;
    this.shell = null;
  }

  private logout(): void {
    this.end_session(null);
  }

  // The server refused the key (HTTP 401 or WebSocket 4401): back to the login page.
  private unauthorized(): void {
    if (!this.me && !this.key) return;
    this.end_session('Your API key was not accepted (it may have been revoked). Log in again.');
  }

  private end_session(message: string | null): void {
    this.stream.stop();
    forget_key();
    this.key = null;
    this.me = null;
    this.login_message = message;
    this.leave();
    this.drop_shell();
    go('login');
  }
}
