import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { SessionStore } from './session.store';

/** Pages behind sign-in: a reload renews the session silently; without one, /login and back. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (session.signedIn() || (await session.refresh())) return true;
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};
