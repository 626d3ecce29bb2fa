// One signal in the timeline: when and where it came from, what the model read, and what the
// risk engine decided with its reasons.
import type { Signal } from '../api/types';
import { badge, status_kind } from '../ui/badge';
import { h } from '../ui/dom';
import { decimal, time, utc } from '../ui/format';

function label_kind(label: string | null): string {
  switch (label) {
    case 'long':
      return 'good';
    case 'short':
      return 'bad';
    case 'update':
      return 'warn';
    default:
      return 'muted';
  }
}

function levels(name: string, values: readonly string[]): HTMLElement | null {
  if (!values.length) return null;
  return h('span', { class: 'level' }, h('span', { class: 'muted' }, `${name} `), values.map(decimal).join(' · '));
}

function one_level(name: string, value: string | number | null): HTMLElement | null {
  if (value === null || value === undefined || value === '') return null;
  return h('span', { class: 'level' }, h('span', { class: 'muted' }, `${name} `), decimal(value));
}

export function signal_row(signal: Signal, channel_title: string, fresh: boolean): HTMLElement {
  const decision = signal.decision;
  const kind = decision?.kind ?? 'none';
  const confidence = signal.confidence !== null && signal.confidence !== undefined ? ` ${Math.round(signal.confidence * 100)}%` : '';
  return h('li', {
    class: `signal ${fresh ? 'fresh' : ''}`,
    'data-testid': 'signal-row',
    'data-signal-id': signal.id,
    'data-decision': kind,
  },
    h('div', { class: 'signal-head' },
      h('time', { class: 'muted small', datetime: utc(signal.ts), title: utc(signal.ts) }, time(signal.ts)),
      h('span', { class: 'channel-name' }, channel_title),
      badge(`${signal.label ?? 'unlabeled'}${confidence}`, label_kind(signal.label), { 'data-testid': 'signal-label' }),
      h('span', { class: 'signal-decision' },
        badge(kind === 'none' ? 'no decision' : kind, status_kind(kind), { 'data-testid': 'signal-decision', 'data-kind': kind })),
    ),
    h('div', { class: 'signal-body' },
      h('strong', { class: 'symbol' }, signal.symbol ?? '—'),
      signal.side ? badge(signal.side, label_kind(signal.side)) : null,
      signal.update_kind ? badge(signal.update_kind, 'warn') : null,
      levels('entry', signal.entries),
      levels('targets', signal.targets),
      one_level('stop', signal.stop_loss),
      one_level('leverage', signal.leverage),
    ),
    decision?.reasons.length
      ? h('ul', { class: `reasons reasons-${kind}`, 'data-testid': 'signal-reasons' }, decision.reasons.map((reason) => h('li', null, reason)))
      : null,
  );
}
