// Actions (cancel, close, set policy, resume) answer 202 with a command the engine applies on
// its own schedule. This follows one until it is applied or failed, or until the bound passes;
// a command still pending then is reported as pending, not as an error.
import type { Api } from './endpoints';
import type { Command } from './types';

export interface CommandWait {
  timeout_ms?: number;
  interval_ms?: number;
}

export async function wait_for_command(api: Api, command: Command, wait: CommandWait = {}): Promise<Command> {
  const deadline = Date.now() + (wait.timeout_ms ?? 15_000);
  const interval = wait.interval_ms ?? 500;
  let latest = command;
  while (latest.status === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    latest = await api.command(command.id);
  }
  return latest;
}

// The result of a failed command is free-form; show it as text when it says something.
export function command_failure_text(command: Command): string {
  const result = command.result;
  if (typeof result === 'string' && result) return result;
  if (result && typeof result === 'object') {
    const fields = result as Record<string, unknown>;
    for (const name of ['message', 'reason', 'error']) {
      const value = fields[name];
      if (typeof value === 'string' && value) return value;
    }
    return JSON.stringify(result);
  }
  return 'no reason given';
}
