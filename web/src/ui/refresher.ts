// Reloads one piece of a page when events ask for it. Bursts of events (a fill brings order,
// fill, position and equity events together) become one request. Loads never overlap, so an
// older answer cannot land after a newer one and take the screen back in time.

const kMinGapMs = 750;

export class Refresher {
  private running = false;
  private again = false;
  private last_start = 0;
  private timer: number | undefined;
  private disposed = false;

  constructor(private readonly load: () => Promise<void>) {}

  // Runs now if idle, otherwise once more after the current load.
  refresh(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.last_start + kMinGapMs - Date.now();
    if (wait > 0) {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.refresh(), wait);
      return;
    }
    void this.run();
  }

  dispose(): void {
    this.disposed = true;
    window.clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    this.running = true;
    this.again = false;
    this.last_start = Date.now();
    try {
      await this.load();
    } finally {
      this.running = false;
      if (this.again) this.refresh();
    }
  }
}
