// What every page gets from the app and how it cleans up when the user navigates away.
import type { Api } from '../api/endpoints';
import type { Stream } from '../api/stream';
import type { Me } from '../api/types';

export interface PageContext {
  api: Api;
  stream: Stream;
  me: Me;
  root: HTMLElement;
  // Route parameters, e.g. { id } for #/backtests/7.
  params: Record<string, string>;
  // Registers work to undo on leaving the page: listeners, timers, charts.
  on_leave(cleanup: () => void): void;
  // False once the user left; async work checks it before touching the screen.
  active(): boolean;
}

export type Page = (context: PageContext) => void;
