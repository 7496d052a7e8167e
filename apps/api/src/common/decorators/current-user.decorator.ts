import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

/** The authenticated caller, as put on the request by the JWT strategy. */
export interface AuthUser {
  id: string;
  email: string;
  /** The login session (refresh-token family) the access token belongs to; absent in older tokens. */
  sessionId?: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<Request & { user: AuthUser }>();
  return req.user;
});
