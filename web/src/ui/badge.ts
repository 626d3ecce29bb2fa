// Small coloured labels: signal labels, decisions, order statuses, breaker states.
import { h } from './dom';

export function badge(text: string, kind: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('span', { class: `badge badge-${kind}`, ...attrs }, text);
}

// Colours by meaning, not by the exact word, so 'filled' and 'accepted' read alike.
export function status_kind(status: string | null | undefined): string {
  switch ((status ?? '').toLowerCase()) {
    case 'accepted':
    case 'filled':
    case 'applied':
    case 'finished':
    case 'done':
    case 'completed':
    case 'long':
    case 'buy':
      return 'good';
    case 'rejected':
    case 'failed':
    case 'error':
    case 'short':
    case 'sell':
      return 'bad';
    case 'queued':
    case 'pending':
    case 'running':
    case 'partially_filled':
    case 'update':
      return 'warn';
    case 'open':
    case 'new':
    case 'active':
      return 'info';
    default:
      return 'muted';
  }
}

// The breaker is good when closed (trading allowed), bad when open (entries stopped).
export function breaker_kind(state: string): string {
  if (state === 'closed') return 'good';
  if (state === 'open') return 'bad';
  return 'warn';
}
