import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { AuthenticationError } from '../../../common/errors';
import { AlertmanagerTokens } from './alertmanager-tokens.service';

/**
 * The Alertmanager API's own authentication: `Authorization: Bearer <the project's Alertmanager
 * API token>` (what amtool's and Prometheus' http configs send). Another project's token, a
 * user's JWT or none: 401 — the same answer for a project that does not exist.
 */
@Injectable()
export class AlertmanagerTokenGuard implements CanActivate {
  constructor(private readonly tokens: AlertmanagerTokens) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const header = req.headers.authorization ?? '';
    const presented = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!(await this.tokens.valid(String(req.params['project_id'] ?? ''), presented)))
      throw new AuthenticationError('A valid Alertmanager API token of this project is required (Bearer)');
    return true;
  }
}
