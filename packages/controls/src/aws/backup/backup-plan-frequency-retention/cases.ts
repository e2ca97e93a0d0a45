import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const daily = { name: 'daily', schedule: 'cron(0 17 * * ? *)', deleteAfterDays: 35 };
const plan = (rules: unknown) => testing.makeResource(KINDS.BackupPlan, { name: 'main', rules }, { tags: {} });
const rule = (props: Record<string, unknown>) => ({ ...daily, ...props });
const without = (key: string) => {
  const r: Record<string, unknown> = { ...daily };
  delete r[key];
  return r;
};

export default testing.defineCases([
  { name: 'daily, kept 35 days', kind: 'pass', subject: () => plan([daily]), expect: 'pass' },
  { name: 'every 12 hours, kept 7 days', kind: 'pass', subject: () => plan([rule({ schedule: 'cron(0 0/12 * * ? *)', deleteAfterDays: 7 })]), expect: 'pass' },
  { name: 'daily rule plus a monthly archive rule', kind: 'pass', subject: () => plan([rule({ deleteAfterDays: 14 }), rule({ name: 'monthly', schedule: 'cron(0 17 1 * ? *)', deleteAfterDays: 365 })]), expect: 'pass' },
  { name: 'rate expression of 1 day', kind: 'pass', subject: () => plan([rule({ schedule: 'rate(1 day)' })]), expect: 'pass' },
  { name: 'a profile allowing weekly backups', kind: 'pass', subject: () => plan([rule({ schedule: 'cron(0 17 ? * SUN *)' })]), params: { maxBackupIntervalHours: 168 }, expect: 'pass' },
  { name: 'weekly', kind: 'fail', subject: () => plan([rule({ schedule: 'cron(0 17 ? * SUN *)' })]), expect: 'fail', messageId: 'tooInfrequent', path: 'rules.0.schedule' },
  { name: 'weekdays only (72 hours over the weekend)', kind: 'fail', subject: () => plan([rule({ schedule: 'cron(0 17 ? * MON-FRI *)' })]), expect: 'fail', messageId: 'tooInfrequent', path: 'rules.0.schedule' },
  { name: 'daily but kept 3 days', kind: 'fail', subject: () => plan([rule({ deleteAfterDays: 3 })]), expect: 'fail', messageId: 'retentionTooShort', path: 'rules.0.deleteAfterDays' },
  { name: 'daily kept 3 days and weekly kept 35: no rule does both', kind: 'fail', subject: () => plan([rule({ name: 'weekly', schedule: 'cron(0 17 ? * SUN *)' }), rule({ deleteAfterDays: 3 })]), expect: 'fail', messageId: 'retentionTooShort', path: 'rules.1.deleteAfterDays' },
  { name: 'a profile asking for 90 days', kind: 'fail', subject: () => plan([daily]), params: { minBackupRetentionDays: 90 }, expect: 'fail', messageId: 'retentionTooShort' },
  { name: 'schedule that is not an expression', kind: 'fail', subject: () => plan([rule({ schedule: 'daily' })]), expect: 'fail', messageId: 'badSchedule', path: 'rules.0.schedule' },
  { name: 'schedule limited to a past year', kind: 'fail', subject: () => plan([rule({ schedule: 'cron(0 17 * * ? 2025)' })]), expect: 'fail', messageId: 'neverRuns', path: 'rules.0.schedule' },
  { name: 'no rules', kind: 'fail', subject: () => plan([]), expect: 'fail', messageId: 'noRules', path: 'rules' },
  { name: 'schedule omitted: AWS runs it daily at 05:00 UTC', kind: 'omitted', subject: () => plan([without('schedule')]), expect: 'pass' },
  { name: 'schedule omitted under a 12-hour requirement', kind: 'omitted', subject: () => plan([without('schedule')]), params: { maxBackupIntervalHours: 12 }, expect: 'fail', messageId: 'tooInfrequent', path: 'rules.0.schedule' },
  { name: 'lifecycle omitted: recovery points are kept forever', kind: 'omitted', subject: () => plan([without('deleteAfterDays')]), expect: 'pass' },
  { name: 'rules known after apply', kind: 'unknown', subject: () => plan(UNKNOWN), expect: 'unknown', path: 'rules' },
  { name: 'schedule set from another resource', kind: 'unknown', subject: () => plan([rule({ schedule: new Ref('terraform_data.schedule', 'output') })]), expect: 'unknown', path: 'rules.0.schedule' },
  { name: 'retention known after apply', kind: 'unknown', subject: () => plan([rule({ deleteAfterDays: UNKNOWN })]), expect: 'unknown', path: 'rules.0.deleteAfterDays' },
  { name: 'an unknown extra rule does not matter when another rule complies', kind: 'pass', subject: () => plan([daily, rule({ schedule: UNKNOWN })]), expect: 'pass' },
  { name: 'a backup vault is not a plan (only plans are checked)', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.BackupVault, { kmsKeyArn: 'arn:aws:kms:ap-northeast-1:111122223333:key/k' }, { tags: {} }), expect: 'not-applicable' },
]);
