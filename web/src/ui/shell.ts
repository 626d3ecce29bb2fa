// The frame around every page once logged in: the brand, the navigation (a menu button on a
// phone), the live-stream light, who is logged in, and the place where pages render.
import type { StreamState } from '../api/stream';
import type { Me } from '../api/types';
import { h, replace } from './dom';
import { notice_container } from './notice';

export interface NavItem {
  name: string;
  title: string;
}

export interface Shell {
  element: HTMLElement;
  content: HTMLElement;
  set_active(name: string | null): void;
  set_stream_state(state: StreamState): void;
}

const kStreamText: Record<StreamState, string> = { live: 'live', connecting: 'connecting', offline: 'offline' };

export function build_shell(items: readonly NavItem[], me: Me, on_logout: () => void): Shell {
  const links = items.map((item) =>
    h('a', { href: `#/${item.name}`, class: 'nav-link', 'data-nav': item.name, 'data-testid': `nav-${item.name}` }, item.title),
  );
  const nav = h('nav', { class: 'nav', id: 'main-nav', 'data-testid': 'nav' }, links);
  const toggle = h('button', {
    class: 'nav-toggle', type: 'button', 'aria-controls': 'main-nav', 'aria-expanded': 'false',
    'aria-label': 'Menu', 'data-testid': 'nav-toggle',
  }, h('span', { class: 'burger' }));
  const set_open = (open: boolean): void => {
    nav.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => set_open(!nav.classList.contains('open')));
  // On a phone the menu covers the page; choosing a page closes it.
  nav.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a')) set_open(false);
  });

  const stream_light = h('span', { class: 'stream-state', 'data-testid': 'stream-state', 'data-state': 'offline', title: 'Live updates' });
  const logout = h('button', { class: 'button ghost small', type: 'button', 'data-testid': 'logout' }, 'Log out');
  logout.addEventListener('click', on_logout);

  const content = h('main', { class: 'content', id: 'content', 'data-testid': 'content' });
  const element = h('div', { class: 'shell' },
    h('header', { class: 'topbar' },
      toggle,
      h('a', { class: 'brand', href: '#/overview' }, h('span', { class: 'brand-mark' }, '◆'), 'sigtrader'),
      h('div', { class: 'topbar-right' },
        stream_light,
        h('span', { class: 'who', 'data-testid': 'who', title: `${me.user} (${me.role})` },
          h('span', { class: 'who-name' }, me.user),
          h('span', { class: `role role-${me.role}`, 'data-testid': 'role' }, me.role),
        ),
        logout,
      ),
    ),
    nav,
    content,
    notice_container(),
  );

  return {
    element,
    content,
    set_active(name) {
      for (const link of links) {
        const active = link.dataset['nav'] === name;
        link.classList.toggle('active', active);
        if (active) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
    set_stream_state(state) {
      stream_light.dataset['state'] = state;
      replace(stream_light, h('span', { class: 'dot' }), kStreamText[state]);
    },
  };
}
