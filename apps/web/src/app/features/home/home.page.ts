import { HttpClient } from '@angular/common/http';
import { Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, of } from 'rxjs';

interface Health {
  status: string;
  details: Record<string, { status: string }>;
}

type View = { state: 'loading' } | { state: 'ok' | 'down'; parts: Array<[string, string]> } | { state: 'error' };

/** The start page until the portal lands: whether the API and its services are up. */
@Component({
  selector: 'app-home-page',
  template: `
    <h1>MOZAIC</h1>
    @switch (view().state) {
      @case ('loading') {
        <p>Checking the API…</p>
      }
      @case ('error') {
        <p class="bad" role="alert">The API does not answer.</p>
      }
      @default {
        <p [class]="view().state === 'ok' ? 'ok' : 'bad'">
          API {{ view().state === 'ok' ? 'is up' : 'reports a problem' }}
        </p>
        <ul>
          @for (p of parts(); track p[0]) {
            <li>{{ p[0] }}: {{ p[1] }}</li>
          }
        </ul>
      }
    }
    <p><a href="/api/docs">API documentation</a></p>
  `,
  styles: `
    .ok {
      color: var(--ok);
    }
    .bad {
      color: var(--bad);
    }
  `,
})
export class HomePage {
  private readonly http = inject(HttpClient);

  protected readonly view = toSignal(
    this.http.get<Health>('/api/v1/health').pipe(
      map(
        (h): View => ({
          state: h.status === 'ok' ? 'ok' : 'down',
          parts: Object.entries(h.details).map(([k, v]) => [k, v.status]),
        }),
      ),
      // Terminus answers 503 with the same body when a part is down.
      catchError((e: { error?: Health }) =>
        of<View>(
          e.error?.details
            ? { state: 'down', parts: Object.entries(e.error.details).map(([k, v]) => [k, v.status]) }
            : { state: 'error' },
        ),
      ),
    ),
    { initialValue: { state: 'loading' } as View },
  );

  protected parts(): Array<[string, string]> {
    const v = this.view();
    return 'parts' in v ? v.parts : [];
  }
}
