// A line under the page title saying why part of the page could not load; the last good data
// stays on screen beneath it. Cleared by the next successful load.
import { describe_error } from '../api/errors';
import { h } from './dom';

export class LoadState {
  readonly element = h('p', { class: 'inline-error', role: 'alert', 'data-testid': 'load-error', hidden: true });

  failed(what: string, error: unknown): void {
    this.element.hidden = false;
    this.element.textContent = `Could not load ${what}: ${describe_error(error)}`;
  }

  ok(): void {
    this.element.hidden = true;
    this.element.textContent = '';
  }
}
