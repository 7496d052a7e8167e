import { Component, inject, input, OnInit, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { IncidentDetail, IncidentSummary } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { IncidentsApi } from '../data/incidents.api';

/**
 * "Wrong grouping?": merge this incident into another open one, or move one of its alerts to
 * another incident or a new one. MOZAIC records who did it and groups the same way next time.
 */
@Component({
  selector: 'app-grouping-corrections',
  imports: [ReactiveFormsModule],
  template: `
    <h2>Wrong grouping?</h2>
    <p class="muted">MOZAIC records the correction and groups these entities the same way next time.</p>
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    }
    <div class="row">
      <label
        >Merge this incident into
        <select [formControl]="into" data-testid="merge-into">
          <option value="">— choose an open incident —</option>
          @for (o of others(); track o.id) {
            <option [value]="o.id">{{ o.title }}</option>
          }
        </select>
      </label>
      <button type="button" (click)="merge()" [disabled]="busy() || !into.value">Merge</button>
    </div>
    @if (incident().alerts.length > 1) {
      <div class="row">
        <label
          >Move alert
          <select [formControl]="alertId" data-testid="move-alert">
            @for (a of incident().alerts; track a.id) {
              <option [value]="a.id">{{ a.label }}</option>
            }
          </select>
        </label>
        <label
          >to
          <select [formControl]="to" data-testid="move-to">
            <option value="new">a new incident</option>
            @for (o of others(); track o.id) {
              <option [value]="o.id">{{ o.title }}</option>
            }
          </select>
        </label>
        <button type="button" (click)="move()" [disabled]="busy() || !alertId.value">Move</button>
      </div>
    }
  `,
})
export class GroupingCorrectionsComponent implements OnInit {
  private readonly api = inject(IncidentsApi);
  readonly projectId = input.required<string>();
  readonly incident = input.required<IncidentDetail>();
  /** The incident the alerts are in afterwards. */
  readonly corrected = output<IncidentDetail>();
  protected readonly others = signal<IncidentSummary[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly into = new FormControl('', { nonNullable: true });
  protected readonly alertId = new FormControl('', { nonNullable: true });
  protected readonly to = new FormControl('new', { nonNullable: true });

  async ngOnInit(): Promise<void> {
    this.alertId.setValue(this.incident().alerts[0]?.id ?? '');
    try {
      const page = await firstValueFrom(
        this.api.list(this.projectId(), { status: ['open', 'acknowledged'], limit: 100 }),
      );
      this.others.set(page.items.filter((i) => i.id !== this.incident().id));
    } catch (e) {
      this.error.set(apiError(e, 'Open incidents could not be loaded'));
    }
  }

  protected merge(): Promise<void> {
    return this.run(() => this.api.merge(this.incident().id, { into: this.into.value }));
  }

  protected move(): Promise<void> {
    const body = this.to.value === 'new' ? { new: true as const } : { to: this.to.value };
    return this.run(() => this.api.move(this.incident().id, this.alertId.value, body));
  }

  private async run(call: () => ReturnType<IncidentsApi['merge']>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.corrected.emit(await firstValueFrom(call()));
    } catch (e) {
      this.error.set(apiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
