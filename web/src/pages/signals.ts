// The signals timeline, newest first. New signals arrive over the stream and appear at the top
// without a reload; decisions update their row. Filters by channel and label go to the server
// and apply to live signals too.
import { kLabels, type Signal } from '../api/types';
import { card, page_title } from '../ui/card';
import { h, replace } from '../ui/dom';
import { LoadState } from '../ui/load_state';
import { notify_error } from '../ui/notice';
import { Refresher } from '../ui/refresher';
import { channel_filter } from './channel_filter';
import type { PageContext } from './page';
import { normalize_signal, read_decision_event } from './signal_events';
import { signal_row } from './signal_row';

const kPageSize = 100;
// Beyond this many rows the oldest are dropped; "Load older" brings them back on demand.
const kMaxRows = 1000;
const kFreshMs = 4_000;

function newest_first(a: Signal, b: Signal): number {
  return b.ts - a.ts || b.id - a.id;
}

export function render_signals(context: PageContext): void {
  const { api, stream, root } = context;
  const load_state = new LoadState();
  const signals = new Map<number, Signal>();
  const fresh = new Set<number>();
  let has_older = false;

  const channels = channel_filter(context, 'signals-channel');
  const channel_select = channels.select;
  const label_select = h('select', { class: 'select', 'data-testid': 'signals-label', 'aria-label': 'Label' },
    h('option', { value: '' }, 'All labels'),
    kLabels.map((label) => h('option', { value: label }, label)));
  const count = h('span', { class: 'muted small', 'data-testid': 'signals-count' });
  const list = h('ol', { class: 'timeline', 'data-testid': 'signals-list', 'data-loaded': 'false' });
  const older = h('button', { class: 'button ghost wide', type: 'button', 'data-testid': 'signals-older', hidden: true }, 'Load older');

  replace(root,
    page_title('Signals'),
    h('div', { class: 'filters' }, channel_select, label_select, count),
    load_state.element,
    card('Timeline', [list, older], { testid: 'signals-card' }),
  );

  const matches = (signal: Signal): boolean =>
    (!channel_select.value || String(signal.channel_id) === channel_select.value) &&
    (!label_select.value || signal.label === label_select.value);

  const draw = (): void => {
    if (list.dataset['loaded'] !== 'true') return; // The first load draws.
    const rows = [...signals.values()].sort(newest_first);
    replace(list, rows.length
      ? rows.map((signal) => signal_row(signal, channels.title_of(signal.channel_id), fresh.has(signal.id)))
      : h('li', { class: 'empty-row muted' }, 'No signals match these filters yet. New ones appear here live.'));
    count.textContent = `${rows.length} shown`;
    older.hidden = !has_older;
  };

  const add = (incoming: readonly Signal[]): void => {
    incoming.forEach((signal) => signals.set(signal.id, signal));
    if (signals.size > kMaxRows) {
      const keep = [...signals.values()].sort(newest_first).slice(0, kMaxRows);
      signals.clear();
      keep.forEach((signal) => signals.set(signal.id, signal));
      has_older = true;
    }
  };

  const filter = (): { channel: string; label: string } => ({ channel: channel_select.value, label: label_select.value });

  // Loads the newest page and merges it: rows already shown stay, so live rows are not lost.
  const newest = new Refresher(async () => {
    try {
      const page = await api.signals({ ...filter(), limit: kPageSize });
      if (!context.active()) return;
      const first_load = list.dataset['loaded'] !== 'true';
      add(page.map(normalize_signal).filter((s): s is Signal => s !== null));
      if (first_load) has_older = page.length >= kPageSize;
      list.dataset['loaded'] = 'true';
      load_state.ok();
      draw();
    } catch (error) {
      if (context.active()) load_state.failed('signals', error);
    }
  });

  const restart = (): void => {
    signals.clear();
    fresh.clear();
    has_older = false;
    list.dataset['loaded'] = 'false';
    replace(list);
    newest.refresh();
  };
  channel_select.addEventListener('change', restart);
  label_select.addEventListener('change', restart);

  older.addEventListener('click', () => {
    const oldest = Math.min(...signals.keys());
    older.disabled = true;
    api.signals({ ...filter(), limit: kPageSize, before_id: oldest })
      .then((page) => {
        if (!context.active()) return;
        page.map(normalize_signal).forEach((s) => s && signals.set(s.id, s));
        has_older = page.length >= kPageSize;
        draw();
      })
      .catch((error: unknown) => notify_error(error, 'Load older signals'))
      .finally(() => (older.disabled = false));
  });

  // A burst of live events (a post and its decision, several channels at once) costs one draw.
  let draw_pending = false;
  const draw_soon = (): void => {
    if (draw_pending) return;
    draw_pending = true;
    window.requestAnimationFrame(() => {
      draw_pending = false;
      if (context.active()) draw();
    });
  };

  const mark_fresh = (id: number): void => {
    fresh.add(id);
    window.setTimeout(() => fresh.delete(id), kFreshMs);
  };

  context.on_leave(stream.on('signal', (event) => {
    const signal = normalize_signal(event.data);
    if (!signal) {
      newest.refresh();
      return;
    }
    if (!matches(signal)) return;
    mark_fresh(signal.id);
    add([signal]);
    draw_soon();
  }));
  context.on_leave(stream.on('decision', (event) => {
    const update = read_decision_event(event.data);
    const known = update ? signals.get(update.signal_id) : undefined;
    if (!update || !known) {
      newest.refresh();
      return;
    }
    signals.set(known.id, { ...known, decision: update.decision });
    draw_soon();
  }));
  context.on_leave(stream.on_resync(() => newest.refresh()));
  context.on_leave(() => newest.dispose());

  // Channel names for the filter and the rows; the timeline loads meanwhile.
  channels.load(draw);
  newest.refresh();
}
