import { longestGapHours, longestGapMinutes, parseSchedule, ScheduleError, AWS_BACKUP_DEFAULT_SCHEDULE } from './schedule';

const from = '2026-04-01';
const gap = (expr: string) => longestGapHours(expr, { from });

describe('parseSchedule', () => {
  it('reads rate expressions in minutes, hours and days', () => {
    expect(parseSchedule('rate(30 minutes)')).toMatchObject({ kind: 'rate', minutes: 30 });
    expect(parseSchedule('rate(1 hour)')).toMatchObject({ kind: 'rate', minutes: 60 });
    expect(parseSchedule('rate(12 hours)')).toMatchObject({ kind: 'rate', minutes: 720 });
    expect(parseSchedule('RATE(1 day)')).toMatchObject({ kind: 'rate', minutes: 1440 });
  });

  it('reads the six cron fields with names, ranges, lists and steps', () => {
    const s = parseSchedule('cron(0/30 1-3,5 ? JAN-MAR MON-FRI *)');
    expect(s).toMatchObject({ kind: 'cron', minutes: [0, 30], hours: [1, 2, 3, 5] });
    if (s.kind !== 'cron') throw new Error('cron');
    expect([...s.months]).toEqual([1, 2, 3]);
    expect([...s.dayOfWeek!.days].sort()).toEqual([2, 3, 4, 5, 6]);
    expect(s.dayOfMonth).toBeUndefined();
    expect(s.years).toBeUndefined();
  });

  it.each([
    ['not a schedule', 'daily'],
    ['five fields', 'cron(0 5 * * ?)'],
    ['both day fields set', 'cron(0 5 1 * MON *)'],
    ['neither day field set', 'cron(0 5 ? * ? *)'],
    ['minute out of range', 'cron(60 5 * * ? *)'],
    ['unknown month name', 'cron(0 5 * FOO ? *)'],
    ['rate of zero', 'rate(0 hours)'],
    ['rate in weeks', 'rate(1 week)'],
  ])('rejects %s', (_name, expr) => {
    expect(() => parseSchedule(expr)).toThrow(ScheduleError);
  });
});

describe('longestGapHours', () => {
  it.each([
    ['daily at 05:00 (the AWS Backup default)', AWS_BACKUP_DEFAULT_SCHEDULE, 24],
    ['daily, day-of-month wildcard', 'cron(0 17 * * ? *)', 24],
    ['every 12 hours', 'cron(0 0/12 * * ? *)', 12],
    ['twice a day, uneven', 'cron(0 1,19 * * ? *)', 18],
    ['hourly at :15', 'cron(15 * ? * * *)', 1],
    ['every 30 minutes', 'cron(0/30 * * * ? *)', 0.5],
    ['weekdays only: Friday to Monday', 'cron(0 5 ? * MON-FRI *)', 72],
    ['weekly on Sunday', 'cron(0 5 ? * SUN *)', 168],
    ['wrapping weekday range FRI-MON', 'cron(0 5 ? * FRI-MON *)', 96],
    ['monthly on the 1st (31-day months)', 'cron(0 5 1 * ? *)', 31 * 24],
    ['last day of the month', 'cron(0 5 L * ? *)', 31 * 24],
    ['first Monday of the month', 'cron(0 5 ? * 2#1 *)', 35 * 24],
    ['last Friday of the month', 'cron(0 5 ? * 6L *)', 35 * 24],
    ['rate of 8 hours', 'rate(8 hours)', 8],
    ['rate of 2 days', 'rate(2 days)', 48],
  ])('%s', (_name, expr, hours) => {
    expect(gap(expr)).toBe(hours);
  });

  it('counts February: the 30th runs 11 times a year', () => {
    // Jan 30 -> Mar 30 skips February: 60 days in a leap year
    expect(gap('cron(0 5 30 * ? *)')).toBe(60 * 24);
  });

  it('a leap-day schedule runs every four years', () => {
    expect(gap('cron(0 5 29 2 ? *)')).toBe((366 + 365 + 365 + 365) * 24);
  });

  it('nearest weekday to the 15th stays within a few days of a month', () => {
    const h = gap('cron(0 5 15W * ? *)');
    expect(h).toBeGreaterThanOrEqual(28 * 24);
    expect(h).toBeLessThanOrEqual(33 * 24);
  });

  it('a schedule that never runs, or stops, has an infinite gap', () => {
    expect(gap('cron(0 5 31 2 ? *)')).toBe(Infinity);
    expect(gap('cron(0 5 * * ? 2026)')).toBe(Infinity);
    expect(gap('cron(0 5 * * ? 2020-2025)')).toBe(Infinity);
  });

  it('counts the wait until a schedule that starts later', () => {
    expect(gap('cron(0 5 * * ? 2027-2199)')).toBeGreaterThan(24 * 200);
  });

  it('measures from the scan date', () => {
    expect(longestGapMinutes('cron(0 5 ? * * *)', { from: '2030-06-15' })).toBe(1440);
  });
});
