// Labeling: messages nobody has labeled yet, with the model's guess. One tap (or the keys
// L, S, U, N for the top message) stores long, short, update or none; labeled messages leave
// the list and more are fetched when it runs low.
import { kLabels, type Label, type LabelMessage } from '../api/types';
import { can, needs_text } from '../session';
import { badge } from '../ui/badge';
import { card, page_title } from '../ui/card';
import { h, replace } from '../ui/dom';
import { time, utc } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { notify_error } from '../ui/notice';
import { channel_filter } from './channel_filter';
import type { PageContext } from './page';

const kBatch = 30;
const kRefillBelow = 5;
const kKeys: Record<string, Label> = { l: 'long', s: 'short', u: 'update', n: 'none' };

export function render_labeling(context: PageContext): void {
  const { api, root, me } = context;
  const load_state = new LoadState();
  const messages: LabelMessage[] = [];
  const saving = new Set<number>();
  let labeled_here = 0;
  const allowed = can(me, 'trader');

  const channels = channel_filter(context, 'labels-channel');
  const channel_select = channels.select;
  const progress = h('span', { class: 'muted small', 'data-testid': 'labels-progress' });
  const list = h('div', { class: 'label-list', 'data-testid': 'labels-list' });

  replace(root,
    page_title('Labeling'),
    h('div', { class: 'filters' }, channel_select, progress),
    h('p', { class: 'muted small keys-hint' }, 'Keys: L long · S short · U update · N none (labels the top message).'),
    load_state.element,
    list,
  );

  const draw = (): void => {
    if (list.dataset['loaded'] !== 'true') return; // The first load draws.
    progress.textContent = `${messages.length} waiting · ${labeled_here} labeled now`;
    replace(list, messages.length
      ? messages.map(item)
      : card('All done', h('p', { class: 'muted' }, 'No unlabeled messages here.')));
  };

  const item = (message: LabelMessage): HTMLElement => {
    const suggestion = message.suggestion;
    const title = channels.title_of(message.channel_id);
    const buttons = kLabels.map((label) => {
      const button = h('button', {
        type: 'button',
        class: `button small label-${label} ${suggestion?.label === label ? 'suggested' : ''}`,
        'data-testid': `label-${label}`,
        title: allowed ? `Label as ${label}` : needs_text('trader'),
      }, label);
      button.disabled = !allowed || saving.has(message.id);
      button.addEventListener('click', () => save(message, label));
      return button;
    });
    return h('article', { class: 'card label-item', 'data-testid': 'label-item', 'data-message-id': message.id },
      h('div', { class: 'signal-head' },
        h('time', { class: 'muted small', title: utc(message.ts) }, time(message.ts)),
        h('span', { class: 'channel-name' }, title),
        suggestion
          ? badge(`model: ${suggestion.label} ${Math.round(suggestion.confidence * 100)}%`, 'info', { 'data-testid': 'label-suggestion' })
          : badge('no suggestion', 'muted'),
      ),
      h('p', { class: 'message-text' }, message.text),
      h('div', { class: 'label-buttons' }, buttons),
    );
  };

  const save = (message: LabelMessage, label: Label): void => {
    if (!allowed || saving.has(message.id)) return;
    saving.add(message.id);
    draw();
    api.set_label(message.id, label)
      .then(() => {
        const index = messages.findIndex((m) => m.id === message.id);
        if (index >= 0) messages.splice(index, 1);
        labeled_here += 1;
        if (messages.length < kRefillBelow) void load();
      })
      .catch((error: unknown) => notify_error(error, `Label message ${message.id}`))
      .finally(() => {
        saving.delete(message.id);
        if (context.active()) draw();
      });
  };

  // Adds messages not already on screen, so a refill keeps the order the user was working in.
  const load = async (): Promise<void> => {
    try {
      const batch = await api.unlabeled(channel_select.value, kBatch);
      if (!context.active()) return;
      const known = new Set(messages.map((m) => m.id));
      messages.push(...batch.filter((m) => !known.has(m.id) && !m.label));
      load_state.ok();
      list.dataset['loaded'] = 'true';
      draw();
    } catch (error) {
      if (context.active()) load_state.failed('messages to label', error);
    }
  };

  channel_select.addEventListener('change', () => {
    messages.splice(0);
    void load();
  });

  const on_key = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
    const label = kKeys[event.key.toLowerCase()];
    const top = messages.find((m) => !saving.has(m.id));
    if (label && top) save(top, label);
  };
  document.addEventListener('keydown', on_key);
  context.on_leave(() => document.removeEventListener('keydown', on_key));

  channels.load(draw);
  void load();
}
