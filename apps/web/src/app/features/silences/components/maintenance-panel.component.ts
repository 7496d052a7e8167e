import { Component, inject, input, OnInit, signal } from '@angular/core';
import {
  INHIBITION_PRESET_NAMES,
  INHIBITION_PRESETS,
  InhibitionPreset,
  InhibitionRuleView,
  LabelMatcher,
  MaintenanceWindowView,
  matchersText,
  parseMatchers,
} from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { Actions } from '../../../shared/actions';
import { SilencesApi } from '../data/silences.api';

const REPEATS: Record<string, (start: string) => string | null> = {
  once: () => null,
  daily: () => 'FREQ=DAILY',
  weekly: (start) =>
    `FREQ=WEEKLY;BYDAY=${['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(`${start}:00Z`).getUTCDay()]}`,
};

/** Maintenance windows (scheduled quiet, once or recurring, in a time zone) and inhibition rules. */
@Component({
  selector: 'app-maintenance-panel',
  template: `
    <section aria-labelledby="maintenance-h">
      <h2 id="maintenance-h">Maintenance windows and inhibition</h2>
      @if (actions.error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (windows().length) {
        <table aria-label="Maintenance windows">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">When</th>
              <th scope="col">Matchers</th>
              <th scope="col">Now</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (w of windows(); track w.id) {
              <tr>
                <td>{{ w.name }}</td>
                <td>
                  {{ w.start_local.replace('T', ' ') }} {{ w.timezone }}, {{ w.duration_minutes }} min{{
                    w.rrule ? ' · ' + w.rrule : ''
                  }}
                </td>
                <td>
                  <code>{{ text(w.matchers) }}</code>
                </td>
                <td>{{ w.active ? 'in progress' : w.next ? 'next ' + local(w.next.starts_at) : 'over' }}</td>
                <td><button type="button" (click)="removeWindow(w)" [disabled]="actions.busy()">Delete</button></td>
              </tr>
            }
          </tbody>
        </table>
      }
      <form
        #f
        class="card"
        aria-label="Add a maintenance window"
        (submit)="
          $event.preventDefault();
          addWindow(f, name.value, matchers.value, start.value, tz.value, minutes.value, repeat.value)
        "
      >
        <div class="row">
          <label>Name <input #name required maxlength="200" placeholder="db upgrade" /></label>
          <label>Starts (local) <input #start type="datetime-local" required /></label>
          <label>Time zone <input #tz [value]="zone" required /></label>
          <label>Minutes <input #minutes type="number" min="1" max="10080" value="120" required /></label>
          <label
            >Repeat
            <select #repeat>
              <option value="once">once</option>
              <option value="daily">every day</option>
              <option value="weekly">every week on that day</option>
            </select>
          </label>
        </div>
        <label>Matchers <input #matchers required placeholder='service="ledger-db"' style="width: 100%" /></label>
        <button type="submit" class="primary" [disabled]="actions.busy()">Add window</button>
      </form>
      <fieldset>
        <legend>Inhibition</legend>
        @for (p of presets; track p) {
          <label class="check">
            <input type="checkbox" [checked]="ruleFor(p) !== null" (change)="toggle(p)" [disabled]="actions.busy()" />
            {{ presetLabels[p] }}
          </label>
        }
      </fieldset>
    </section>
  `,
})
export class MaintenancePanelComponent implements OnInit {
  private readonly api = inject(SilencesApi);
  readonly projectId = input.required<string>();
  protected readonly windows = signal<MaintenanceWindowView[]>([]);
  protected readonly rules = signal<InhibitionRuleView[]>([]);
  protected readonly actions = new Actions(() => void this.load());
  protected readonly presets = INHIBITION_PRESETS;
  protected readonly presetLabels = INHIBITION_PRESET_NAMES;
  protected readonly zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  ngOnInit(): Promise<void> {
    return this.load();
  }

  async load(): Promise<void> {
    const [w, r] = await Promise.all([
      firstValueFrom(this.api.windows(this.projectId())).catch(() => []),
      firstValueFrom(this.api.inhibitions(this.projectId())).catch(() => []),
    ]);
    this.windows.set(w);
    this.rules.set(r);
  }

  protected text(ms: LabelMatcher[]): string {
    return matchersText(ms);
  }

  protected local(iso: string): string {
    return new Date(iso).toLocaleString();
  }

  /** The preset's rule, matched by its name (presets are stored as plain rules). */
  protected ruleFor(p: InhibitionPreset): InhibitionRuleView | null {
    return this.rules().find((r) => r.name === INHIBITION_PRESET_NAMES[p]) ?? null;
  }

  protected toggle(p: InhibitionPreset): Promise<void> {
    const rule = this.ruleFor(p);
    return this.actions.run(() =>
      rule
        ? firstValueFrom(this.api.removeInhibition(rule.id))
        : firstValueFrom(this.api.createInhibition(this.projectId(), { preset: p })),
    );
  }

  protected addWindow(
    form: HTMLFormElement,
    name: string,
    matchers: string,
    start: string,
    tz: string,
    minutes: string,
    repeat: string,
  ): Promise<void> {
    let parsed: LabelMatcher[];
    try {
      parsed = parseMatchers(matchers);
    } catch (e) {
      this.actions.error.set((e as Error).message);
      return Promise.resolve();
    }
    return this.actions.run(async () => {
      await firstValueFrom(
        this.api.createWindow(this.projectId(), {
          name: name.trim(),
          matchers: parsed,
          start_local: start.slice(0, 16),
          timezone: tz.trim(),
          duration_minutes: Number(minutes),
          rrule: (REPEATS[repeat] ?? REPEATS['once'])(start.slice(0, 16)),
        }),
      );
      form.reset();
    });
  }

  protected removeWindow(w: MaintenanceWindowView): Promise<void> {
    return this.actions.run(() => firstValueFrom(this.api.removeWindow(w.id)));
  }
}
