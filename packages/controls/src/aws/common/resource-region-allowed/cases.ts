import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const queue = (region?: unknown) =>
  testing.makeResource(KINDS.SqsQueue, { kmsMasterKeyId: 'alias/app' }, { region: region as string | undefined | null });

export default testing.defineCases([
  { name: 'Tokyo region', kind: 'pass', subject: () => queue('ap-northeast-1'), expect: 'pass' },
  { name: 'Osaka region', kind: 'pass', subject: () => queue('ap-northeast-3'), expect: 'pass' },
  { name: 'a region added by the profile', kind: 'pass', subject: () => queue('ap-southeast-1'), params: { allowedRegions: ['ap-northeast-1', 'ap-southeast-1'] }, expect: 'pass' },
  { name: 'us-east-1', kind: 'fail', subject: () => queue('us-east-1'), expect: 'fail', messageId: 'notAllowed', path: 'region' },
  { name: 'Osaka when the profile allows only Tokyo', kind: 'fail', subject: () => queue('ap-northeast-3'), params: { allowedRegions: ['ap-northeast-1'] }, expect: 'fail', messageId: 'notAllowed', path: 'region' },
  { name: 'allowedRegions not set: the project default applies', kind: 'omitted', subject: () => queue('eu-west-1'), expect: 'fail', messageId: 'notAllowed', path: 'region' },
  { name: 'resource without a region', kind: 'omitted', subject: () => queue(null), expect: 'not-applicable' },
  { name: 'region known only after apply', kind: 'unknown', subject: () => queue(UNKNOWN), expect: 'unknown', path: 'region' },
  { name: 'IAM role is global', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.IamRole, {}, { region: 'us-east-1', tags: {} }), expect: 'not-applicable' },
]);
