import { Pipe, PipeTransform } from '@angular/core';

/** "3 min ago" for an ISO time (the full time goes in a title attribute beside it). */
@Pipe({ name: 'timeAgo' })
export class TimeAgoPipe implements PipeTransform {
  transform(iso: string | null | undefined, now = Date.now()): string {
    if (!iso) return '—';
    const s = Math.round((now - Date.parse(iso)) / 1000);
    if (s < 45) return 'just now';
    if (s < 3600) return `${Math.round(s / 60)} min ago`;
    if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
    return `${Math.round(s / 86_400)} d ago`;
  }
}
