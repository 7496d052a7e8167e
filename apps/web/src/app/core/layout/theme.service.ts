import { Injectable, signal } from '@angular/core';

export type Theme = 'light' | 'dark';
const KEY = 'mozaic-theme';

/** Light or dark, following the system until the user picks one (a preference, not a secret). */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  readonly theme = signal<Theme>(this.initial());

  constructor() {
    this.apply(this.theme());
  }

  toggle(): void {
    const next: Theme = this.theme() === 'dark' ? 'light' : 'dark';
    this.theme.set(next);
    localStorage.setItem(KEY, next);
    this.apply(next);
  }

  private initial(): Theme {
    const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
    if (saved === 'light' || saved === 'dark') return saved;
    return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  private apply(t: Theme): void {
    document.documentElement.dataset['theme'] = t;
  }
}
