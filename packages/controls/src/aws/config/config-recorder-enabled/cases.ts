import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const recorder = (props: Record<string, unknown> = {}) => ({ name: 'default', recording: true, allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [], excludedResourceTypes: [], ...props });
const enabledRegions = ['ap-northeast-1', 'ap-northeast-3', 'us-east-1'];
const account = (recorders: Record<string, unknown>, props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.Account, { accountId: '123456789012', enabledRegions, configRecorders: recorders, ...props }, { tags: {}, region: null });
const both = { 'ap-northeast-1': recorder(), 'ap-northeast-3': recorder({ includeGlobalResourceTypes: false }) };

export default testing.defineCases([
  { name: 'recording in Tokyo and Osaka', kind: 'pass', subject: () => account(both), expect: 'pass' },
  { name: 'a region the account has not enabled is skipped', kind: 'pass', subject: () => account({ 'ap-northeast-1': recorder() }, { enabledRegions: ['ap-northeast-1', 'us-east-1'] }), expect: 'pass' },
  { name: 'no recorder in Osaka', kind: 'fail', subject: () => account({ ...both, 'ap-northeast-3': null }), expect: 'fail', messageId: 'missing', path: 'configRecorders.ap-northeast-3' },
  { name: 'recorder stopped in Tokyo', kind: 'fail', subject: () => account({ ...both, 'ap-northeast-1': recorder({ recording: false }) }), expect: 'fail', messageId: 'stopped', path: 'configRecorders.ap-northeast-1.recording' },
  { name: 'an allowed region was not scanned', kind: 'omitted', subject: () => account({ 'ap-northeast-1': recorder() }), expect: 'unknown', path: 'configRecorders.ap-northeast-3' },
  { name: 'DescribeConfigurationRecorders refused in Osaka', kind: 'unknown', subject: () => account({ ...both, 'ap-northeast-3': UNKNOWN }), expect: 'unknown', path: 'configRecorders.ap-northeast-3' },
  { name: 'a Config recorder is not an account', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.Trail, {}, { tags: {} }), expect: 'not-applicable' },
]);
