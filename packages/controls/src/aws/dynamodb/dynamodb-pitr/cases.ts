import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const base = { name: 'orders', sse: { enabled: true }, pointInTimeRecovery: true };
const table = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.DynamoTable, { ...base, ...props }, { tags });
const without = (key: string) => {
  const p: Record<string, unknown> = { ...base };
  delete p[key];
  return testing.makeResource(KINDS.DynamoTable, p);
};

export default testing.defineCases([
  { name: 'PITR on', kind: 'pass', subject: () => table(), expect: 'pass' },
  { name: 'PITR "true" as a string (CDKTF / Config)', kind: 'pass', subject: () => table({ pointInTimeRecovery: 'true' }), expect: 'pass' },
  { name: 'PITR off', kind: 'fail', subject: () => table({ pointInTimeRecovery: false }), expect: 'fail', messageId: 'off', path: 'pointInTimeRecovery' },
  { name: 'PITR omitted (off by default)', kind: 'omitted', subject: () => without('pointInTimeRecovery'), expect: 'fail', messageId: 'omitted', path: 'pointInTimeRecovery' },
  { name: 'untagged table counts as most sensitive', kind: 'omitted', subject: () => table({ pointInTimeRecovery: false }, {}), expect: 'fail', messageId: 'off' },
  { name: 'PITR known after apply', kind: 'unknown', subject: () => table({ pointInTimeRecovery: UNKNOWN }), expect: 'unknown', path: 'pointInTimeRecovery' },
  { name: 'PITR set from another resource', kind: 'unknown', subject: () => table({ pointInTimeRecovery: new Ref('terraform_data.settings', 'output') }), expect: 'unknown', path: 'pointInTimeRecovery' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => table({ pointInTimeRecovery: false }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
