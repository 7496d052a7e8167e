import { inject, Pipe, PipeTransform } from '@angular/core';
import { Clock } from '../core/time/clock.service';

/**
 * "3 min ago" for an ISO time (the full time goes in a title attribute beside it). Impure and
 * reading the clock's signal, so the text moves on while the page stays open.
 */
@Pipe({ name: 'timeAgo', pure: false })
export class TimeAgoPipe implements PipeTransform {
  private readonly clock = inject(Clock);

  transform(iso: string | null | undefined, now = this.clock.now()): string {
    if (!iso) return '—';
    const s = Math.round((now - Date.parse(iso)) / 1000);
    if (s < 45) return 'just now';
    if (s < 3600) return `${Math.round(s / 60)} min ago`;
    if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
    return `${Math.round(s / 86_400)} d ago`;
  }
}
