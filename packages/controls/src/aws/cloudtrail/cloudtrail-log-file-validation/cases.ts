import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const base = { name: 'main', isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: new Ref('aws_kms_key.trail', 'arn') };
const trail = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.Trail, { ...base, ...props }, { tags: {} });
const without = (key: string) => {
  const p: Record<string, unknown> = { ...base };
  delete p[key];
  return testing.makeResource(KINDS.Trail, p, { tags: {} });
};

export default testing.defineCases([
  { name: 'validation on', kind: 'pass', subject: () => trail(), expect: 'pass' },
  { name: 'validation off', kind: 'fail', subject: () => trail({ enableLogFileValidation: false }), expect: 'fail', messageId: 'off', path: 'enableLogFileValidation' },
  { name: 'enable_log_file_validation omitted (false)', kind: 'omitted', subject: () => without('enableLogFileValidation'), expect: 'fail', messageId: 'omitted', path: 'enableLogFileValidation' },
  { name: 'known after apply', kind: 'unknown', subject: () => trail({ enableLogFileValidation: UNKNOWN }), expect: 'unknown', path: 'enableLogFileValidation' },
  { name: 'set from another resource', kind: 'unknown', subject: () => trail({ enableLogFileValidation: new Ref('terraform_data.settings', 'output') }), expect: 'unknown', path: 'enableLogFileValidation' },
  { name: 'a log group is not a trail (only trails are checked)', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.LogGroup, { retentionInDays: 365 }, { tags: {} }), expect: 'not-applicable' },
]);
