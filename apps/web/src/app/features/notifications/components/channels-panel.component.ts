import { Component, inject, input, output, signal } from '@angular/core';
import { CHANNEL_TYPES, ChannelTestResult, ChannelType, ChannelView } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { Actions } from '../../../shared/actions';
import { CHANNEL_FIELDS } from '../data/channel-fields';
import { NotificationsApi } from '../data/notifications.api';

/** A project's channels: settings (secrets masked), last result, test, pause, delete; and the add form. */
@Component({
  selector: 'app-channels-panel',
  template: `
    <section aria-labelledby="channels-h">
      <h2 id="channels-h">Channels</h2>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (channels().length === 0) {
        <p class="muted">No channel yet: add one below, then a route to it.</p>
      } @else {
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Settings</th>
              <th scope="col">Last result</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (c of channels(); track c.id) {
              <tr>
                <td>
                  {{ c.name }}
                  @if (!c.enabled) {
                    <span class="muted">(paused)</span>
                  }
                </td>
                <td>{{ c.type }}</td>
                <td>
                  <code style="word-break: break-all">{{ describe(c) }}</code>
                </td>
                <td>
                  @if (results()[c.id] ?? c.last_result; as r) {
                    <span [class.error]="!r.ok"
                      >{{ r.ok ? 'OK' : 'Failed' }} ({{ r.status ?? 'no answer' }}): {{ r.answer }}</span
                    >
                  } @else {
                    <span class="muted">never sent</span>
                  }
                </td>
                <td class="row">
                  <button
                    type="button"
                    (click)="test(c)"
                    [disabled]="busy()"
                    [attr.aria-label]="'Send a test message to ' + c.name"
                  >
                    Test
                  </button>
                  <button type="button" (click)="toggle(c)" [disabled]="busy()">
                    {{ c.enabled ? 'Pause' : 'Resume' }}
                  </button>
                  <button type="button" (click)="remove(c)" [disabled]="busy()" [attr.aria-label]="'Delete ' + c.name">
                    Delete
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
      <form
        #addForm
        class="card"
        (submit)="$event.preventDefault(); add(addForm, name.value)"
        aria-label="Add a channel"
      >
        <div class="row">
          <label
            >Type
            <select #type [value]="kind()" (change)="kind.set($any(type.value)); values = {}">
              @for (t of types; track t) {
                <option [value]="t">{{ fields[t].label }}</option>
              }
            </select>
          </label>
          <label>Name <input #name name="name" required maxlength="100" [placeholder]="kind() + ' channel'" /></label>
        </div>
        @for (f of fields[kind()].fields; track f.name) {
          <label
            >{{ f.label }}
            @if (f.optional) {
              <span class="muted"> (optional)</span>
            }
            <input
              [name]="f.name"
              [type]="f.secret ? 'password' : 'text'"
              [placeholder]="f.placeholder"
              autocomplete="off"
              (input)="values[f.name] = $any($event.target).value"
            />
          </label>
        }
        <button type="submit" class="primary" [disabled]="busy()">Add channel</button>
        @if (secret(); as s) {
          <p role="status">
            Signing secret (shown once, for X-Mozaic-Signature): <code>{{ s }}</code>
          </p>
        }
      </form>
    </section>
  `,
})
export class ChannelsPanelComponent {
  private readonly api = inject(NotificationsApi);
  readonly projectId = input.required<string>();
  readonly channels = input.required<ChannelView[]>();
  /** Something changed: the page reloads channels and the log. */
  readonly changed = output<void>();
  protected readonly types = CHANNEL_TYPES;
  protected readonly fields = CHANNEL_FIELDS;
  protected readonly kind = signal<ChannelType>('slack');
  protected values: Record<string, string> = {};
  protected readonly results = signal<Record<string, ChannelTestResult & { at: string }>>({});
  protected readonly secret = signal<string | null>(null);
  protected readonly actions = new Actions(() => this.changed.emit());
  protected readonly busy = this.actions.busy;
  protected readonly error = this.actions.error;

  protected describe(c: ChannelView): string {
    return Object.entries(c.settings)
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
      .join(' · ');
  }

  protected async add(form: HTMLFormElement, typed: string): Promise<void> {
    const name = typed.trim() || `${this.kind()} channel`;
    const settings: Record<string, string | string[]> = {};
    for (const f of this.fields[this.kind()].fields) {
      const v = (this.values[f.name] ?? '').trim();
      if (v) settings[f.name] = f.name === 'to' ? v.split(',').map((x) => x.trim()) : v;
    }
    await this.actions.run(async () => {
      const created = await firstValueFrom(
        this.api.createChannel(this.projectId(), { name, type: this.kind(), settings }),
      );
      this.secret.set(created.signing_secret ?? null);
      this.values = {};
      form.reset();
      this.kind.set('slack');
    });
  }

  protected test(c: ChannelView): Promise<void> {
    return this.actions.run(async () => {
      const r = await firstValueFrom(this.api.testChannel(c.id));
      this.results.set({ ...this.results(), [c.id]: { ...r, at: new Date().toISOString() } });
    });
  }

  protected toggle(c: ChannelView): Promise<void> {
    return this.actions.run(() => firstValueFrom(this.api.updateChannel(c.id, { enabled: !c.enabled })));
  }

  protected remove(c: ChannelView): Promise<void> {
    if (!confirm(`Delete the channel "${c.name}"? Its delivery log goes with it.`)) return Promise.resolve();
    return this.actions.run(() => firstValueFrom(this.api.removeChannel(c.id)));
  }
}
