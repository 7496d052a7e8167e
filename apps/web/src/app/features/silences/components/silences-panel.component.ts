import { Component, inject, input, OnInit, signal } from '@angular/core';
import { matchersText, SilenceView } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { Actions } from '../../../shared/actions';
import { SilencesApi } from '../data/silences.api';

/** A project's silences that have not expired, with who made them, why, until when; expire one. */
@Component({
  selector: 'app-silences-panel',
  template: `
    <section aria-labelledby="silences-h">
      <h2 id="silences-h">Silences</h2>
      @if (actions.error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (current().length === 0) {
        <p class="muted">No silence. Silence an incident from its page (“Silence…”), or with amtool.</p>
      } @else {
        <table aria-label="Silences">
          <thead>
            <tr>
              <th scope="col">Matchers</th>
              <th scope="col">State</th>
              <th scope="col">Until</th>
              <th scope="col">By</th>
              <th scope="col">Why</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (s of current(); track s.id) {
              <tr>
                <td>
                  <code>{{ matchers(s) }}</code>
                </td>
                <td>{{ s.state }}</td>
                <td [title]="s.ends_at">{{ local(s.ends_at) }}</td>
                <td>{{ s.created_by }}</td>
                <td>{{ s.comment }}</td>
                <td><button type="button" (click)="expire(s)" [disabled]="actions.busy()">Expire</button></td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
})
export class SilencesPanelComponent implements OnInit {
  private readonly api = inject(SilencesApi);
  readonly projectId = input.required<string>();
  protected readonly current = signal<SilenceView[]>([]);
  protected readonly actions = new Actions(() => void this.load());

  ngOnInit(): Promise<void> {
    return this.load();
  }

  async load(): Promise<void> {
    const all = await firstValueFrom(this.api.list(this.projectId())).catch(() => [] as SilenceView[]);
    this.current.set(all.filter((s) => s.state !== 'expired'));
  }

  protected matchers(s: SilenceView): string {
    return matchersText(s.matchers);
  }

  protected local(iso: string): string {
    return new Date(iso).toLocaleString();
  }

  protected expire(s: SilenceView): Promise<void> {
    return this.actions.run(() => firstValueFrom(this.api.expire(s.id)));
  }
}
