// A backtest whose status says it may still change (and so is worth asking about again).
import type { Backtest } from '../api/types';

export function is_running(backtest: Backtest): boolean {
  return ['running', 'pending', 'queued'].includes(backtest.status.toLowerCase());
}
