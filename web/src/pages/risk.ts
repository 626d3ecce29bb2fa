// Risk: the active policy and switching it (admin), the circuit breaker and resuming it (admin),
// the limits in force and the latest risk events. Switching is a command the engine applies
// when it can, so the page keeps asking for the policy until the new one shows.
import type { Risk, RiskEvent } from '../api/types';
import { action_button } from '../ui/action_button';
import { badge, breaker_kind, status_kind } from '../ui/badge';
import { card, page_title, stat } from '../ui/card';
import { follow_command, pending_text } from '../ui/command_feedback';
import { h, replace } from '../ui/dom';
import { age, time, utc } from '../ui/format';
import { LoadState } from '../ui/load_state';
import { Refresher } from '../ui/refresher';
import { table, type Column } from '../ui/table';
import type { PageContext } from './page';

const kPolicyPollMs = 1_000;
const kPolicyWaitMs = 60_000;

const kEventColumns: Column<RiskEvent>[] = [
  { title: 'Time', cell: (e) => h('span', { title: utc(e.ts) }, time(e.ts)) },
  { title: 'Kind', cell: (e) => badge(e.kind, status_kind(e.kind)) },
  { title: 'Symbol', cell: (e) => e.symbol ?? '—' },
  { title: 'Reason', cell: (e) => e.reason ?? '' },
];

function limit_value(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function render_risk(context: PageContext): void {
  const { api, stream, root, me } = context;
  const load_state = new LoadState();
  const current = h('strong', { class: 'policy-name', 'data-testid': 'risk-policy-current' }, '…');
  const select = h('select', { class: 'select', 'data-testid': 'risk-policy-select', 'aria-label': 'Risk policy' });
  const pending = h('div', { class: 'small', 'data-testid': 'risk-policy-pending' });
  const breaker_box = h('div', { class: 'stats', 'data-testid': 'breaker' });
  const limits_box = h('div', { 'data-testid': 'risk-limits' });
  const events_box = h('div', { 'data-testid': 'risk-events' });
  let select_touched = false;
  let wanted_policy: string | null = null;
  select.addEventListener('change', () => (select_touched = true));

  const apply = action_button({
    label: 'Apply', busy_label: 'Applying…', class: 'primary', me, needed: 'admin', doing: 'Switch the risk policy',
    attrs: { 'data-testid': 'risk-policy-apply' },
    run: async () => {
      const target = select.value;
      const command = await api.set_policy(target);
      wanted_policy = target;
      replace(pending, pending_text(`switching to ${target}`));
      void wait_for_policy(target);
      try {
        await follow_command(api, command, `Switch to ${target}`);
      } catch (error) {
        wanted_policy = null;
        replace(pending, h('span', { class: 'neg' }, `Did not switch to ${target}.`));
        throw error;
      }
      refresher.refresh();
    },
  });

  const resume_box = h('div', { class: 'breaker-actions' });

  replace(root,
    page_title('Risk'),
    load_state.element,
    h('div', { class: 'grid-2' },
      card('Policy', [
        h('p', { class: 'policy-line' }, 'Current policy: ', current),
        h('div', { class: 'inline-form' }, select, apply),
        pending,
      ], { testid: 'policy-card' }),
      card('Circuit breaker', [breaker_box, resume_box], { testid: 'breaker-card' }),
    ),
    card('Limits', limits_box),
    card('Recent risk events', events_box),
  );

  const show = (risk: Risk, available: readonly string[]): void => {
    current.textContent = risk.policy;
    current.dataset['policy'] = risk.policy;
    if (select.options.length !== available.length) {
      replace(select, available.map((name) => h('option', { value: name }, name)));
    }
    if (!select_touched) select.value = risk.policy;
    if (wanted_policy !== null && risk.policy === wanted_policy) {
      wanted_policy = null;
      select_touched = false;
      replace(pending, h('span', { class: 'pos' }, `Policy is now ${risk.policy}.`));
    }

    const breaker = risk.breaker;
    replace(breaker_box,
      stat('State', badge(breaker.state, breaker_kind(breaker.state), { 'data-testid': 'breaker-state-badge' }),
        { testid: 'breaker-state' }),
      stat('Since', breaker.since ? h('span', { title: utc(breaker.since) }, age(breaker.since)) : '—'),
      stat('Reason', breaker.reason ?? '—', { class: 'wrap' }),
    );
    replace(resume_box, breaker.state === 'closed'
      ? h('p', { class: 'muted small' }, 'Trading is allowed.')
      : action_button({
          label: 'Resume trading', confirm_label: 'Confirm resume', busy_label: 'Resuming…', class: 'primary',
          me, needed: 'admin', doing: 'Resume the breaker', attrs: { 'data-testid': 'breaker-resume' },
          run: async () => {
            const command = await api.resume_breaker();
            await follow_command(api, command, 'Resume trading');
            refresher.refresh();
          },
        }));

    const limits = Object.entries(risk.limits ?? {});
    replace(limits_box, limits.length
      ? h('dl', { class: 'limits' }, limits.map(([name, value]) =>
          h('div', { class: 'limit' }, h('dt', null, name.replace(/_/g, ' ')), h('dd', null, limit_value(value)))))
      : h('p', { class: 'muted' }, 'No limits reported.'));
    replace(events_box, table(kEventColumns, risk.events ?? [], { empty: 'No risk events yet.', testid: 'risk-events-table' }));
  };

  // The policies to choose from do not change while the page is open: asked for once.
  let available: Promise<string[]> | null = null;
  const refresher = new Refresher(async () => {
    try {
      available ??= api.risk_policy().then((policy) => policy.available);
      const [risk, choices] = await Promise.all([api.risk(), available]);
      if (!context.active()) return;
      show(risk, choices.length ? choices : [risk.policy]);
      load_state.ok();
    } catch (error) {
      available = null; // asked again next time
      if (context.active()) load_state.failed('the risk state', error);
    }
  });

  // The command may stay pending for a while; ask until the policy shows or the wait is over.
  const wait_for_policy = async (target: string): Promise<void> => {
    const deadline = Date.now() + kPolicyWaitMs;
    while (context.active() && wanted_policy === target && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, kPolicyPollMs));
      refresher.refresh();
    }
    if (context.active() && wanted_policy === target) {
      replace(pending, h('span', { class: 'muted' }, `Still waiting for the engine to switch to ${target}.`));
    }
  };

  refresher.refresh();
  context.on_leave(stream.on('risk', () => refresher.refresh()));
  context.on_leave(stream.on_resync(() => refresher.refresh()));
  context.on_leave(() => refresher.dispose());
}
