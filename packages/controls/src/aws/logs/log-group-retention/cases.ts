import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const group = (props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.LogGroup, { name: '/app/audit', retentionInDays: 400, ...props }, { tags: {} });
const without = (key: string) => {
  const p: Record<string, unknown> = { name: '/app/audit', retentionInDays: 400 };
  delete p[key];
  return testing.makeResource(KINDS.LogGroup, p, { tags: {} });
};

export default testing.defineCases([
  { name: 'kept 400 days', kind: 'pass', subject: () => group(), expect: 'pass' },
  { name: 'kept exactly 365 days', kind: 'pass', subject: () => group({ retentionInDays: 365 }), expect: 'pass' },
  { name: 'retention 0 = never expire', kind: 'pass', subject: () => group({ retentionInDays: 0 }), expect: 'pass' },
  { name: 'retention as a string (CDKTF / Config)', kind: 'pass', subject: () => group({ retentionInDays: '731' }), expect: 'pass' },
  { name: 'a profile asking for 90 days', kind: 'pass', subject: () => group({ retentionInDays: 90 }), params: { minLogRetentionDays: 90 }, expect: 'pass' },
  { name: 'kept 90 days', kind: 'fail', subject: () => group({ retentionInDays: 90 }), expect: 'fail', messageId: 'tooShort', path: 'retentionInDays' },
  { name: 'kept 1 day', kind: 'fail', subject: () => group({ retentionInDays: 1 }), expect: 'fail', messageId: 'tooShort', path: 'retentionInDays' },
  { name: 'a profile asking for 5 years', kind: 'fail', subject: () => group(), params: { minLogRetentionDays: 1827 }, expect: 'fail', messageId: 'tooShort' },
  { name: 'retention omitted = never expire', kind: 'omitted', subject: () => without('retentionInDays'), expect: 'pass' },
  { name: 'retention known after apply', kind: 'unknown', subject: () => group({ retentionInDays: UNKNOWN }), expect: 'unknown', path: 'retentionInDays' },
  { name: 'retention set from another resource', kind: 'unknown', subject: () => group({ retentionInDays: new Ref('terraform_data.settings', 'output') }), expect: 'unknown', path: 'retentionInDays' },
  { name: 'DELIVERY-class log group (fixed 1-day retention)', kind: 'not-applicable', subject: () => group({ retentionInDays: 1, logGroupClass: 'DELIVERY' }), expect: 'not-applicable' },
]);
