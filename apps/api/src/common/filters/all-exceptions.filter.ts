import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../../database/sql-state';
import { RateLimitedError, UnavailableError } from '../errors';
import { toErrorBody } from './error-body';

/**
 * The one place where errors become HTTP answers. Domain errors keep their message; anything
 * unexpected is a 500 carrying only the request id (the cause goes to the log, redacted).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const unavailable = isDatabaseUnavailable(exception);
    const body = toErrorBody(
      unavailable ? new UnavailableError('The database is unavailable; retry shortly') : exception,
    );
    if (unavailable) {
      res.setHeader('Retry-After', '5');
      this.logger.warn({ err: exception }, 'database unavailable');
    } else if (body.statusCode >= 500) {
      body.request_id = String(req.id ?? '');
      this.logger.error({ err: exception, request_id: body.request_id }, 'Unhandled error');
    }
    if (exception instanceof RateLimitedError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
