/** A payload that cannot be what its source sends: the API answers it as a 400 with this message. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}
