import { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { InvalidInputError } from '../errors';
import { jsonBreach } from '../json/walk';
import { sendError } from './send-error';

/** Deeper JSON than any API body needs; validation would recurse into it. */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const RULES = { maxDepth: MAX_JSON_DEPTH, forbidNul: true, forbiddenKeys: FORBIDDEN_KEYS };

/** Why a parsed body or query may not reach the routes, or null. */
export function inputProblem(value: unknown, where: string): string | null {
  const breach = jsonBreach(value, RULES);
  if (!breach) return null;
  if (breach.rule === 'depth') return `${where} is nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (breach.rule === 'key') return `${where} must not have a property named ${breach.key}`;
  return `${where} must not contain NUL characters`;
}

/** Refuses bodies and query strings the validation pipe cannot judge safely (400 with the reason). */
export const apiInputGuard: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  const problem = inputProblem(req.query, 'the query string') ?? inputProblem(req.body, 'the body');
  if (problem) return sendError(req, res, new InvalidInputError(problem));
  next();
};

/**
 * Errors of the body parsers, answered as what they are (413 too large, 415 an encoding or charset
 * that is not supported, 400 unreadable) instead of falling through to the router.
 */
export const bodyParserErrors: ErrorRequestHandler = (
  err: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
) => {
  const e = err as { status?: number; type?: string; message?: string };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return next(err);
  sendError(req, res, { status: e.status, expose: true, message: parserMessage(e) });
};

function parserMessage(e: { status?: number; type?: string; message?: string }): string {
  switch (e.type) {
    case 'entity.too.large':
      return 'The body is larger than this server accepts (BODY_LIMIT)';
    case 'encoding.unsupported':
      return 'This Content-Encoding is not supported (use gzip, deflate, br or none)';
    case 'charset.unsupported':
      return 'This charset is not supported (use utf-8)';
    case 'entity.parse.failed':
      return 'The body is not valid JSON';
    default:
      return e.status === 415 ? 'Unsupported media type' : 'The body cannot be read (is its encoding right?)';
  }
}
