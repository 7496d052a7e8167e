import { Request, Response } from 'express';
import { toErrorBody } from '../filters/error-body';

/** Answers an error from Express middleware with the API's one error body (and the request id on a 5xx). */
export function sendError(req: Request & { id?: unknown }, res: Response, e: unknown): void {
  if (res.headersSent) return;
  const body = toErrorBody(e);
  if (body.statusCode >= 500) body.request_id = String(req.id ?? '');
  res.status(body.statusCode).json(body);
}
