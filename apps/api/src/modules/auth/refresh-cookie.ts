import { CookieOptions, Request, Response } from 'express';
import { REFRESH_COOKIE } from '@mozaic/contracts';
import { IssuedRefreshToken } from './refresh-token.service';

/** The refresh cookie is only ever sent to the auth routes. */
const PATH = '/api/v1/auth';

function options(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: PATH };
}

export function setRefreshCookie(res: Response, token: IssuedRefreshToken, secure: boolean): void {
  res.cookie(REFRESH_COOKIE, token.token, {
    ...options(secure),
    expires: token.expiresAt,
  });
}

export function clearRefreshCookie(res: Response, secure: boolean): void {
  res.clearCookie(REFRESH_COOKIE, options(secure));
}

export function readRefreshCookie(req: Request): string | undefined {
  const v = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof v === 'string' ? v : undefined;
}
