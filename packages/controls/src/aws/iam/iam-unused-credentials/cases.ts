import { KINDS, UNKNOWN, testing } from '@muniguard/core';

// the scan date of the cases is 2026-04-01 (testing.runControls)
const key = (props: Record<string, unknown> = {}) => ({ slot: 1, active: true, lastUsed: '2026-03-31T23:10:00+00:00', lastRotated: '2025-10-01T00:00:00+00:00', ...props });
const base = {
  name: 'suzuki', managedPolicyArns: [], inlinePolicies: [], groups: [],
  loginProfile: true, mfaActive: true, createDate: '2024-04-01T00:00:00+00:00',
  passwordLastUsed: '2026-03-20T08:30:00+00:00', passwordLastChanged: '2025-12-01T00:00:00+00:00', accessKeys: [key()],
};
const user = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.IamUser, { ...base, ...props }, { tags: {}, region: null });
const iacUser = () => testing.makeResource(KINDS.IamUser, { name: 'suzuki', loginProfile: true, managedPolicyArns: [], inlinePolicies: [], groups: [] }, { tags: {}, region: null });

export default testing.defineCases([
  { name: 'password and key used recently', kind: 'pass', subject: () => user(), expect: 'pass' },
  { name: 'an inactive old key does not count', kind: 'pass', subject: () => user({ accessKeys: [key({ active: false, lastUsed: '2023-01-01T00:00:00+00:00' })] }), expect: 'pass' },
  { name: 'limit raised by the profile', kind: 'pass', subject: () => user({ passwordLastUsed: '2025-11-01T00:00:00+00:00' }), params: { maxCredentialUnusedDays: 180 }, expect: 'pass' },
  { name: 'password unused for 151 days', kind: 'fail', subject: () => user({ passwordLastUsed: '2025-11-01T00:00:00+00:00' }), expect: 'fail', messageId: 'passwordUnused', path: 'passwordLastUsed' },
  { name: 'password set 121 days ago and never used', kind: 'fail', subject: () => user({ passwordLastUsed: null }), expect: 'fail', messageId: 'passwordNeverUsed', path: 'passwordLastUsed' },
  { name: 'access key unused since last year', kind: 'fail', subject: () => user({ accessKeys: [key({ lastUsed: '2025-06-30T00:00:00+00:00' })] }), expect: 'fail', messageId: 'accessKeyUnused', path: 'accessKeys.0.lastUsed' },
  {
    name: 'second access key never used',
    kind: 'fail',
    subject: () => user({ accessKeys: [key(), key({ slot: 2, lastUsed: null, lastRotated: '2025-09-01T00:00:00+00:00' })] }),
    expect: 'fail', messageId: 'accessKeyNeverUsed', path: 'accessKeys.1.lastUsed',
  },
  { name: 'usage omitted: an IaC input cannot show it', kind: 'omitted', subject: () => iacUser(), expect: 'not-applicable' },
  { name: 'credential report not readable', kind: 'unknown', subject: () => user({ passwordLastUsed: UNKNOWN, accessKeys: UNKNOWN }), expect: 'unknown', path: 'passwordLastUsed' },
  { name: 'key list not readable', kind: 'unknown', subject: () => user({ accessKeys: UNKNOWN }), expect: 'unknown', path: 'accessKeys' },
  { name: 'a role has no passwords or keys', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.IamRole, { assumeRolePolicy: {} }, { tags: {}, region: null }), expect: 'not-applicable' },
]);
