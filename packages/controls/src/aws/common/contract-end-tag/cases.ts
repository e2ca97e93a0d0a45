import { KINDS, Ref, UNKNOWN, testing, type Tags } from '@muniguard/core';

// scans run as of 2026-04-01 unless a case says otherwise
const store = (tags: Tags | typeof UNKNOWN, kind: string = KINDS.S3Bucket) => testing.makeResource(kind, { bucket: 'data' }, { tags });
const tagged = (contractEnd: unknown) => store({ DataClassification: 'Ⅱ', ContractEnd: contractEnd as string });

export default testing.defineCases([
  { name: 'end date well after the notice period', kind: 'pass', subject: () => tagged('2030-03-31'), expect: 'pass' },
  { name: 'one day after the notice period', kind: 'pass', subject: () => tagged('2026-07-01'), expect: 'pass' },
  { name: 'end date on a DynamoDB table', kind: 'pass', subject: () => store({ DataClassification: 'Ⅰ', ContractEnd: '2031-03-31' }, KINDS.DynamoTable), expect: 'pass' },
  { name: 'a longer notice period set by the profile', kind: 'fail', subject: () => tagged('2026-09-30'), params: { contractEndNoticeDays: 365 }, expect: 'fail', messageId: 'approaching', enforcement: 'advisory' },

  { name: 'end date has passed', kind: 'fail', subject: () => tagged('2026-03-31'), expect: 'fail', messageId: 'datePassed', path: 'tags.ContractEnd', enforcement: 'mandatory' },
  { name: 'end date within the notice period', kind: 'fail', subject: () => tagged('2026-06-30'), expect: 'fail', messageId: 'approaching', path: 'tags.ContractEnd', enforcement: 'advisory' },
  { name: 'end date is the scan date', kind: 'fail', subject: () => tagged('2026-04-01'), expect: 'fail', messageId: 'approaching', enforcement: 'advisory' },
  { name: 'not a date', kind: 'fail', subject: () => tagged('2027/03/31'), expect: 'fail', messageId: 'invalid', path: 'tags.ContractEnd' },
  { name: 'impossible calendar date', kind: 'fail', subject: () => tagged('2027-02-30'), expect: 'fail', messageId: 'invalid', path: 'tags.ContractEnd' },
  { name: 'full-width digits are read as the date they spell', kind: 'pass', subject: () => tagged('２０３０-０３-３１'), expect: 'pass' },

  { name: 'no ContractEnd tag', kind: 'omitted', subject: () => store({ DataClassification: 'Ⅱ' }), expect: 'fail', messageId: 'missing', path: 'tags.ContractEnd' },
  { name: 'no tags at all (counts as most sensitive)', kind: 'omitted', subject: () => store({}), expect: 'fail', messageId: 'missing' },

  { name: 'tag value known after apply', kind: 'unknown', subject: () => tagged(UNKNOWN), expect: 'unknown', path: 'tags.ContractEnd' },
  { name: 'tag value set from another resource', kind: 'unknown', subject: () => tagged(new Ref('time_offset.contract_end', 'rfc3339')), expect: 'unknown', path: 'tags.ContractEnd' },
  { name: 'whole tag map known after apply', kind: 'unknown', subject: () => store(UNKNOWN), expect: 'unknown', path: 'tags' },

  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => store({ DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
  { name: 'a KMS key is not a data store', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.KmsKey, { keyManager: 'CUSTOMER' }, { tags: {} }), expect: 'not-applicable' },
]);
