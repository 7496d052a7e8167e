import { Component, inject, input, OnInit, signal } from '@angular/core';
import { WebhookSettings } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { ProjectsApi } from '../data/projects.api';

type Source = keyof WebhookSettings['urls'];

const HINTS: Record<Source, string> = {
  alertmanager:
    'alertmanager.yml → receivers → webhook_configs: url, and http_config.authorization.credentials: the token.',
  grafana: 'Alerting → Contact points → Webhook: the URL, with the token as Authorization header “Bearer <token>”.',
  sentry:
    'Settings → Developer Settings → internal integration: Webhook URL, with its client secret set below in the API.',
  cloudwatch:
    'SNS topic → HTTPS subscription to this URL (allow the topic ARN first); or an EventBridge API destination with the token.',
};

/** The project's webhook URLs, copy buttons, the token (shown once when generated) and setup hints. */
@Component({
  selector: 'app-webhooks-panel',
  template: `
    <section aria-labelledby="webhooks-h">
      <h2 id="webhooks-h">Webhooks</h2>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (settings(); as s) {
        <div class="card">
          <div class="row">
            <span
              >Token: <code>{{ s.token_hint ?? 'none yet' }}</code></span
            >
            @if (!s.token_hint) {
              <button type="button" (click)="rotate()">Generate a token</button>
            } @else if (!confirming()) {
              <button type="button" (click)="confirming.set(true)">Generate a new token</button>
            }
          </div>
          @if (confirming()) {
            <div class="row" role="group" aria-label="Replace the webhook token">
              <label
                >Senders using the current token keep working for
                <select #grace aria-label="How long the current token keeps working">
                  <option value="24" selected>24 hours</option>
                  <option value="1">1 hour</option>
                  <option value="168">7 days</option>
                  <option value="0">no time: stop it now</option>
                </select>
              </label>
              <button type="button" class="primary" (click)="rotate(+grace.value)">Replace the token</button>
              <button type="button" (click)="confirming.set(false)">Cancel</button>
            </div>
          }
          @if (previousUntil(); as until) {
            <p class="muted">The previous token works until {{ until }}: move your senders to the new one.</p>
          }
          @if (token(); as t) {
            <p role="status">
              Copy it now, it is shown only once: <code>{{ t }}</code>
              <button type="button" (click)="copy(t, 'token')">Copy token</button>
            </p>
          }
        </div>
        <table>
          <tbody>
            @for (src of sources; track src) {
              <tr>
                <th scope="row">{{ src }}</th>
                <td>
                  <code style="word-break: break-all">{{ s.urls[src] }}</code>
                  <div class="muted">{{ hints[src] }}</div>
                </td>
                <td>
                  <button
                    type="button"
                    (click)="copy(s.urls[src], src)"
                    [attr.aria-label]="'Copy the ' + src + ' webhook URL'"
                  >
                    Copy
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
        <p class="muted" aria-live="polite">{{ copied() ? copied() + ' copied' : '' }}</p>
      } @else if (!error()) {
        <p class="muted">Loading webhooks…</p>
      }
    </section>
  `,
})
export class WebhooksPanelComponent implements OnInit {
  private readonly api = inject(ProjectsApi);
  readonly projectId = input.required<string>();
  protected readonly sources: Source[] = ['alertmanager', 'grafana', 'sentry', 'cloudwatch'];
  protected readonly hints = HINTS;
  protected readonly settings = signal<WebhookSettings | null>(null);
  protected readonly token = signal<string | null>(null);
  protected readonly confirming = signal(false);
  protected readonly previousUntil = signal<string | null>(null);
  protected readonly copied = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.settings.set(await firstValueFrom(this.api.webhooks(this.projectId())));
    } catch (e) {
      this.error.set(apiError(e, 'Webhook settings could not be loaded'));
    }
  }

  async rotate(graceHours?: number): Promise<void> {
    try {
      const t = await firstValueFrom(this.api.rotateToken(this.projectId(), graceHours));
      this.token.set(t.token);
      this.previousUntil.set(t.previous_valid_until ? new Date(t.previous_valid_until).toLocaleString() : null);
      this.confirming.set(false);
      await this.load();
    } catch (e) {
      this.error.set(apiError(e));
    }
  }

  async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied.set(what);
    } catch {
      this.copied.set(null);
      this.error.set('The clipboard is not available here: select the text and copy it.');
    }
  }
}
