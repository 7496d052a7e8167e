import { Component, DestroyRef, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  INCIDENT_STATUSES,
  incidentHasSource,
  IncidentSummary,
  ListIncidentsQuery,
  SEVERITIES,
  SignalSource,
  SIGNAL_SOURCES,
} from '@mozaic/contracts';
import { debounceTime, firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { plural } from '../../../shared/plural';
import { BadgeComponent } from '../../../shared/severity-badge.component';
import { TimeAgoPipe } from '../../../shared/time-ago.pipe';
import { IncidentsApi } from '../data/incidents.api';

const PAGE = 25;

/**
 * The project's incidents, newest first: filters, text search, keyset pages ("Load more"), and live
 * updates from the stream — new incidents appear at the top, changed ones update in place.
 */
@Component({
  selector: 'app-incident-list',
  imports: [ReactiveFormsModule, RouterLink, BadgeComponent, TimeAgoPipe],
  template: `
    <section aria-labelledby="incidents-h">
      <div class="row">
        <h2 id="incidents-h">Incidents</h2>
        <span class="muted" aria-live="polite">{{
          live() ? '● live' : live() === false ? '○ reconnecting…' : ''
        }}</span>
      </div>
      <form class="filters" [formGroup]="filters" role="search" (submit)="$event.preventDefault()">
        <div><label for="f-q">Search</label><input id="f-q" formControlName="q" placeholder="title contains…" /></div>
        <div>
          <label for="f-sev">Severity</label>
          <select id="f-sev" formControlName="severity">
            <option value="">any</option>
            @for (s of severities; track s) {
              <option [value]="s">{{ s }}</option>
            }
          </select>
        </div>
        <div>
          <label for="f-status">Status</label>
          <select id="f-status" formControlName="status">
            <option value="">any</option>
            @for (s of statuses; track s) {
              <option [value]="s">{{ s }}</option>
            }
          </select>
        </div>
        <div>
          <label for="f-source">Source</label>
          <select id="f-source" formControlName="source">
            <option value="">any</option>
            @for (s of sources; track s) {
              <option [value]="s">{{ s }}</option>
            }
          </select>
        </div>
        <div>
          <label for="f-silenced">Silenced</label>
          <select id="f-silenced" formControlName="suppressed">
            <option value="">hidden</option>
            <option value="true">only silenced (suppressed)</option>
          </select>
        </div>
        <div><label for="f-from">From</label><input id="f-from" type="datetime-local" formControlName="from" /></div>
        <div><label for="f-to">To</label><input id="f-to" type="datetime-local" formControlName="to" /></div>
      </form>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (items() === null) {
        <p class="muted" aria-live="polite">Loading incidents…</p>
      } @else if (!items()!.length) {
        <p class="muted">
          No incidents{{ filtered() ? ' match these filters' : ' yet: they appear here as soon as signals arrive' }}.
        </p>
      } @else {
        <table data-testid="incident-list">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Incident</th>
              <th class="hide-narrow">Sources</th>
              <th>Status</th>
              <th class="hide-narrow">Started</th>
            </tr>
          </thead>
          <tbody>
            @for (i of items(); track i.id) {
              <tr>
                <td><app-badge [value]="i.severity" /></td>
                <td>
                  <a [routerLink]="['/project', projectId(), 'incidents', i.id]">{{ i.title }}</a>
                  <div class="muted">{{ count(i.alert_count, 'alert') }} · {{ count(i.signal_count, 'signal') }}</div>
                </td>
                <td class="hide-narrow">{{ i.sources.join(', ') }}</td>
                <td><app-badge [value]="i.status" /></td>
                <td class="hide-narrow" [title]="i.timestamp">{{ i.timestamp | timeAgo }}</td>
              </tr>
            }
          </tbody>
        </table>
        @if (next()) {
          <p>
            <button type="button" (click)="more()" [disabled]="loading()">
              {{ loading() ? 'Loading…' : 'Load more' }}
            </button>
          </p>
        }
      }
    </section>
  `,
})
export class IncidentListComponent implements OnInit {
  private readonly api = inject(IncidentsApi);
  private readonly destroyRef = inject(DestroyRef);
  readonly projectId = input.required<string>();
  protected readonly severities = SEVERITIES;
  protected readonly statuses = INCIDENT_STATUSES;
  protected readonly sources = SIGNAL_SOURCES;
  protected readonly items = signal<IncidentSummary[] | null>(null);
  protected readonly next = signal<string | null>(null);
  protected readonly loading = signal(false);
  /** The stream's state: connected, dropped (reconnecting), or not yet known. */
  protected readonly live = signal<boolean | null>(null);
  protected readonly count = plural;
  protected readonly error = signal<string | null>(null);
  protected readonly filters = inject(NonNullableFormBuilder).group({
    q: [''],
    severity: [''],
    status: [''],
    source: [''],
    /** '' hides suppressed incidents (every firing alert silenced), 'true' shows only them. */
    suppressed: [''],
    from: [''],
    to: [''],
  });

  ngOnInit(): void {
    void this.reload();
    this.filters.valueChanges
      .pipe(debounceTime(300), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => void this.reload());
    this.api
      .stream(this.projectId(), (connected) => this.live.set(connected))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((i) => this.upsert(i));
  }

  protected filtered(): boolean {
    return Object.values(this.filters.getRawValue()).some((v) => v !== '');
  }

  private query(cursor?: string): ListIncidentsQuery {
    const f = this.filters.getRawValue();
    const iso = (v: string) => (v ? new Date(v).toISOString() : undefined);
    return {
      q: f.q.trim() || undefined,
      severity: (f.severity || undefined) as ListIncidentsQuery['severity'],
      status: (f.status || undefined) as ListIncidentsQuery['status'],
      source: (f.source || undefined) as ListIncidentsQuery['source'],
      suppressed: f.suppressed === 'true' ? true : undefined,
      from: iso(f.from),
      to: iso(f.to),
      limit: PAGE,
      cursor,
    };
  }

  async reload(): Promise<void> {
    this.error.set(null);
    try {
      const page = await firstValueFrom(this.api.list(this.projectId(), this.query()));
      this.items.set(page.items);
      this.next.set(page.next);
    } catch (e) {
      this.items.set([]);
      this.error.set(apiError(e, 'Incidents could not be loaded'));
    }
  }

  async more(): Promise<void> {
    const cursor = this.next();
    if (!cursor) return;
    this.loading.set(true);
    try {
      const page = await firstValueFrom(this.api.list(this.projectId(), this.query(cursor)));
      this.items.update((list) => [...(list ?? []), ...page.items.filter((i) => !list?.some((x) => x.id === i.id))]);
      this.next.set(page.next);
    } catch (e) {
      this.error.set(apiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  /** A live update: replace in place, or put a new incident on top when it passes the filters. */
  private upsert(i: IncidentSummary): void {
    this.items.update((list) => {
      const current = list ?? [];
      const at = current.findIndex((x) => x.id === i.id);
      // Silenced (or no longer) while shown: it leaves this list, as a reload would leave it out.
      if (at >= 0 && this.silencedAsFiltered(i)) return current.map((x) => (x.id === i.id ? i : x));
      if (at >= 0) return current.filter((x) => x.id !== i.id);
      return this.matches(i) ? [i, ...current] : current;
    });
  }

  private silencedAsFiltered(i: IncidentSummary): boolean {
    return (this.filters.getRawValue().suppressed === 'true') === i.suppressed;
  }

  private matches(i: IncidentSummary): boolean {
    const f = this.filters.getRawValue();
    if (!this.silencedAsFiltered(i)) return false;
    if (f.severity && i.severity !== f.severity) return false;
    if (f.status && i.status !== f.status) return false;
    if (f.source && !incidentHasSource(i, f.source as SignalSource)) return false;
    if (f.q && !i.title.toLowerCase().includes(f.q.trim().toLowerCase())) return false;
    return true;
  }
}
