import { HttpException, HttpStatus } from '@nestjs/common';
import { PayloadError } from '@mozaic/sources';
import { DomainError } from '../errors';

/** The JSON body of every error answer. */
export interface ErrorBody {
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

function body(status: number, message: string | string[]): ErrorBody {
  return { statusCode: status, error: HttpStatus[status] ?? 'Error', message };
}

/**
 * What an error shows its caller: domain and HTTP errors keep their message; anything unexpected
 * is a 500 that says nothing more (the caller adds the request id and logs the cause).
 */
export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof DomainError) return body(e.status, e.message);
  // A payload its source could not have sent (libs/sources): bad input.
  if (e instanceof PayloadError) return body(400, e.message);
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const r = e.getResponse();
    return body(status, typeof r === 'string' ? r : ((r as { message?: string | string[] }).message ?? e.message));
  }
  if (isMiddlewareError(e) && e.status >= 400 && e.status < 500) return body(e.status, e.message);
  return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
}
