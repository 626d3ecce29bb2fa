// One typed function per endpoint of docs/api.md, so pages never build URLs by hand.
import type { Http } from './http';
import type {
  Backtest,
  BacktestDetail,
  Channel,
  Command,
  EquityPoint,
  Label,
  LabelMessage,
  Me,
  Order,
  Portfolio,
  Position,
  Risk,
  RiskPolicy,
  Signal,
  Status,
  Trade,
} from './types';

export interface SignalQuery {
  channel?: string;
  label?: string;
  limit?: number;
  before_id?: number;
}

// Builds `?a=1&b=2` from the fields that are set; empty strings mean "no filter".
function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const segment = encodeURIComponent;

export class Api {
  constructor(private readonly http: Http) {}

  // The login page checks a key before it is saved, hence the explicit key.
  me(key?: string): Promise<Me> {
    return this.http.request<Me>('GET', '/api/v1/me', undefined, key);
  }

  status(): Promise<Status> {
    return this.http.request('GET', '/api/v1/status');
  }

  portfolio(): Promise<Portfolio> {
    return this.http.request('GET', '/api/v1/portfolio');
  }

  async equity(limit = 2000): Promise<EquityPoint[]> {
    const answer = await this.http.request<{ points: EquityPoint[] }>(
      'GET',
      `/api/v1/portfolio/equity${query({ limit })}`,
    );
    return answer.points;
  }

  async positions(): Promise<Position[]> {
    return (await this.http.request<{ positions: Position[] }>('GET', '/api/v1/positions')).positions;
  }

  async close_position(symbol: string): Promise<Command> {
    const body = { symbol };
    return (await this.http.request<{ command: Command }>('POST', '/api/v1/positions/close', body)).command;
  }

  async orders(status: 'open' | 'all', limit = 200): Promise<Order[]> {
    const path = `/api/v1/orders${query({ status, limit })}`;
    return (await this.http.request<{ orders: Order[] }>('GET', path)).orders;
  }

  async cancel_order(client_order_id: string): Promise<Command> {
    const path = `/api/v1/orders/${segment(client_order_id)}`;
    return (await this.http.request<{ command: Command }>('DELETE', path)).command;
  }

  async trades(limit = 200): Promise<Trade[]> {
    return (await this.http.request<{ trades: Trade[] }>('GET', `/api/v1/trades${query({ limit })}`)).trades;
  }

  async signals(filter: SignalQuery): Promise<Signal[]> {
    const path = `/api/v1/signals${query({ ...filter })}`;
    return (await this.http.request<{ signals: Signal[] }>('GET', path)).signals;
  }

  async channels(): Promise<Channel[]> {
    return (await this.http.request<{ channels: Channel[] }>('GET', '/api/v1/channels')).channels;
  }

  risk(): Promise<Risk> {
    return this.http.request('GET', '/api/v1/risk');
  }

  risk_policy(): Promise<RiskPolicy> {
    return this.http.request('GET', '/api/v1/risk/policy');
  }

  async set_policy(policy: string): Promise<Command> {
    const body = { policy };
    return (await this.http.request<{ command: Command }>('PUT', '/api/v1/risk/policy', body)).command;
  }

  async resume_breaker(): Promise<Command> {
    return (await this.http.request<{ command: Command }>('POST', '/api/v1/risk/breaker/resume')).command;
  }

  async command(id: Command['id']): Promise<Command> {
    const path = `/api/v1/commands/${segment(String(id))}`;
    return (await this.http.request<{ command: Command }>('GET', path)).command;
  }

  async backtests(): Promise<Backtest[]> {
    return (await this.http.request<{ backtests: Backtest[] }>('GET', '/api/v1/backtests')).backtests;
  }

  async backtest(id: string): Promise<BacktestDetail> {
    const path = `/api/v1/backtests/${segment(id)}`;
    return (await this.http.request<{ backtest: BacktestDetail }>('GET', path)).backtest;
  }

  async run_backtest(config: string): Promise<{ id: Backtest['id']; status: string }> {
    const body = { config };
    type Answer = { backtest: { id: Backtest['id']; status: string } };
    return (await this.http.request<Answer>('POST', '/api/v1/backtests', body)).backtest;
  }

  async unlabeled(channel: string, limit = 50): Promise<LabelMessage[]> {
    const path = `/api/v1/labels${query({ unlabeled: true, channel, limit })}`;
    return (await this.http.request<{ messages: LabelMessage[] }>('GET', path)).messages;
  }

  set_label(message_id: number, label: Label): Promise<{ message_id: number; label: Label }> {
    return this.http.request('PUT', `/api/v1/labels/${segment(String(message_id))}`, { label });
  }
}
