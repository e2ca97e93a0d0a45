import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const on = (id: string) => ({ detectorId: id, status: 'ENABLED' });
const enabledRegions = ['ap-northeast-1', 'ap-northeast-3', 'us-east-1'];
const account = (detectors: Record<string, unknown>, props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.Account, { accountId: '123456789012', enabledRegions, guardDuty: detectors, ...props }, { tags: {}, region: null });
const both = { 'ap-northeast-1': on('d1'), 'ap-northeast-3': on('d3') };

export default testing.defineCases([
  { name: 'on in Tokyo and Osaka', kind: 'pass', subject: () => account(both), expect: 'pass' },
  { name: 'only the allowed regions matter', kind: 'pass', subject: () => account({ ...both, 'us-east-1': null }), expect: 'pass' },
  { name: 'no detector in Osaka', kind: 'fail', subject: () => account({ ...both, 'ap-northeast-3': null }), expect: 'fail', messageId: 'missing', path: 'guardDuty.ap-northeast-3' },
  { name: 'detector suspended in Tokyo', kind: 'fail', subject: () => account({ ...both, 'ap-northeast-1': { detectorId: 'd1', status: 'DISABLED' } }), expect: 'fail', messageId: 'suspended', path: 'guardDuty.ap-northeast-1.status' },
  {
    name: 'a region added by the profile has none',
    kind: 'fail',
    subject: () => account({ ...both, 'us-east-1': null }),
    params: { allowedRegions: ['ap-northeast-1', 'us-east-1'] },
    expect: 'fail', messageId: 'missing', path: 'guardDuty.us-east-1',
  },
  { name: 'an allowed region was not scanned', kind: 'omitted', subject: () => account({ 'ap-northeast-1': on('d1') }), expect: 'unknown', path: 'guardDuty.ap-northeast-3' },
  { name: 'ListDetectors refused in Tokyo', kind: 'unknown', subject: () => account({ ...both, 'ap-northeast-1': UNKNOWN }), expect: 'unknown', path: 'guardDuty.ap-northeast-1' },
  { name: 'an IAM user is not an account', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.IamUser, {}, { tags: {}, region: null }), expect: 'not-applicable' },
]);
