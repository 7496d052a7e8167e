import { Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AccountTestResult, SERVICE_TYPES, ServiceType } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { BadgeComponent } from '../../../shared/severity-badge.component';
import { AccountsApi } from '../data/accounts.api';
import { fieldProblem, SOURCE_FIELDS, toRequest } from './source-fields';

/** Connect an account: a form per source, checked as you go, tested before it is saved. */
@Component({
  selector: 'app-connect-page',
  imports: [ReactiveFormsModule, RouterLink, BadgeComponent],
  template: `
    <p><a [routerLink]="['/project', id()]">← Back to the project</a></p>
    <h1>Connect an account</h1>
    <div class="row" role="radiogroup" aria-label="Source">
      @for (t of types; track t) {
        <button
          type="button"
          role="radio"
          [attr.aria-checked]="type() === t"
          [class.primary]="type() === t"
          (click)="choose(t)"
        >
          {{ t }}
        </button>
      }
    </div>
    <form class="card" [formGroup]="form()" (ngSubmit)="save()" novalidate>
      <label for="acct-name">Name</label>
      <input id="acct-name" [formControl]="name" [placeholder]="type() + ' (production)'" />
      @for (f of fields(); track f.key) {
        <label [for]="'f-' + f.key">{{ f.label }}{{ f.required ? ' *' : '' }}</label>
        @switch (f.kind) {
          @case ('multiline') {
            <textarea
              [id]="'f-' + f.key"
              [formControlName]="f.key"
              [attr.aria-invalid]="!!problem(f.key)"
              [attr.aria-describedby]="'e-' + f.key"
            ></textarea>
          }
          @case ('secret') {
            <input
              [id]="'f-' + f.key"
              type="password"
              autocomplete="off"
              [formControlName]="f.key"
              [attr.aria-invalid]="!!problem(f.key)"
              [attr.aria-describedby]="'e-' + f.key"
            />
          }
          @default {
            <input
              [id]="'f-' + f.key"
              [type]="f.kind === 'integer' ? 'number' : 'text'"
              [placeholder]="f.placeholder ?? ''"
              [formControlName]="f.key"
              [attr.aria-invalid]="!!problem(f.key)"
              [attr.aria-describedby]="'e-' + f.key"
            />
          }
        }
        @if (f.hint) {
          <div class="muted">{{ f.hint }}</div>
        }
        @if (problem(f.key); as p) {
          <p class="field-error" [id]="'e-' + f.key">{{ p }}</p>
        }
      }
      @if (result(); as r) {
        <p role="status" [class.ok-text]="r.ok" [class.error]="!r.ok">
          <app-badge [value]="r.status" />
          {{ r.ok ? 'Connection works: ' + r.detail : 'Connection failed: ' + r.error }}
        </p>
      }
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      <div class="row">
        <button type="button" (click)="test()" [disabled]="busy()">
          {{ busy() === 'test' ? 'Testing…' : 'Test connection' }}
        </button>
        <button type="submit" class="primary" [disabled]="busy()">
          {{ busy() === 'save' ? 'Saving…' : 'Save account' }}
        </button>
      </div>
    </form>
  `,
})
export class ConnectPage {
  private readonly api = inject(AccountsApi);
  private readonly router = inject(Router);
  readonly id = input.required<string>();
  protected readonly types = SERVICE_TYPES;
  protected readonly type = signal<ServiceType>('kubernetes');
  protected readonly fields = computed(() => SOURCE_FIELDS(this.type()));
  protected readonly form = computed(
    () =>
      new FormGroup(Object.fromEntries(this.fields().map((f) => [f.key, new FormControl('', { nonNullable: true })]))),
  );
  protected readonly name = new FormControl('', { nonNullable: true });
  protected readonly result = signal<AccountTestResult | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<'test' | 'save' | null>(null);
  private readonly submitted = signal(false);

  choose(t: ServiceType): void {
    this.type.set(t);
    // The name was for the previous source.
    this.name.reset('');
    this.result.set(null);
    this.error.set(null);
    this.submitted.set(false);
  }

  protected problem(key: string): string | null {
    const control = this.form().get(key);
    const f = this.fields().find((x) => x.key === key);
    if (!control || !f || (!control.touched && !this.submitted())) return null;
    return fieldProblem(f, control.value as string);
  }

  private valid(): boolean {
    this.submitted.set(true);
    this.form().markAllAsTouched();
    const values = this.form().getRawValue() as Record<string, string>;
    return this.fields().every((f) => !fieldProblem(f, values[f.key] ?? ''));
  }

  private request() {
    return toRequest(this.type(), this.form().getRawValue() as Record<string, string>);
  }

  async test(): Promise<void> {
    if (!this.valid()) return;
    this.busy.set('test');
    this.error.set(null);
    try {
      this.result.set(await firstValueFrom(this.api.test({ service_type: this.type(), ...this.request() })));
    } catch (e) {
      this.error.set(apiError(e, 'The test could not run'));
    } finally {
      this.busy.set(null);
    }
  }

  async save(): Promise<void> {
    if (!this.valid()) return;
    this.busy.set('save');
    this.error.set(null);
    try {
      await firstValueFrom(
        this.api.connect({
          project_id: this.id(),
          service_type: this.type(),
          name: this.name.value.trim() || undefined,
          ...this.request(),
        }),
      );
      // Stored either way: the project page shows it with its status and, when its test failed, the
      // reason (it is retried on schedule). Staying here would invite a second Save — a duplicate.
      await this.router.navigate(['/project', this.id()]);
    } catch (e) {
      this.error.set(apiError(e, 'The account could not be saved'));
    } finally {
      this.busy.set(null);
    }
  }
}
