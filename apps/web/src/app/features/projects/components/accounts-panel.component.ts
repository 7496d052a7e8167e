import { Component, inject, input, OnDestroy, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Account, FetchRun } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { BadgeComponent } from '../../../shared/severity-badge.component';
import { TimeAgoPipe } from '../../../shared/time-ago.pipe';
import { AccountsApi } from '../../accounts/data/accounts.api';

/** Connected accounts with their status, a re-test, and "fetch now" with per-account progress. */
@Component({
  selector: 'app-accounts-panel',
  imports: [RouterLink, BadgeComponent, TimeAgoPipe],
  template: `
    <section aria-labelledby="accounts-h">
      <div class="row">
        <h2 id="accounts-h">Accounts</h2>
        <span class="spacer"></span>
        <a class="button" [routerLink]="['/project', projectId(), 'connect']">Connect an account</a>
        <button type="button" class="primary" (click)="fetchNow()" [disabled]="fetching() || !accounts()?.length">
          {{ fetching() ? 'Fetching…' : 'Fetch now' }}
        </button>
      </div>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (accounts() === null) {
        <p class="muted">Loading accounts…</p>
      } @else if (!accounts()!.length) {
        <p class="muted">
          No account connected. Connect Kubernetes, Docker, CloudWatch, Grafana or Sentry to pull their signals, or use
          the webhooks below.
        </p>
      } @else {
        <table>
          <thead>
            <tr>
              <th>Account</th>
              <th>Status</th>
              <th class="hide-narrow">Last tested</th>
              <th class="hide-narrow">Last collected</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (a of accounts(); track a.id) {
              <tr>
                <td>
                  {{ a.name }} <span class="muted">{{ a.service_type }}</span>
                </td>
                <td>
                  <app-badge [value]="a.status" />
                  @if (a.status === 'error' && a.last_error) {
                    <div class="field-error">{{ a.last_error }}</div>
                  }
                </td>
                <td class="hide-narrow" [title]="a.last_tested ?? ''">{{ a.last_tested | timeAgo }}</td>
                <td class="hide-narrow" [title]="a.last_collected_at ?? ''">{{ a.last_collected_at | timeAgo }}</td>
                <td>
                  <div class="row">
                    <button type="button" (click)="retest(a)">Test</button>
                    @if (confirming() === a.id) {
                      <button type="button" class="danger" (click)="remove(a)">Yes, delete</button>
                      <button type="button" (click)="confirming.set(null)">Cancel</button>
                    } @else {
                      <button type="button" (click)="confirming.set(a.id)" [attr.aria-label]="'Delete ' + a.name">
                        Delete
                      </button>
                    }
                  </div>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (run(); as r) {
        <div class="card" aria-live="polite">
          <strong>{{ r.finished ? 'Fetch finished' : 'Fetching…' }}</strong>
          <ul>
            @for (i of r.accounts; track i.account_id) {
              <li>
                {{ i.account_name }} <app-badge [value]="i.status" />
                @if (i.status === 'done') {
                  {{ i.signal_count }} signals
                }
                @if (i.error) {
                  <span class="field-error">{{ i.error }}</span>
                }
              </li>
            }
          </ul>
        </div>
      }
    </section>
  `,
})
export class AccountsPanelComponent implements OnInit, OnDestroy {
  private readonly api = inject(AccountsApi);
  readonly projectId = input.required<string>();
  protected readonly accounts = signal<Account[] | null>(null);
  protected readonly run = signal<FetchRun | null>(null);
  protected readonly fetching = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The account whose deletion waits for a confirmation. */
  protected readonly confirming = signal<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;

  ngOnInit(): void {
    void this.load();
  }

  ngOnDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  async load(): Promise<void> {
    try {
      this.accounts.set(await firstValueFrom(this.api.list(this.projectId())));
    } catch (e) {
      this.accounts.set([]);
      this.error.set(apiError(e, 'Accounts could not be loaded'));
    }
  }

  async retest(a: Account): Promise<void> {
    try {
      await firstValueFrom(this.api.retest(a.id));
    } catch (e) {
      this.error.set(apiError(e));
    }
    await this.load();
  }

  async remove(a: Account): Promise<void> {
    try {
      await firstValueFrom(this.api.remove(a.id));
      this.confirming.set(null);
    } catch (e) {
      this.error.set(apiError(e));
    }
    await this.load();
  }

  async fetchNow(): Promise<void> {
    this.fetching.set(true);
    this.error.set(null);
    try {
      this.run.set(await firstValueFrom(this.api.fetchNow(this.projectId())));
      await this.follow();
    } catch (e) {
      this.error.set(apiError(e, 'The fetch could not start'));
      this.fetching.set(false);
    }
  }

  private async follow(): Promise<void> {
    const r = this.run();
    if (!r) return;
    if (r.finished) {
      this.fetching.set(false);
      await this.load();
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        this.run.set(await firstValueFrom(this.api.fetchRun(r.id)));
        await this.follow();
      } catch (e) {
        this.error.set(apiError(e));
        this.fetching.set(false);
      }
    }, 700);
  }
}
