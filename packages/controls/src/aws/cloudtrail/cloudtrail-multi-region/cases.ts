import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const base = { name: 'main', isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: new Ref('aws_kms_key.trail', 'arn') };
const trail = (props: Record<string, unknown> = {}, id?: string) => testing.makeResource(KINDS.Trail, { ...base, ...props }, { tags: {}, id });
const without = (key: string) => {
  const p: Record<string, unknown> = { ...base };
  delete p[key];
  return testing.makeResource(KINDS.Trail, p, { tags: {} });
};

export default testing.defineCases([
  { name: 'multi-region trail', kind: 'pass', subject: () => trail(), expect: 'pass' },
  { name: 'multi-region as a string (CDKTF / Config)', kind: 'pass', subject: () => trail({ isMultiRegionTrail: 'true' }), expect: 'pass' },
  { name: 'single-region trail', kind: 'fail', subject: () => trail({ isMultiRegionTrail: false }), expect: 'fail', messageId: 'singleRegion', path: 'isMultiRegionTrail' },
  {
    name: 'two single-region trails do not make a multi-region one',
    kind: 'fail',
    subject: () => trail({ isMultiRegionTrail: false }),
    others: () => [trail({ isMultiRegionTrail: false }, 'aws_cloudtrail.other')],
    expect: 'fail',
    messageId: 'singleRegion',
  },
  { name: 'is_multi_region_trail omitted (false)', kind: 'omitted', subject: () => without('isMultiRegionTrail'), expect: 'fail', messageId: 'omitted', path: 'isMultiRegionTrail' },
  { name: 'known after apply', kind: 'unknown', subject: () => trail({ isMultiRegionTrail: UNKNOWN }), expect: 'unknown', path: 'isMultiRegionTrail' },
  { name: 'set from another resource', kind: 'unknown', subject: () => trail({ isMultiRegionTrail: new Ref('terraform_data.settings', 'output') }), expect: 'unknown', path: 'isMultiRegionTrail' },
  {
    name: 'an extra single-region trail next to a multi-region one',
    kind: 'not-applicable',
    subject: () => trail({ isMultiRegionTrail: false }),
    others: () => [trail({}, 'aws_cloudtrail.organization')],
    expect: 'not-applicable',
  },
]);
