import { signal } from '@angular/core';
import { apiError } from '../core/http/api-error';

/**
 * One panel's actions: one at a time (`busy` disables the buttons), an API error shown as its
 * message, and `done` called after each that succeeded.
 */
export class Actions {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  constructor(private readonly done: () => void) {}

  async run(fn: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await fn();
      this.done();
    } catch (e) {
      this.error.set(apiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
