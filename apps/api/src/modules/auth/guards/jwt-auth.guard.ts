import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Request } from 'express';
import { AuthUser } from '../../../common/decorators/current-user.decorator';
import { IS_PUBLIC } from '../../../common/decorators/public.decorator';
import { AuthenticationError } from '../../../common/errors';
import { SessionRevocations } from '../session-revocations.service';

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and the token's
 * session must not have been revoked (logout, reuse detection) — checked here, per app, rather than
 * in the passport strategy, which passport keeps in one global registry.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly revocations: SessionRevocations,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<Request & { user: AuthUser }>().user;
    if (user.sessionId && (await this.revocations.isRevoked(user.sessionId)))
      throw new AuthenticationError('A valid access token is required');
    return true;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err || !user) throw new AuthenticationError('A valid access token is required');
    return user;
  }
}
