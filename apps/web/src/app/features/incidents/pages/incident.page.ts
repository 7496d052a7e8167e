import { JsonPipe } from '@angular/common';
import { Component, DestroyRef, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { plural } from '../../../shared/plural';
import { IncidentDetail, IncidentSignal, NotificationView } from '@mozaic/contracts';
import { filter, firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { BadgeComponent } from '../../../shared/severity-badge.component';
import { TimeAgoPipe } from '../../../shared/time-ago.pipe';
import { TimelineComponent } from '../components/timeline.component';
import { GroupingCorrectionsComponent } from '../components/grouping-corrections.component';
import { IncidentsApi } from '../data/incidents.api';
import { DeliveryLogComponent } from '../../notifications/components/delivery-log.component';
import { NotificationsApi } from '../../notifications/data/notifications.api';
import { SilenceFormComponent } from '../../silences/components/silence-form.component';

/** One incident: state and actions, timeline, why its alerts belong together, templates, alerts, raw payloads. */
@Component({
  selector: 'app-incident-page',
  imports: [
    RouterLink,
    BadgeComponent,
    TimeAgoPipe,
    TimelineComponent,
    JsonPipe,
    GroupingCorrectionsComponent,
    DeliveryLogComponent,
    SilenceFormComponent,
  ],
  template: `
    <p><a [routerLink]="['/project', id()]">← Back to the project</a></p>
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    }
    @if (incident(); as i) {
      <h1>{{ i.title }}</h1>
      <div class="row">
        <app-badge [value]="i.severity" /> <app-badge [value]="i.status" />
        @if (i.suppressed) {
          <app-badge value="silenced" />
        }
        <span class="muted" [title]="i.timestamp"
          >started {{ i.timestamp | timeAgo }} · {{ count(i.alert_count, 'alert') }} ·
          {{ count(i.signal_count, 'signal') }} · {{ i.sources.join(', ') }}</span
        >
        <span class="spacer"></span>
        @if (i.status === 'open') {
          <button type="button" (click)="act('acknowledge')" [disabled]="busy()">Acknowledge</button>
        }
        @if (i.status !== 'resolved') {
          <app-silence-form [projectId]="id()" [incident]="i" (created)="reload()" />
          <button type="button" class="primary" (click)="act('resolve')" [disabled]="busy()">Resolve</button>
        } @else {
          <button type="button" (click)="act('reopen')" [disabled]="busy()">Reopen</button>
        }
      </div>

      <h2>Timeline</h2>
      @if (signals(); as s) {
        <app-timeline [signals]="s" />
      } @else {
        <p class="muted">Loading signals…</p>
      }

      <h2>Why these belong together</h2>
      <ul data-testid="explanation">
        @for (a of i.alerts; track a.id) {
          <li>
            <strong>{{ a.label }}</strong
            >: {{ a.reason.summary || 'the first alert of this incident' }}
          </li>
        }
      </ul>

      @if (i.templates.length) {
        <h2>Log templates</h2>
        <table>
          <thead>
            <tr>
              <th>Template</th>
              <th>Count</th>
              <th class="hide-narrow">Example</th>
            </tr>
          </thead>
          <tbody>
            @for (t of i.templates; track t.id) {
              <tr>
                <td>
                  <code>{{ t.template }}</code>
                </td>
                <td>{{ t.count }}</td>
                <td class="hide-narrow">
                  <code>{{ t.examples[0] }}</code>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }

      <h2>Alerts</h2>
      <table>
        <thead>
          <tr>
            <th>Alert</th>
            <th>Source</th>
            <th>Status</th>
            <th class="hide-narrow">Count</th>
            <th class="hide-narrow">Last seen</th>
          </tr>
        </thead>
        <tbody>
          @for (a of i.alerts; track a.id) {
            <tr>
              <td>
                @if (a.link) {
                  <a [href]="a.link" target="_blank" rel="noopener">{{ a.title }}</a>
                } @else {
                  {{ a.title }}
                }
              </td>
              <td>{{ a.source }}</td>
              <td>
                <app-badge [value]="a.status" />
                @for (h of a.held_because; track h) {
                  <div class="muted">{{ h }}</div>
                }
              </td>
              <td class="hide-narrow">{{ a.count }}</td>
              <td class="hide-narrow" [title]="a.last_seen">{{ a.last_seen | timeAgo }}</td>
            </tr>
          }
        </tbody>
      </table>

      @if (i.status !== 'resolved') {
        @for (current of [i.id]; track current) {
          <app-grouping-corrections [projectId]="id()" [incident]="i" (corrected)="corrected($event)" />
        }
      }

      <h2>Notifications</h2>
      <app-delivery-log
        [rows]="notifications()"
        empty="No notification for this incident (see the project's Notifications)."
      />

      <h2>Raw payloads</h2>
      @if (showRaw()) {
        @for (s of signals() ?? []; track s.id) {
          <details>
            <summary>{{ s.occurred_at }} · {{ s.source }} · {{ s.title }}</summary>
            <pre>{{ s.raw | json }}</pre>
          </details>
        }
      } @else {
        <button type="button" (click)="showRaw.set(true)">Show raw payloads</button>
      }
    } @else if (!error()) {
      <p class="muted">Loading incident…</p>
    }
  `,
})
export class IncidentPage implements OnInit {
  private readonly api = inject(IncidentsApi);
  private readonly notificationsApi = inject(NotificationsApi);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly title = inject(Title);
  protected readonly count = plural;
  readonly id = input.required<string>();
  readonly incidentId = input.required<string>();
  protected readonly incident = signal<IncidentDetail | null>(null);
  protected readonly signals = signal<IncidentSignal[] | null>(null);
  protected readonly notifications = signal<NotificationView[]>([]);
  protected readonly showRaw = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): Promise<void> {
    // Live: a change to this incident (an alert joining, the sweeper, another person) reloads it.
    this.api
      .stream(this.id())
      .pipe(
        filter((i) => i.id === this.incidentId()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => void this.load());
    return this.load();
  }

  /** After a silence: the incident shows its suppression and its alerts' silences. */
  protected reload(): Promise<void> {
    return this.load();
  }

  /** The incident this page is showing, or about to show. */
  private shown = '';

  private async load(id = this.incidentId()): Promise<void> {
    if (!this.shown) this.shown = id;
    try {
      const [detail, signals, notifications] = await Promise.all([
        firstValueFrom(this.api.get(id)),
        firstValueFrom(this.api.signals(id)),
        firstValueFrom(this.notificationsApi.forIncident(id)),
      ]);
      // A load for an incident this page no longer shows (the live stream, a merge) is dropped.
      if (id !== this.shown) return;
      this.incident.set(detail);
      this.title.setTitle(`${detail.title} · MOZAIC`);
      this.signals.set(signals);
      this.notifications.set(notifications);
    } catch (e) {
      this.error.set(apiError(e, 'This incident could not be loaded'));
    }
  }

  /** After a merge or move: show the incident the alerts are in now. */
  protected async corrected(target: IncidentDetail): Promise<void> {
    if (target.id === this.incidentId()) {
      this.incident.set(target);
      return;
    }
    this.incident.set(target);
    let destroyed = false;
    this.destroyRef.onDestroy(() => (destroyed = true));
    this.shown = target.id;
    await this.router.navigate(['/project', this.id(), 'incidents', target.id]);
    // The router may keep this page for the new incident (then it reloads) or make a new one.
    if (!destroyed) await this.load(target.id);
  }

  async act(action: 'acknowledge' | 'resolve' | 'reopen'): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.incident.set(await firstValueFrom(this.api.act(this.incidentId(), action)));
    } catch (e) {
      this.error.set(apiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
