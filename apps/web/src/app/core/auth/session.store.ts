import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { LoginRequest, RegisterRequest, TokenResponse, User } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';

/**
 * The session: the access token lives in memory only (never in storage); the refresh token is an
 * httpOnly cookie the browser sends to /api/v1/auth, so a reload or an expired token is renewed
 * silently. Concurrent renewals share one request.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly token = signal<string | null>(null);
  readonly user = signal<User | null>(null);
  readonly signedIn = computed(() => this.token() !== null);
  private refreshing: Promise<boolean> | null = null;

  accessToken(): string | null {
    return this.token();
  }

  async login(body: LoginRequest): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<TokenResponse>('/api/v1/auth/login', body, { withCredentials: true }),
    );
    this.token.set(res.access_token);
    await this.loadUser();
  }

  async register(body: RegisterRequest): Promise<void> {
    await firstValueFrom(this.http.post<User>('/api/v1/auth/register', body));
    await this.login(body);
  }

  /** Renews the access token from the refresh cookie; false when there is no valid session. */
  refresh(): Promise<boolean> {
    this.refreshing ??= firstValueFrom(
      this.http.post<TokenResponse>('/api/v1/auth/refresh', {}, { withCredentials: true }),
    )
      .then(async (res) => {
        this.token.set(res.access_token);
        if (!this.user()) await this.loadUser();
        return true;
      })
      .catch(() => {
        this.clear();
        return false;
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async logout(): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/auth/logout', {}, { withCredentials: true })).catch(() => undefined);
    this.clear();
  }

  clear(): void {
    this.token.set(null);
    this.user.set(null);
  }

  private async loadUser(): Promise<void> {
    this.user.set(await firstValueFrom(this.http.get<User>('/api/v1/auth/me')));
  }
}
