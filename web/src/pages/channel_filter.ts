// The channel filter of the signals and labeling pages: "All channels" at first, one option per
// channel once the list arrives. title_of names a channel in rows (by its id until then).
import { h } from '../ui/dom';
import { notify_error } from '../ui/notice';
import type { PageContext } from './page';

export interface ChannelFilter {
  select: HTMLSelectElement;
  title_of(channel_id: number | string): string;
  // Fetches the channels into the select, then calls `loaded` (to redraw rows with their names).
  load(loaded: () => void): void;
}

export function channel_filter(context: PageContext, testid: string): ChannelFilter {
  const titles = new Map<string, string>();
  const select = h('select', { class: 'select', 'data-testid': testid, 'aria-label': 'Channel' },
    h('option', { value: '' }, 'All channels'));
  return {
    select,
    title_of: (channel_id) => titles.get(String(channel_id)) ?? `channel ${channel_id}`,
    load(loaded) {
      context.api.channels()
        .then((channels) => {
          if (!context.active()) return;
          for (const channel of channels) {
            titles.set(String(channel.id), channel.title);
            select.appendChild(h('option', { value: String(channel.id) }, channel.title));
          }
          loaded();
        })
        .catch((error: unknown) => notify_error(error, 'Load channels'));
    },
  };
}
