import { Injectable, OnDestroy, signal } from '@angular/core';

/** The current time as a signal, ticking every 15 s: relative times ("3 min ago") follow it. */
@Injectable({ providedIn: 'root' })
export class Clock implements OnDestroy {
  private readonly current = signal(Date.now());
  readonly now = this.current.asReadonly();
  private readonly timer = setInterval(() => this.current.set(Date.now()), 15_000);

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }
}
