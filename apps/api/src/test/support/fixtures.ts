import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** tools/fixtures in the repository (the real payloads, with their provenance in its README). */
export const FIXTURES = join(__dirname, '../../../../../tools/fixtures');

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function fixture<T = unknown>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

/** A deep copy of a fixture, changed by `edit`: stories are built from real payloads. */
export function variant<T = Record<string, unknown>>(path: string, edit: (copy: T) => void): T {
  const copy = fixture<T>(path);
  edit(copy);
  return copy;
}

export function jsonLines(path: string): unknown[] {
  return fixtureText(path)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
}
