/**
 * Domain errors. Services throw these; the one exception filter maps them to HTTP answers,
 * so no service knows about status codes.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
}

/** Missing, or owned by someone else: both answer 404, so ids of others are not revealed. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class AuthenticationError extends DomainError {
  readonly status = 401;
}

/** Input that passed the shape checks but is still wrong (e.g. a bad cursor). */
export class InvalidInputError extends DomainError {
  readonly status = 400;
}

/** A body or payload beyond a documented limit. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
}

export class RateLimitedError extends DomainError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super('Too many attempts; try again later');
  }
}

export class UnavailableError extends DomainError {
  readonly status = 503;
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
}
