// Performance metrics as the analytics module writes them (analytics/metrics_json.cpp): fractions
// are plain (0.21 is 21 %), durations are in seconds, undefined values are null.
import { h } from './dom';
import { stat } from './card';

const kFractions = new Set([
  'total_return', 'cagr', 'annualized_volatility', 'max_drawdown', 'win_rate', 'exposure_time',
  'kelly_fraction', 'value_at_risk_95', 'conditional_value_at_risk_95',
]);
const kCounts = new Set(['trade_count', 'winning_trades', 'losing_trades', 'max_consecutive_wins', 'max_consecutive_losses']);

// The few that say most about a run, shown in lists and first in reports.
export const kHeadlineMetrics = ['total_return', 'max_drawdown', 'sharpe', 'win_rate', 'trade_count'] as const;

const kTitles: Record<string, string> = {
  cagr: 'CAGR',
  sqn: 'SQN',
  value_at_risk_95: 'VaR 95%',
  conditional_value_at_risk_95: 'CVaR 95%',
};

export function metric_title(name: string): string {
  const known = kTitles[name];
  if (known) return known;
  const words = name.replace(/_seconds$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export function metric_text(name: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? metric_text(name, parsed) : value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '-∞' : '—';
    if (kFractions.has(name)) return `${(value * 100).toFixed(2)}%`;
    if (kCounts.has(name)) return String(Math.round(value));
    if (name.endsWith('_seconds')) return duration(value);
    return Math.abs(value) >= 1000 ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value.toFixed(2);
  }
  if (typeof value === 'object') {
    // best_day / worst_day: {"date","return"}.
    const day = value as { date?: unknown; return?: unknown };
    if (typeof day.date === 'string') return `${day.date} (${metric_text('total_return', day.return)})`;
    return JSON.stringify(value);
  }
  return String(value);
}

// Green or red only where a sign means good or bad.
function tone(name: string, value: unknown): string {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(number) || number === 0) return '';
  if (['total_return', 'net_profit', 'cagr', 'expectancy', 'sharpe', 'sortino'].includes(name)) return number > 0 ? 'pos' : 'neg';
  if (name === 'max_drawdown') return 'neg';
  return '';
}

export function metric_tiles(metrics: Record<string, unknown>): HTMLElement {
  const headline: string[] = kHeadlineMetrics.filter((name) => name in metrics);
  const names = [...headline, ...Object.keys(metrics).filter((name) => !headline.includes(name))];
  return h('div', { class: 'stats metrics', 'data-testid': 'metrics' },
    names.map((name) => stat(metric_title(name), metric_text(name, metrics[name]), { class: tone(name, metrics[name]) })));
}
