import { Logger } from '@nestjs/common';

/**
 * The claim/run/sleep shape every background queue shares: `count` loops each call `tick` while it
 * finds work (it returns whether it did), sleep `idleMs` when it finds none, and log a failed tick
 * without stopping. `stop` wakes sleeping loops and waits for running ticks to finish.
 */
export class PollingLoops {
  private running = false;
  private loops: Array<Promise<void>> = [];
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  start(count: number, idleMs: number, tick: () => Promise<boolean>): void {
    this.running = true;
    this.loops = Array.from({ length: count }, () => this.run(idleMs, tick));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakers.forEach((wake) => wake());
    await Promise.all(this.loops);
  }

  private async run(idleMs: number, tick: () => Promise<boolean>): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await tick();
      } catch (error) {
        this.logger.error(`${this.what} failed: ${(error as Error).message}`);
      }
      if (!worked && this.running) await this.sleep(idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
