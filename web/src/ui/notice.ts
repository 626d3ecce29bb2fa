// Messages to the user at the top of the screen: API errors stay until closed or for a while,
// confirmations fade sooner. One container for the whole app, created by the shell.
import { describe_error } from '../api/errors';
import { h } from './dom';

let container: HTMLElement | null = null;

export function notice_container(): HTMLElement {
  container ??= h('div', { class: 'notices', 'aria-live': 'polite', 'data-testid': 'notices' });
  return container;
}

function show(kind: 'error' | 'info', text: string, lifetime_ms: number): void {
  const box = notice_container();
  const close = h('button', { class: 'notice-close', 'aria-label': 'Dismiss', type: 'button' }, '×');
  const note = h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `notice-${kind}` },
    h('span', { class: 'notice-text' }, text),
    close,
  );
  const remove = (): void => note.remove();
  close.addEventListener('click', remove);
  box.prepend(note);
  // Keep the stack short when something fails in a loop.
  while (box.children.length > 4) box.lastElementChild?.remove();
  window.setTimeout(remove, lifetime_ms);
}

export function notify_error(error: unknown, doing?: string): void {
  const prefix = doing ? `${doing}: ` : '';
  show('error', prefix + describe_error(error), 10_000);
}

export function notify_info(text: string): void {
  show('info', text, 4_000);
}
