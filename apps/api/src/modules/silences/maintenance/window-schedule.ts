import { RRule } from 'rrule';

/**
 * When a maintenance window is: a local start (wall-clock time in its time zone), a duration, and
 * optionally an RFC 5545 recurrence (RRULE, e.g. FREQ=WEEKLY;BYDAY=SU). Recurrences are expanded
 * by the `rrule` library in "floating" local time and each occurrence is then placed in its time
 * zone, so "every Sunday 02:00 Europe/Berlin" stays 02:00 local across daylight-saving changes (a
 * start that does not exist on the spring-forward day moves on by the skipped hour; one that
 * exists twice on the fall-back day takes the later). The duration is elapsed time.
 */
export interface WindowSpec {
  /** Local wall-clock start of the first occurrence, `YYYY-MM-DDTHH:mm`. */
  startLocal: string;
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: string;
  durationMinutes: number;
  rrule: string | null;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY = 86_400_000;
const MAX_OCCURRENCES = 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (local − UTC). */
export function zoneOffsetMs(instant: number, tz: string): number {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(instant))
      .map((x) => [x.type, x.value]),
  );
  const local = Date.UTC(+p['year'], +p['month'] - 1, +p['day'], +p['hour'], +p['minute'], +p['second']);
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant a floating local time (its components read as UTC) is in a zone. */
export function localToInstant(floating: number, tz: string): number {
  const first = floating - zoneOffsetMs(floating, tz);
  const second = floating - zoneOffsetMs(first, tz);
  return second;
}

function parseLocal(s: string): number | null {
  const m = LOCAL.exec(s);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return Number.isFinite(t) ? t : null;
}

function rule(w: WindowSpec, floatingStart: number): RRule {
  return new RRule({ ...RRule.parseString(w.rrule as string), dtstart: new Date(floatingStart) });
}

/** Why a window cannot be used, or null. */
export function windowProblem(w: WindowSpec): string | null {
  if (parseLocal(w.startLocal) === null) return 'start_local must look like 2026-12-06T02:00';
  try {
    formatter(w.timezone);
  } catch {
    return `timezone "${w.timezone.slice(0, 64)}" is not an IANA time zone such as Europe/Berlin`;
  }
  if (!Number.isInteger(w.durationMinutes) || w.durationMinutes < 1 || w.durationMinutes > 7 * 24 * 60)
    return 'duration_minutes must be from 1 to 10080';
  if (w.rrule !== null) {
    if (/DTSTART|TZID/i.test(w.rrule)) return 'rrule: give the start as start_local and the zone as timezone';
    try {
      const r = rule(w, parseLocal(w.startLocal) as number);
      if (!r.options.freq && r.options.freq !== 0) return 'rrule needs FREQ';
    } catch (e) {
      return `rrule is not an RFC 5545 recurrence rule (${(e as Error).message})`;
    }
  }
  return null;
}

/** The occurrences ([start, end) instants) that overlap [from, to]. */
export function occurrences(w: WindowSpec, from: number, to: number): Array<[number, number]> {
  const start = parseLocal(w.startLocal);
  if (start === null) return [];
  const dur = w.durationMinutes * 60_000;
  const place = (floating: number): [number, number] => {
    const s = localToInstant(floating, w.timezone);
    return [s, s + dur];
  };
  const overlaps = ([s, e]: [number, number]) => s <= to && e > from;
  if (w.rrule === null) return [place(start)].filter(overlaps);
  // Floating times are within a day of their instants: widen the search by a day and the duration.
  const found = rule(w, start).between(new Date(from - dur - DAY), new Date(to + DAY), true);
  return found
    .slice(0, MAX_OCCURRENCES)
    .map((d) => place(d.getTime()))
    .filter(overlaps);
}

/** The next occurrence to start after `now` (looking up to a year past the later of now and the first start). */
export function nextOccurrence(w: WindowSpec, now: number): [number, number] | null {
  const start = parseLocal(w.startLocal);
  if (start === null) return null;
  const from = Math.max(now, localToInstant(start, w.timezone) - 1);
  return occurrences(w, from, from + YEAR).find(([s]) => s > now) ?? null;
}

const YEAR = 366 * DAY;
