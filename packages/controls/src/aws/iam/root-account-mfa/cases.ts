import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const base = { accountId: '123456789012', rootMfaEnabled: true, rootAccessKeysPresent: false, rootPasswordPresent: true };
const account = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.Account, { ...base, ...props }, { tags: {}, region: null });
const without = (key: string) => {
  const p: Record<string, unknown> = { ...base };
  delete p[key];
  return testing.makeResource(KINDS.Account, p, { tags: {}, region: null });
};

export default testing.defineCases([
  { name: 'root user with MFA', kind: 'pass', subject: () => account(), expect: 'pass' },
  { name: 'root user without MFA', kind: 'fail', subject: () => account({ rootMfaEnabled: false }), expect: 'fail', messageId: 'noMfa', path: 'rootMfaEnabled' },
  {
    name: 'no MFA and root access keys present',
    kind: 'fail',
    subject: () => account({ rootMfaEnabled: false, rootAccessKeysPresent: true }),
    expect: 'fail', messageId: 'noMfa', path: 'rootMfaEnabled',
  },
  { name: 'the summary did not say (cannot decide)', kind: 'omitted', subject: () => without('rootMfaEnabled'), expect: 'unknown', path: 'rootMfaEnabled' },
  { name: 'account summary not readable', kind: 'unknown', subject: () => account({ rootMfaEnabled: UNKNOWN }), expect: 'unknown', path: 'rootMfaEnabled' },
  {
    name: 'root credentials removed by centralized root access management',
    kind: 'not-applicable',
    subject: () => account({ rootMfaEnabled: false, rootPasswordPresent: false, rootAccessKeysPresent: false }),
    expect: 'not-applicable',
  },
  { name: 'an IAM user is not the root user', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.IamUser, { mfaActive: false }, { tags: {}, region: null }), expect: 'not-applicable' },
]);
