import { Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { apiError } from '../../../core/http/api-error';
import { SessionStore } from '../../../core/auth/session.store';

/** Sign in, or register (then signed in); errors of the form and of the server shown in place. */
@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule],
  template: `
    <main id="main" class="login">
      <h1>MOZAIC</h1>
      <p class="muted">Incident intelligence for on-call engineers.</p>
      <div class="row" role="tablist" aria-label="Sign in or register">
        <button
          type="button"
          role="tab"
          [attr.aria-selected]="mode() === 'login'"
          [class.primary]="mode() === 'login'"
          (click)="switchTo('login')"
        >
          Sign in
        </button>
        <button
          type="button"
          role="tab"
          [attr.aria-selected]="mode() === 'register'"
          [class.primary]="mode() === 'register'"
          (click)="switchTo('register')"
        >
          Register
        </button>
      </div>
      <form [formGroup]="form" (ngSubmit)="submit()" class="card" novalidate>
        <label for="email">Email</label>
        <input
          id="email"
          type="email"
          formControlName="email"
          autocomplete="email"
          [attr.aria-invalid]="invalid('email')"
          aria-describedby="email-error"
        />
        @if (invalid('email')) {
          <p id="email-error" class="field-error">Enter a valid email address.</p>
        }
        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          formControlName="password"
          [attr.autocomplete]="mode() === 'login' ? 'current-password' : 'new-password'"
          [attr.aria-invalid]="invalid('password')"
          aria-describedby="password-error"
        />
        @if (invalid('password')) {
          <p id="password-error" class="field-error">
            {{ mode() === 'register' ? 'Use at least 8 characters.' : 'Enter your password.' }}
          </p>
        }
        @if (serverError(); as e) {
          <p class="error" role="alert">{{ e }}</p>
        }
        <p>
          <button class="primary" type="submit" [disabled]="busy()">
            {{ busy() ? 'Please wait…' : mode() === 'login' ? 'Sign in' : 'Create account' }}
          </button>
        </p>
      </form>
    </main>
  `,
  styles: `
    .login {
      max-width: 420px;
      margin-top: 6vh;
    }
  `,
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  protected readonly mode = signal<'login' | 'register'>('login');
  protected readonly busy = signal(false);
  protected readonly serverError = signal<string | null>(null);

  /** Another tab: the other form's server error no longer applies. */
  protected switchTo(mode: 'login' | 'register'): void {
    this.mode.set(mode);
    this.serverError.set(null);
  }
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(8)]],
  });

  protected invalid(name: 'email' | 'password'): boolean {
    const c = this.form.controls[name];
    if (name === 'password' && this.mode() === 'login') return c.touched && !c.value;
    return c.touched && c.invalid;
  }

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.invalid('email') || this.invalid('password')) return;
    this.busy.set(true);
    this.serverError.set(null);
    try {
      const body = this.form.getRawValue();
      if (this.mode() === 'login') await this.session.login(body);
      else await this.session.register(body);
      await this.router.navigateByUrl(this.safeReturn());
    } catch (e) {
      this.serverError.set(apiError(e, this.mode() === 'login' ? 'Sign-in failed' : 'Registration failed'));
    } finally {
      this.busy.set(false);
    }
  }

  /** Only paths inside the app: never an absolute URL from a link. */
  private safeReturn(): string {
    const r = this.returnUrl();
    return r && r.startsWith('/') && !r.startsWith('//') ? r : '/';
  }
}
