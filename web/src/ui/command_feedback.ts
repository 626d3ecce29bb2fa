// Tells the user how an accepted (202) command ended: applied, failed with the engine's reason,
// or still pending after the wait (the engine may apply it later; the stream will show it).
import { command_failure_text, wait_for_command } from '../api/commands';
import type { Api } from '../api/endpoints';
import type { Command } from '../api/types';
import { h } from './dom';
import { notify_info } from './notice';

export async function follow_command(api: Api, command: Command, what: string): Promise<Command> {
  const final = await wait_for_command(api, command);
  if (final.status === 'applied') notify_info(`${what}: done.`);
  else if (final.status === 'failed') throw new Error(`the engine refused it (${command_failure_text(final)}).`);
  else notify_info(`${what}: requested; the engine has not applied it yet.`);
  return final;
}

export function pending_text(text: string): HTMLElement {
  return h('span', { class: 'pending-text' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}
