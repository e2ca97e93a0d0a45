import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const good = { arn: 'arn:aws:cloudtrail:ap-northeast-1:123456789012:trail/org', name: 'org', homeRegion: 'ap-northeast-1', isMultiRegionTrail: true, logFileValidationEnabled: true, isOrganizationTrail: true, isLogging: true };
const trail = (props: Record<string, unknown> = {}) => ({ ...good, ...props });
const account = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.Account, { accountId: '123456789012', trails: [trail()], ...props }, { tags: {}, region: null });

export default testing.defineCases([
  { name: 'organization trail, multi-region, validated, logging', kind: 'pass', subject: () => account(), expect: 'pass' },
  {
    name: 'a good trail next to a stopped single-region one',
    kind: 'pass',
    subject: () => account({ trails: [trail({ name: 'old', isMultiRegionTrail: false, isLogging: false }), trail()] }),
    expect: 'pass',
  },
  { name: 'no trail at all', kind: 'fail', subject: () => account({ trails: [] }), expect: 'fail', messageId: 'noTrail', path: 'trails' },
  { name: 'single-region trail only', kind: 'fail', subject: () => account({ trails: [trail({ isMultiRegionTrail: false })] }), expect: 'fail', messageId: 'noMultiRegion', path: 'trails' },
  { name: 'multi-region without validation', kind: 'fail', subject: () => account({ trails: [trail({ logFileValidationEnabled: false })] }), expect: 'fail', messageId: 'noValidation', path: 'trails' },
  { name: 'the trail was stopped', kind: 'fail', subject: () => account({ trails: [trail({ isLogging: false })] }), expect: 'fail', messageId: 'notLogging', path: 'trails' },
  { name: 'trails omitted (not read)', kind: 'omitted', subject: () => testing.makeResource(KINDS.Account, { accountId: '123456789012' }, { tags: {}, region: null }), expect: 'unknown', path: 'trails' },
  { name: 'DescribeTrails refused', kind: 'unknown', subject: () => account({ trails: UNKNOWN }), expect: 'unknown', path: 'trails' },
  { name: 'trail status refused', kind: 'unknown', subject: () => account({ trails: [trail({ isLogging: UNKNOWN })] }), expect: 'unknown', path: 'trails.isLogging' },
  { name: 'a trail resource is checked by the per-trail controls', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.Trail, { isMultiRegionTrail: false }, { tags: {} }), expect: 'not-applicable' },
]);
