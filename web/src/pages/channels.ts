// Channels: how each signal source has done, with the trust the risk engine gives it.
import type { Channel } from '../api/types';
import { card, page_title } from '../ui/card';
import { h, replace } from '../ui/dom';
import { plain_number, ratio_fraction, ratio_percent, sign_class } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { table, type Column } from '../ui/table';
import type { PageContext } from './page';

function trust_bar(value: Channel['trust']): HTMLElement {
  const fraction = ratio_fraction(value);
  const width = `${Math.round((fraction ?? 0) * 100)}%`;
  const tone = fraction === null ? '' : fraction >= 0.66 ? 'good' : fraction >= 0.33 ? 'warn' : 'bad';
  return h('span', { class: 'trust', title: ratio_percent(value) },
    h('span', { class: 'trust-track' }, h('span', { class: `trust-fill ${tone}`, style: `width:${width}` })),
    h('span', { class: 'small' }, ratio_percent(value)),
  );
}

const kColumns: Column<Channel>[] = [
  { title: 'Channel', cell: (c) => [h('strong', null, c.title), h('div', { class: 'muted small' }, c.source)] },
  { title: 'Messages', cell: (c) => c.messages, numeric: true },
  { title: 'L / S / U / N', cell: (c) => `${c.longs} / ${c.shorts} / ${c.updates} / ${c.nones}`, numeric: true },
  { title: 'W / L', cell: (c) => `${c.wins} / ${c.losses}`, numeric: true },
  { title: 'Win rate', cell: (c) => ratio_percent(c.win_rate), numeric: true },
  { title: 'Avg R', cell: (c) => h('span', { class: sign_class(c.avg_r) }, plain_number(c.avg_r)), numeric: true },
  { title: 'Expectancy', cell: (c) => h('span', { class: sign_class(c.expectancy) }, plain_number(c.expectancy)), numeric: true },
  { title: 'Trust', cell: (c) => trust_bar(c.trust) },
];

export function render_channels(context: PageContext): void {
  const { api, root } = context;
  const load_state = new LoadState();
  const box = h('div', { 'data-testid': 'channels' });
  replace(root, page_title('Channels'), load_state.element, card('Signal sources', box));

  api.channels()
    .then((channels) => {
      if (!context.active()) return;
      replace(box, table(kColumns, channels, {
        empty: 'No channels yet. Import signals or connect a source.',
        testid: 'channels-table',
        row_attrs: (c) => ({ 'data-testid': 'channel-row', 'data-channel-id': String(c.id) }),
      }));
    })
    .catch((error: unknown) => {
      if (context.active()) load_state.failed('channels', error);
    });
}
