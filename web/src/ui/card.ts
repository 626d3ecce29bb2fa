// The building blocks of every page: a titled card and a stat tile (label over value).
import { h, type Child } from './dom';

export function card(title: string, body: Child, extra: { actions?: Child; testid?: string } = {}): HTMLElement {
  return h('section', { class: 'card', 'data-testid': extra.testid ?? null },
    h('header', { class: 'card-head' }, h('h2', null, title), extra.actions ?? null),
    h('div', { class: 'card-body' }, body),
  );
}

export function stat(label: string, value: Child, attrs: { class?: string; testid?: string; title?: string } = {}): HTMLElement {
  return h('div', { class: 'stat' },
    h('div', { class: 'stat-label' }, label),
    h('div', { class: `stat-value ${attrs.class ?? ''}`, 'data-testid': attrs.testid ?? null, title: attrs.title ?? null }, value),
  );
}

export function page_title(title: string, actions: Child = null): HTMLElement {
  return h('div', { class: 'page-head' }, h('h1', null, title), actions);
}

export function loading(text = 'Loading…'): HTMLElement {
  return h('p', { class: 'muted loading' }, text);
}

export function inline_error(text: string): HTMLElement {
  return h('p', { class: 'inline-error', role: 'alert', 'data-testid': 'inline-error' }, text);
}
