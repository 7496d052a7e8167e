const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its canonical text form (any version): what PostgreSQL's uuid columns accept. */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}
