import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** tools/fixtures in the repository (real payloads; their provenance is in its README). Tests only. */
const FIXTURES = join(__dirname, '../../../../tools/fixtures');

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function fixture<T = unknown>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

export function jsonLines(path: string): unknown[] {
  return fixtureText(path)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
}
