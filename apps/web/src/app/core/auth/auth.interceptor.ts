import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { SessionStore } from './session.store';

const withToken = (req: HttpRequest<unknown>, token: string | null) =>
  token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;

/** Auth endpoints handle their own failures; everything else is retried once after a silent renewal. */
const isAuthCall = (url: string) => /\/api\/v1\/auth\/(login|register|refresh|logout)$/.test(url);

/**
 * Adds the access token to API calls. On a 401 it renews the token through the refresh cookie and
 * retries once; if that fails the session is over: back to /login, returning here afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (!req.url.startsWith('/api/') || isAuthCall(req.url)) return next(req);
  return next(withToken(req, session.accessToken())).pipe(
    catchError((e: unknown) => {
      if (!(e instanceof HttpErrorResponse) || e.status !== 401) return throwError(() => e);
      return from(session.refresh()).pipe(
        switchMap((ok) => {
          if (ok) return next(withToken(req, session.accessToken()));
          void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
          return throwError(() => e);
        }),
      );
    }),
  );
};
