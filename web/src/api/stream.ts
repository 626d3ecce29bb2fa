// The live event stream (`/api/v1/stream`). Browsers cannot put the key in a header of a
// WebSocket, so the first message authenticates (docs/api.md). The socket reconnects with
// exponential backoff; after a reconnect the listeners of 'resync' reload what they show,
// because events sent while the socket was down are not replayed.
import { kStreamTopics, type StreamEvent, type StreamTopic } from './types';

export type StreamState = 'connecting' | 'live' | 'offline';
export type StreamListener = (event: StreamEvent) => void;

// Close codes of docs/api.md: the key was refused; the client read too slowly.
const kCloseUnauthorized = 4401;
const kBackoffFirstMs = 1_000;
const kBackoffMaxMs = 30_000;
// Without an auth answer in this time the server is taken as stuck and the socket is retried.
const kAuthTimeoutMs = 10_000;

export interface StreamOptions {
  key: () => string | null;
  on_unauthorized: () => void;
}

export class Stream {
  private socket: WebSocket | null = null;
  private backoff_ms = kBackoffFirstMs;
  private retry_timer: number | undefined;
  private auth_timer: number | undefined;
  private running = false;
  private was_live = false;
  private state_: StreamState = 'offline';
  private readonly listeners = new Map<StreamTopic, Set<StreamListener>>();
  private readonly resync_listeners = new Set<() => void>();
  private readonly state_listeners = new Set<(state: StreamState) => void>();

  constructor(private readonly options: StreamOptions) {}

  get state(): StreamState {
    return this.state_;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoff_ms = kBackoffFirstMs;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.was_live = false;
    window.clearTimeout(this.retry_timer);
    window.clearTimeout(this.auth_timer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'logout');
    this.set_state('offline');
  }

  // Returns the function that removes the listener; pages call it when they unmount.
  on(topics: StreamTopic | readonly StreamTopic[], listener: StreamListener): () => void {
    const list = typeof topics === 'string' ? [topics] : topics;
    for (const topic of list) {
      let set = this.listeners.get(topic);
      if (!set) this.listeners.set(topic, (set = new Set()));
      set.add(listener);
    }
    return () => list.forEach((topic) => this.listeners.get(topic)?.delete(listener));
  }

  on_resync(listener: () => void): () => void {
    this.resync_listeners.add(listener);
    return () => this.resync_listeners.delete(listener);
  }

  on_state(listener: (state: StreamState) => void): () => void {
    this.state_listeners.add(listener);
    listener(this.state_);
    return () => this.state_listeners.delete(listener);
  }

  private connect(): void {
    const key = this.options.key();
    if (!this.running || !key) return;
    this.set_state('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/stream`);
    this.socket = socket;

    socket.onopen = () => {
      socket.send(JSON.stringify({ op: 'auth', key }));
      this.auth_timer = window.setTimeout(() => socket.close(4000, 'no auth answer'), kAuthTimeoutMs);
    };
    socket.onmessage = (message) => this.receive(socket, message);
    socket.onclose = (close) => this.closed(socket, close.code);
    // An error is always followed by close, which decides what to do.
    socket.onerror = () => undefined;
  }

  private receive(socket: WebSocket, message: MessageEvent): void {
    if (socket !== this.socket || typeof message.data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.data);
    } catch {
      return; // Not JSON: nothing in the protocol sends that, so it carries nothing for us.
    }
    if (!parsed || typeof parsed !== 'object') return;
    const frame = parsed as { type?: unknown; ok?: unknown; topic?: unknown };

    if (frame.type === 'auth') {
      window.clearTimeout(this.auth_timer);
      if (frame.ok !== true) return; // The server closes with 4401 next.
      socket.send(JSON.stringify({ op: 'subscribe', topics: kStreamTopics }));
      this.backoff_ms = kBackoffFirstMs;
      this.set_state('live');
      if (this.was_live) this.resync_listeners.forEach((listener) => listener());
      this.was_live = true;
      return;
    }
    if (frame.type === 'event' && typeof frame.topic === 'string') {
      const event = parsed as StreamEvent;
      this.listeners.get(event.topic)?.forEach((listener) => listener(event));
    }
  }

  private closed(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    window.clearTimeout(this.auth_timer);
    this.socket = null;
    if (!this.running) return;
    if (code === kCloseUnauthorized) {
      this.stop();
      this.options.on_unauthorized();
      return;
    }
    this.set_state('offline');
    // Jitter keeps many dashboards from reconnecting in step after a server restart.
    const delay = this.backoff_ms * (0.75 + Math.random() * 0.5);
    this.backoff_ms = Math.min(this.backoff_ms * 2, kBackoffMaxMs);
    this.retry_timer = window.setTimeout(() => this.connect(), delay);
  }

  private set_state(state: StreamState): void {
    if (state === this.state_) return;
    this.state_ = state;
    this.state_listeners.forEach((listener) => listener(state));
  }
}
