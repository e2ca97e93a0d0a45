import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const user = (props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.IamUser, { name: 'ci-deployer', managedPolicyArns: [], inlinePolicies: [], groups: [], ...props }, { tags: {}, region: null });

export default testing.defineCases([
  { name: 'no login profile', kind: 'pass', subject: () => user({ loginProfile: false }), expect: 'pass' },
  { name: 'console password', kind: 'fail', subject: () => user({ loginProfile: true }), expect: 'fail', messageId: 'consolePassword', path: 'loginProfile' },
  { name: 'loginProfile omitted: no login profile resource', kind: 'omitted', subject: () => user(), expect: 'pass' },
  { name: 'login profile not recorded', kind: 'unknown', subject: () => user({ loginProfile: UNKNOWN }), expect: 'unknown', path: 'loginProfile' },
  { name: 'an IAM role is not a user (roles have no password)', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.IamRole, { assumeRolePolicy: {} }, { tags: {}, region: null }), expect: 'not-applicable' },
]);
