import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

/** The authenticated caller, as put on the request by the JWT strategy. */
export interface AuthUser {
  id: string;
  email: string;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<Request & { user: AuthUser }>();
  return req.user;
});
