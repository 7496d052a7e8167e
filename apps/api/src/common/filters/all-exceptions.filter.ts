import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { DomainError, RateLimitedError } from '../errors';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  request_id?: string;
}

/** Errors raised by Express middleware (body-parser): they carry a status and a safe message. */
interface HttpMiddlewareError {
  status: number;
  expose?: boolean;
  message: string;
  type?: string;
}

function isMiddlewareError(e: unknown): e is HttpMiddlewareError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as HttpMiddlewareError).status === 'number' &&
    (e as HttpMiddlewareError).expose === true
  );
}

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
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      body.request_id = String(req.id ?? '');
      this.logger.error({ err: exception, request_id: body.request_id }, 'Unhandled error');
    }
    if (exception instanceof RateLimitedError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof DomainError) {
      return {
        statusCode: e.status,
        error: HttpStatus[e.status] ?? 'Error',
        message: e.message,
      };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse();
      const message = typeof r === 'string' ? r : ((r as { message?: string | string[] }).message ?? e.message);
      return {
        statusCode: status,
        error: HttpStatus[status] ?? 'Error',
        message,
      };
    }
    if (isMiddlewareError(e) && e.status >= 400 && e.status < 500) {
      return {
        statusCode: e.status,
        error: HttpStatus[e.status] ?? 'Error',
        message: e.message,
      };
    }
    return {
      statusCode: 500,
      error: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    };
  }
}
