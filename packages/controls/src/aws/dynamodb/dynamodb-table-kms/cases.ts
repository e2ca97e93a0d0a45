import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const table = (sse: unknown, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.DynamoTable, { name: 'juminhyo', pointInTimeRecovery: true, ...(sse === undefined ? {} : { sse }) }, { tags });
const cmk = { enabled: true, kmsKeyArn: new Ref('aws_kms_key.table', 'arn') };

export default testing.defineCases([
  { name: 'KMS with a customer-managed key', kind: 'pass', subject: () => table(cmk), expect: 'pass' },
  { name: 'KMS with the AWS-managed key (no kms_key_arn)', kind: 'pass', subject: () => table({ enabled: true }), expect: 'pass' },
  { name: 'enabled = false', kind: 'fail', subject: () => table({ enabled: false }), expect: 'fail', messageId: 'disabled', path: 'sse.enabled' },
  { name: 'no server_side_encryption block', kind: 'omitted', subject: () => table(undefined), expect: 'fail', messageId: 'awsOwned', path: 'sse' },
  { name: 'block without enabled', kind: 'omitted', subject: () => table({ kmsKeyArn: 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }), expect: 'fail', messageId: 'disabled', path: 'sse.enabled' },
  { name: 'block known after apply', kind: 'unknown', subject: () => table(UNKNOWN), expect: 'unknown', path: 'sse' },
  { name: 'enabled known after apply', kind: 'unknown', subject: () => table({ enabled: UNKNOWN }), expect: 'unknown', path: 'sse.enabled' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => table(undefined, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
