// Shapes of the HTTP API v1 answers (docs/api.md). Money, prices and quantities are decimal
// strings and stay strings here: the dashboard shows them as the server wrote them and converts
// to numbers only to colour a sign or draw a chart. Times (`ts`) are milliseconds since the epoch.

export type Decimal = string;
export type TimestampMs = number;

export type Role = 'viewer' | 'trader' | 'admin';

export interface Me {
  user: string;
  role: Role;
}

export interface SessionInfo {
  id: number | string;
  name: string;
  status: string;
  instant: TimestampMs | null;
  steps: number;
}

export interface Status {
  version: string;
  mode: string;
  session: SessionInfo | null;
  started_at: TimestampMs;
}

export interface Portfolio {
  currency: string;
  equity: Decimal | null;
  balance: Decimal | null;
  unrealized_pnl: Decimal | null;
  pnl_today: Decimal | null;
  pnl_total: Decimal | null;
  starting_equity: Decimal | null;
  exposure: Decimal | null;
  exposure_pct: Decimal | null;
  ts: TimestampMs | null;
}

export interface EquityPoint {
  ts: TimestampMs;
  equity: Decimal;
}

export interface Position {
  symbol: string;
  side: 'long' | 'short';
  quantity: Decimal;
  average_entry: Decimal;
  mark: Decimal | null;
  unrealized_pnl: Decimal | null;
  realized_pnl: Decimal | null;
  fees: Decimal | null;
}

export interface Order {
  client_order_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  status: string;
  quantity: Decimal;
  price: Decimal | null;
  trigger_price: Decimal | null;
  filled_quantity: Decimal | null;
  average_price: Decimal | null;
  reduce_only: boolean;
  reason: string | null;
  created_at: TimestampMs;
  updated_at: TimestampMs;
}

export interface Trade {
  ts: TimestampMs;
  client_order_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: Decimal;
  quantity: Decimal;
  fee: Decimal | null;
  fee_asset: string | null;
}

export type Label = 'long' | 'short' | 'update' | 'none';
export const kLabels: readonly Label[] = ['long', 'short', 'update', 'none'];

export type DecisionKind = 'accepted' | 'rejected' | 'queued' | 'none' | 'ignored';

export interface Decision {
  kind: DecisionKind;
  reasons: string[];
}

export interface Signal {
  id: number;
  channel_id: number | string;
  message_id: number | string | null;
  ts: TimestampMs;
  label: Label | null;
  confidence: number | null;
  symbol: string | null;
  side: string | null;
  entries: Decimal[];
  targets: Decimal[];
  stop_loss: Decimal | null;
  leverage: number | string | null;
  update_kind: string | null;
  decision: Decision | null;
}

export interface Channel {
  id: number | string;
  title: string;
  source: string;
  messages: number;
  longs: number;
  shorts: number;
  updates: number;
  nones: number;
  wins: number;
  losses: number;
  win_rate: number | Decimal | null;
  avg_r: number | Decimal | null;
  expectancy: number | Decimal | null;
  trust: number | Decimal | null;
}

export type BreakerState = 'closed' | 'open' | 'cooldown';

export interface RiskEvent {
  ts: TimestampMs;
  kind: string;
  symbol: string | null;
  reason: string | null;
}

export interface Risk {
  policy: string;
  breaker: { state: BreakerState; reason: string | null; since: TimestampMs | null };
  limits: Record<string, unknown>;
  events: RiskEvent[];
}

export interface RiskPolicy {
  policy: string;
  available: string[];
}

export type CommandStatus = 'pending' | 'applied' | 'failed';

export interface Command {
  id: number | string;
  kind: string;
  status: CommandStatus;
  result?: unknown;
}

export type Metrics = Record<string, unknown>;

export interface Backtest {
  id: number | string;
  name: string | null;
  status: string;
  started_at: TimestampMs | null;
  finished_at: TimestampMs | null;
  metrics: Metrics | null;
}

export interface Candle {
  ts: TimestampMs;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
}

export interface ReportTrade {
  ts: TimestampMs;
  side: string;
  price: Decimal;
  symbol: string;
}

export interface BacktestReport {
  metrics: Metrics;
  equity: EquityPoint[];
  candles: Candle[];
  trades: ReportTrade[];
}

export interface BacktestDetail extends Backtest {
  report: BacktestReport | null;
}

export interface LabelMessage {
  id: number;
  channel_id: number | string;
  ts: TimestampMs;
  text: string;
  suggestion: { label: Label; confidence: number } | null;
  label: Label | null;
}

export type StreamTopic = 'signal' | 'decision' | 'order' | 'fill' | 'position' | 'risk' | 'equity';
export const kStreamTopics: readonly StreamTopic[] = [
  'signal',
  'decision',
  'order',
  'fill',
  'position',
  'risk',
  'equity',
];

export interface StreamEvent {
  type: 'event';
  topic: StreamTopic;
  ts: TimestampMs;
  data: unknown;
}
