// A button that performs one API action: greyed out with the reason when the role may not do it,
// busy while the request runs, and for risky actions a second tap to confirm (no browser
// dialogs, which block the page and which automated tests dismiss).
import type { Role } from '../api/types';
import { can, needs_text } from '../session';
import type { Me } from '../api/types';
import { notify_error } from './notice';
import { h } from './dom';

export interface ActionButtonOptions {
  label: string;
  me: Me;
  needed: Role;
  run: () => Promise<void>;
  // What to call the action in an error message, e.g. "Cancel order abc".
  doing: string;
  busy_label?: string;
  // Set for actions worth a second tap: the button then reads this until tapped again.
  confirm_label?: string;
  class?: string;
  attrs?: Record<string, string>;
}

const kConfirmWindowMs = 4_000;

export function action_button(options: ActionButtonOptions): HTMLButtonElement {
  const allowed = can(options.me, options.needed);
  const button = h('button', {
    type: 'button',
    class: `button small ${options.class ?? ''}`,
    title: allowed ? null : needs_text(options.needed),
    ...options.attrs,
  }, options.label);
  button.disabled = !allowed;

  let armed = false;
  let disarm_timer: number | undefined;
  const reset = (): void => {
    armed = false;
    button.classList.remove('armed');
    button.textContent = options.label;
  };

  button.addEventListener('click', () => {
    if (button.disabled) return;
    if (options.confirm_label && !armed) {
      armed = true;
      button.classList.add('armed');
      button.textContent = options.confirm_label;
      disarm_timer = window.setTimeout(reset, kConfirmWindowMs);
      return;
    }
    window.clearTimeout(disarm_timer);
    armed = false;
    button.classList.remove('armed');
    button.disabled = true;
    button.textContent = options.busy_label ?? `${options.label}…`;
    options
      .run()
      .catch((error: unknown) => notify_error(error, options.doing))
      .finally(() => {
        // The page often re-renders the row meanwhile; then this button is gone anyway.
        button.disabled = false;
        reset();
      });
  });
  return button;
}
