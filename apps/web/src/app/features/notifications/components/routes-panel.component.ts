import { Component, inject, input, output, signal } from '@angular/core';
import {
  ChannelView,
  LabelMatcher,
  matchersText,
  parseMatchers,
  RouteView,
  SEVERITIES,
  Severity,
} from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { Actions } from '../../../shared/actions';
import { NotificationsApi } from '../data/notifications.api';

/** A project's routing rules, in the order they are tried, and the add form. */
@Component({
  selector: 'app-routes-panel',
  template: `
    <section aria-labelledby="routes-h">
      <h2 id="routes-h">Routes</h2>
      <p class="muted">
        Tried in order: a matching route notifies its channels and stops unless it says “continue”; the default route is
        used when no other matched.
      </p>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (routes().length) {
        <ol>
          @for (r of routes(); track r.id) {
            <li>
              <strong>{{ r.name }}</strong
              >{{ r.is_default ? ' (default)' : '' }}: {{ summary(r) }} → {{ channelNames(r) }}
              <button
                type="button"
                (click)="remove(r)"
                [disabled]="busy()"
                [attr.aria-label]="'Delete the route ' + r.name"
              >
                Delete
              </button>
            </li>
          }
        </ol>
      } @else {
        <p class="muted">No route: nobody is notified.</p>
      }
      <form
        class="card"
        #routeForm
        (submit)="
          $event.preventDefault();
          add(routeForm, name.value, sev.value, matchers.value, isDefault.checked, cont.checked)
        "
        aria-label="Add a route"
      >
        <div class="row">
          <label>Name <input #name required maxlength="100" placeholder="critical to the pager" /></label>
          <label
            >Severity at least
            <select #sev>
              <option value="">any</option>
              @for (s of severities; track s) {
                <option [value]="s">{{ s }}</option>
              }
            </select>
          </label>
        </div>
        <label
          >Matchers <input #matchers placeholder='service=~"checkout|payments", namespace="shop"' style="width: 100%"
        /></label>
        <fieldset>
          <legend>Channels</legend>
          @for (c of channels(); track c.id) {
            <label class="check"
              ><input type="checkbox" [checked]="picked().has(c.id)" (change)="pick(c.id)" /> {{ c.name }}</label
            >
          }
        </fieldset>
        <label class="check"><input #isDefault type="checkbox" /> Default route</label>
        <label class="check"><input #cont type="checkbox" /> Continue to the next routes after a match</label>
        <button type="submit" class="primary" [disabled]="busy()">Add route</button>
      </form>
    </section>
  `,
})
export class RoutesPanelComponent {
  private readonly api = inject(NotificationsApi);
  readonly projectId = input.required<string>();
  readonly routes = input.required<RouteView[]>();
  readonly channels = input.required<ChannelView[]>();
  readonly changed = output<void>();
  protected readonly severities = SEVERITIES;
  protected readonly picked = signal(new Set<string>());
  protected readonly actions = new Actions(() => this.changed.emit());
  protected readonly busy = this.actions.busy;
  protected readonly error = this.actions.error;

  protected summary(r: RouteView): string {
    const parts = [
      r.severity_at_least ? `severity ≥ ${r.severity_at_least}` : 'any severity',
      ...(r.events.length ? [r.events.join(' | ')] : []),
      ...(r.matchers.length ? [matchersText(r.matchers)] : []),
    ];
    return parts.join(', ') + (r.continue ? ' (continue)' : '');
  }

  protected channelNames(r: RouteView): string {
    const names = r.channel_ids.map((id) => this.channels().find((c) => c.id === id)?.name ?? 'a deleted channel');
    return names.join(', ') || 'no channel';
  }

  protected pick(id: string): void {
    const next = new Set(this.picked());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.picked.set(next);
  }

  protected async add(
    form: HTMLFormElement,
    name: string,
    sev: string,
    matchers: string,
    isDefault: boolean,
    cont: boolean,
  ): Promise<void> {
    this.error.set(null);
    let parsed: LabelMatcher[];
    try {
      parsed = parseMatchers(matchers);
    } catch (e) {
      this.error.set((e as Error).message);
      return;
    }
    await this.actions.run(async () => {
      await firstValueFrom(
        this.api.createRoute(this.projectId(), {
          name: name.trim() || 'route',
          severity_at_least: (sev || null) as Severity | null,
          matchers: parsed,
          channel_ids: [...this.picked()],
          is_default: isDefault,
          continue: cont,
        }),
      );
      this.picked.set(new Set());
      form.reset();
    });
  }

  protected remove(r: RouteView): Promise<void> {
    return this.actions.run(() => firstValueFrom(this.api.removeRoute(r.id)));
  }
}
