// Reads signal and decision events of the stream. docs/api.md fixes the envelope but not every
// payload, so these accept a Signal itself or wrapped in {"signal": ...}, and a decision given
// with the signal's id in any of the obvious fields. Whatever cannot be read makes the page
// reload from the REST API instead, which is always right.
import type { Decision, Signal } from '../api/types';

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : null;
}

function as_list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function read_decision(value: unknown): Decision | null {
  const data = fields(value);
  if (!data || typeof data['kind'] !== 'string') return null;
  return { kind: data['kind'] as Decision['kind'], reasons: as_list(data['reasons']) };
}

// A Signal with every list present, whatever the server left out.
export function normalize_signal(value: unknown): Signal | null {
  const outer = fields(value);
  const data = fields(outer?.['signal']) ?? outer;
  if (!data || typeof data['id'] !== 'number' || typeof data['ts'] !== 'number') return null;
  const signal = data as unknown as Signal;
  return {
    ...signal,
    entries: as_list(data['entries']),
    targets: as_list(data['targets']),
    decision: read_decision(data['decision']),
  };
}

export interface DecisionUpdate {
  signal_id: number;
  decision: Decision;
}

export function read_decision_event(value: unknown): DecisionUpdate | null {
  const data = fields(value);
  if (!data) return null;
  const nested_signal = fields(data['signal']);
  const id = data['signal_id'] ?? nested_signal?.['id'] ?? data['signal'] ?? data['id'];
  const decision = read_decision(data['decision']) ?? read_decision(data);
  if (typeof id !== 'number' || !decision) return null;
  return { signal_id: id, decision };
}
