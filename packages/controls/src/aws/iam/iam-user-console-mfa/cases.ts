import { KINDS, UNKNOWN, testing } from '@muniguard/core';

/** A console user as the live scan reports it (inventory + credential report). */
const base = { name: 'tanaka', managedPolicyArns: [], inlinePolicies: [], groups: [], loginProfile: true, mfaActive: true, passwordLastUsed: '2026-03-30T09:00:00+00:00', accessKeys: [] };
const user = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.IamUser, { ...base, ...props }, { tags: {}, region: null });
const without = (key: string) => {
  const p: Record<string, unknown> = { ...base };
  delete p[key];
  return testing.makeResource(KINDS.IamUser, p, { tags: {}, region: null });
};

export default testing.defineCases([
  { name: 'console user with MFA', kind: 'pass', subject: () => user(), expect: 'pass' },
  { name: 'console user without MFA', kind: 'fail', subject: () => user({ mfaActive: false }), expect: 'fail', messageId: 'noMfa', path: 'mfaActive' },
  { name: 'MFA flag as the report text "false"', kind: 'fail', subject: () => user({ mfaActive: 'false' }), expect: 'fail', messageId: 'noMfa', path: 'mfaActive' },
  { name: 'mfaActive omitted: an IaC input cannot show MFA', kind: 'omitted', subject: () => without('mfaActive'), expect: 'not-applicable' },
  { name: 'credential report not readable', kind: 'unknown', subject: () => user({ mfaActive: UNKNOWN }), expect: 'unknown', path: 'mfaActive' },
  { name: 'console password not known', kind: 'unknown', subject: () => user({ loginProfile: UNKNOWN }), expect: 'unknown', path: 'loginProfile' },
  { name: 'no console password (API-only user)', kind: 'not-applicable', subject: () => user({ loginProfile: false, mfaActive: false }), expect: 'not-applicable' },
]);
