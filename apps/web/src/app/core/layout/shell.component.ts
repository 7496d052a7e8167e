import { Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { SessionStore } from '../auth/session.store';
import { ThemeService } from './theme.service';

/** The frame of every page: brand, the signed-in user, theme switch, sign out. */
@Component({
  selector: 'app-shell',
  imports: [RouterOutlet, RouterLink],
  template: `
    <a class="skip" href="#main" (click)="skip($event)">Skip to content</a>
    <header class="bar">
      <a routerLink="/" class="brand">MOZAIC</a>
      <span class="tagline">incident intelligence</span>
      <span class="spacer"></span>
      <button
        type="button"
        class="ghost"
        (click)="theme.toggle()"
        [attr.aria-label]="'Switch to ' + (theme.theme() === 'dark' ? 'light' : 'dark') + ' theme'"
      >
        {{ theme.theme() === 'dark' ? '☀ Light' : '☾ Dark' }}
      </button>
      @if (session.user(); as u) {
        <span class="user">{{ u.email }}</span>
        <button type="button" class="ghost" (click)="signOut()">Sign out</button>
      }
    </header>
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
})
export class ShellComponent {
  protected readonly session = inject(SessionStore);
  protected readonly theme = inject(ThemeService);
  private readonly router = inject(Router);

  constructor() {
    // After moving to another page, focus its content (as a full page load would start there), not <body>.
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => setTimeout(() => document.getElementById('main')?.focus({ preventScroll: true })));
  }

  /** Moves focus to the page's content; the href alone would navigate to /#main. */
  protected skip(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }

  async signOut(): Promise<void> {
    await this.session.logout();
    await this.router.navigate(['/login']);
  }
}
