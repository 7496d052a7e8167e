import { Component, computed, inject, input, output, signal } from '@angular/core';
import { IncidentDetail, LabelMatcher, matchersText, parseMatchers, SilencePreview } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { SilencesApi } from '../data/silences.api';

/** Entities worth silencing on, most specific last; the incident's own values where its members agree. */
const KEYS = ['alertname', 'service', 'namespace', 'cluster', 'host'];

/** Matchers every member of the incident shares (alertname from the alerts' names). */
export function suggestedMatchers(i: IncidentDetail): LabelMatcher[] {
  const values = (k: string) =>
    new Set(i.alerts.map((a) => (k === 'alertname' ? a.label : (a.entities[k] ?? '')) || ''));
  const out: LabelMatcher[] = [];
  for (const k of KEYS) {
    const v = values(k);
    if (v.size === 1 && !v.has('')) out.push({ name: k, op: '=', value: [...v][0] });
  }
  return out;
}

/** "Silence…" on an incident: matchers pre-filled from its alerts, a duration, a comment, and what it would match now. */
@Component({
  selector: 'app-silence-form',
  template: `
    @if (!open()) {
      <button type="button" (click)="start()">Silence…</button>
    } @else {
      <form
        class="card"
        aria-label="Silence"
        (submit)="$event.preventDefault(); create(matchers.value, duration.value, until.value, comment.value)"
      >
        <label
          >Matchers <input #matchers [value]="initial()" (input)="previewFor(matchers.value)" style="width: 100%"
        /></label>
        <div class="row">
          <label
            >For
            <select #duration (change)="custom.set(duration.value === 'custom')">
              <option value="1">1 hour</option>
              <option value="4">4 hours</option>
              <option value="24">24 hours</option>
              <option value="resolved">until the incident is resolved</option>
              <option value="custom">until…</option>
            </select>
          </label>
          <label [hidden]="!custom()">Until <input #until type="datetime-local" /></label>
        </div>
        <label
          >Comment <input #comment required maxlength="2000" placeholder="why: e.g. db upgrade, ticket OPS-123"
        /></label>
        <p class="muted" aria-live="polite">
          @if (preview(); as p) {
            Would silence {{ p.count }} firing {{ p.count === 1 ? 'alert' : 'alerts' }} now{{
              p.count ? ': ' + names(p) : ''
            }}.
          }
        </p>
        @if (error(); as e) {
          <p class="error" role="alert">{{ e }}</p>
        }
        <div class="row">
          <button type="submit" class="primary" [disabled]="busy()">Create silence</button>
          <button type="button" (click)="open.set(false)">Cancel</button>
        </div>
      </form>
    }
  `,
})
export class SilenceFormComponent {
  private readonly api = inject(SilencesApi);
  readonly projectId = input.required<string>();
  readonly incident = input.required<IncidentDetail>();
  readonly created = output<void>();
  protected readonly open = signal(false);
  protected readonly custom = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly preview = signal<SilencePreview | null>(null);
  protected readonly initial = computed(() => matchersText(suggestedMatchers(this.incident())));

  protected start(): void {
    this.open.set(true);
    void this.previewFor(this.initial());
  }

  protected names(p: SilencePreview): string {
    return (
      p.alerts
        .slice(0, 5)
        .map((a) => a.title)
        .join('; ') + (p.count > 5 ? '; …' : '')
    );
  }

  protected async previewFor(typed: string): Promise<void> {
    try {
      const matchers = parseMatchers(typed);
      this.error.set(null);
      this.preview.set(matchers.length ? await firstValueFrom(this.api.preview(this.projectId(), matchers)) : null);
    } catch (e) {
      this.preview.set(null);
      this.error.set(e instanceof Error && !('status' in e) ? e.message : apiError(e));
    }
  }

  protected async create(typed: string, duration: string, until: string, comment: string): Promise<void> {
    this.error.set(null);
    let matchers: LabelMatcher[];
    try {
      matchers = parseMatchers(typed);
    } catch (e) {
      this.error.set((e as Error).message);
      return;
    }
    const untilResolved = duration === 'resolved';
    const ends = duration === 'custom' ? new Date(until) : new Date(Date.now() + Number(duration) * 3_600_000);
    if (!untilResolved && !Number.isFinite(ends.getTime())) {
      this.error.set('Choose when the silence ends');
      return;
    }
    this.busy.set(true);
    try {
      const body = untilResolved
        ? { matchers, until_resolved: this.incident().id, comment: comment.trim() }
        : { matchers, ends_at: ends.toISOString(), comment: comment.trim() };
      await firstValueFrom(this.api.create(this.projectId(), body));
      this.open.set(false);
      this.created.emit();
    } catch (e) {
      this.error.set(apiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
