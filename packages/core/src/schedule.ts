/**
 * AWS schedule expressions (AWS Backup rules, EventBridge): `cron(m h dom mon dow y)` and
 * `rate(n unit)`, reduced to the one number a compliance check needs: the longest time between
 * two consecutive runs. Pure: the window starts at a date the caller gives (the scan date).
 *
 * Cron follows the EventBridge dialect: six fields, `*`, `,`, `-`, `/` everywhere, `?` in
 * day-of-month or day-of-week (exactly one of the two must be `?`), `L` and `W` in
 * day-of-month (`L`, `LW`, `15W`), `L` and `#` in day-of-week (`6L` = last Friday, `2#1` =
 * first Monday), month names JAN–DEC, day names SUN–SAT (1 = Sunday), years 1970–2199.
 * Times are UTC (a ScheduleExpressionTimezone would only move runs around, never widen a gap
 * outside daylight-saving changes).
 */
import { parseIsoDate } from './dates';

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  minutes: number[];
  hours: number[];
  /** undefined when the field is `?` */
  dayOfMonth?: DayOfMonthSpec;
  months: Set<number>;
  /** undefined when the field is `?` */
  dayOfWeek?: DayOfWeekSpec;
  /** undefined when every year (`*`) */
  years?: { set: Set<number>; max: number };
}

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  minutes: number;
}

export type Schedule = CronSchedule | RateSchedule;

interface DayOfMonthSpec {
  days: Set<number>;
  last: boolean;
  lastWeekday: boolean;
  nearestWeekday: number[];
}
interface DayOfWeekSpec {
  days: Set<number>;
  /** `5L`: the last such weekday of the month */
  last: Set<number>;
  /** `2#1`: [weekday, nth] */
  nth: [number, number][];
}

export class ScheduleError extends Error {}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function value(token: string, min: number, max: number, names?: string[]): number {
  const upper = token.toUpperCase();
  const byName = names?.indexOf(upper) ?? -1;
  const n = byName >= 0 ? byName + min : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ScheduleError(`"${token}" is not in ${min}-${max}`);
  return n;
}

/** `*`, `a`, `a-b`, `*\/n`, `a/n`, `a-b/n`, comma lists; ranges may wrap (FRI-MON). */
function numbers(field: string, min: number, max: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    if (part === '') throw new ScheduleError(`empty item in "${field}"`);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new ScheduleError(`"${part}" has two steps`);
    const step = stepText === undefined ? 1 : value(stepText, 1, max - min + 1);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [value(a, min, max, names), value(b, min, max, names)];
    } else {
      from = value(range, min, max, names);
      to = stepText === undefined ? from : max;
    }
    const span = to >= from ? to - from : max - min + 1 - (from - to);
    for (let i = 0; i <= span; i += step) out.add(((from - min + i) % (max - min + 1)) + min);
  }
  return out;
}

function dayOfMonth(field: string): DayOfMonthSpec | undefined {
  if (field === '?') return undefined;
  const spec: DayOfMonthSpec = { days: new Set(), last: false, lastWeekday: false, nearestWeekday: [] };
  const plain: string[] = [];
  for (const part of field.toUpperCase().split(',')) {
    if (part === 'L') spec.last = true;
    else if (part === 'LW') spec.lastWeekday = true;
    else if (/^\d+W$/.test(part)) spec.nearestWeekday.push(value(part.slice(0, -1), 1, 31));
    else plain.push(part);
  }
  if (plain.length) for (const d of numbers(plain.join(','), 1, 31)) spec.days.add(d);
  return spec;
}

function dayOfWeek(field: string): DayOfWeekSpec | undefined {
  if (field === '?') return undefined;
  const spec: DayOfWeekSpec = { days: new Set(), last: new Set(), nth: [] };
  const plain: string[] = [];
  for (const part of field.toUpperCase().split(',')) {
    if (part === 'L') spec.days.add(7);
    else if (/^[A-Z0-9]+L$/.test(part)) spec.last.add(value(part.slice(0, -1), 1, 7, DAYS));
    else if (part.includes('#')) {
      const [d, n] = part.split('#');
      spec.nth.push([value(d, 1, 7, DAYS), value(n, 1, 5)]);
    } else plain.push(part);
  }
  if (plain.length) for (const d of numbers(plain.join(','), 1, 7, DAYS)) spec.days.add(d);
  return spec;
}

/** Parse an AWS schedule expression; throws ScheduleError with the reason when it is not one. */
export function parseSchedule(expression: string): Schedule {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(text);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) throw new ScheduleError('a rate must be at least 1');
    const unit = rate[2].toLowerCase().replace(/s$/, '');
    return { kind: 'rate', expression: text, minutes: n * (unit === 'minute' ? 1 : unit === 'hour' ? 60 : 1440) };
  }
  const cron = /^cron\((.*)\)$/i.exec(text);
  if (!cron) throw new ScheduleError('not a cron(...) or rate(...) expression');
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleError(`cron needs 6 fields, got ${fields.length}`);
  const [min, hour, dom, mon, dow, year] = fields;
  if ((dom === '?') === (dow === '?')) throw new ScheduleError('exactly one of day-of-month and day-of-week must be "?"');
  const years = year === '*' ? undefined : numbers(year, 1970, 2199);
  return {
    kind: 'cron',
    expression: text,
    minutes: [...numbers(min, 0, 59)].sort((a, b) => a - b),
    hours: [...numbers(hour, 0, 23)].sort((a, b) => a - b),
    dayOfMonth: dayOfMonth(dom),
    months: numbers(mon, 1, 12, MONTHS),
    dayOfWeek: dayOfWeek(dow),
    years: years && { set: years, max: Math.max(...years) },
  };
}

const MINUTES_PER_DAY = 1440;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isWeekday(dow: number): boolean {
  return dow !== 1 && dow !== 7;
}

/** The weekday nearest to `day` in the same month (Quartz `W`). */
function nearestWeekday(y: number, m: number, day: number): number {
  const dim = daysInMonth(y, m);
  const d = Math.min(day, dim);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;
  if (isWeekday(dow)) return d;
  if (dow === 7) return d === 1 ? 3 : d - 1; // Saturday -> Friday, or Monday the 3rd
  return d === dim ? d - 2 : d + 1; // Sunday -> Monday, or Friday before
}

function dayMatches(s: CronSchedule, y: number, m: number, d: number, dow: number): boolean {
  if (s.years && !s.years.set.has(y)) return false;
  if (!s.months.has(m)) return false;
  const dim = daysInMonth(y, m);
  if (s.dayOfMonth) {
    const spec = s.dayOfMonth;
    if (spec.days.has(d)) return true;
    if (spec.last && d === dim) return true;
    if (spec.lastWeekday) {
      let lw = dim;
      while (!isWeekday(((dow - 1 + (lw - d)) % 7 + 7) % 7 + 1)) lw--;
      if (d === lw) return true;
    }
    return spec.nearestWeekday.some((n) => nearestWeekday(y, m, n) === d);
  }
  const spec = s.dayOfWeek!;
  if (spec.days.has(dow)) return true;
  if (spec.last.has(dow) && d + 7 > dim) return true;
  return spec.nth.some(([wd, n]) => wd === dow && Math.ceil(d / 7) === n);
}

export interface GapOptions {
  /** Start of the window, YYYY-MM-DD (the scan date). Default 2026-01-01. */
  from?: string;
  /** Length of the window in years. Default 30 (covers leap-day and 5th-weekday schedules). */
  years?: number;
}

const cache = new Map<string, number>();

/**
 * The longest time, in minutes, between two consecutive runs from `from` on (the wait from
 * `from` to the first run counts as a gap too). Infinity when the schedule never runs in the
 * window or stops running (a year field that ends). A rate runs every n units.
 */
export function longestGapMinutes(schedule: Schedule | string, options: GapOptions = {}): number {
  const s = typeof schedule === 'string' ? parseSchedule(schedule) : schedule;
  if (s.kind === 'rate') return s.minutes;
  const from = options.from ?? '2026-01-01';
  const span = options.years ?? 30;
  const key = `${s.expression}\u0000${from}\u0000${span}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;

  const start = parseIsoDate(from);
  if (start === undefined) throw new Error(`not an ISO date: ${from}`);
  const times: number[] = [];
  for (const h of s.hours) for (const m of s.minutes) times.push(h * 60 + m);
  times.sort((a, b) => a - b);
  let within = 0;
  for (let i = 1; i < times.length; i++) within = Math.max(within, times[i] - times[i - 1]);

  const end = Date.UTC(new Date(start * 86_400_000).getUTCFullYear() + span, 0, 1) / 86_400_000;
  let longest = 0;
  let last: number | undefined;
  for (let day = start; day < end; day++) {
    const date = new Date(day * 86_400_000);
    const y = date.getUTCFullYear();
    const mo = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    if (!dayMatches(s, y, mo, d, date.getUTCDay() + 1)) continue;
    const first = day * MINUTES_PER_DAY + times[0];
    longest = Math.max(longest, first - (last ?? start * MINUTES_PER_DAY), within);
    last = day * MINUTES_PER_DAY + times[times.length - 1];
  }
  const endYear = new Date(end * 86_400_000).getUTCFullYear();
  const stops = s.years !== undefined && s.years.max < endYear;
  const result = last === undefined || stops ? Infinity : longest;
  if (cache.size > 1000) cache.clear();
  cache.set(key, result);
  return result;
}

/** longestGapMinutes in hours. */
export function longestGapHours(schedule: Schedule | string, options: GapOptions = {}): number {
  return longestGapMinutes(schedule, options) / 60;
}

/** The schedule AWS Backup uses for a rule that gives none: daily at 05:00 UTC. */
export const AWS_BACKUP_DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';
