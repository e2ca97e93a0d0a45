import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const queue = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.SqsQueue, { name: 'notices', kmsMasterKeyId: new Ref('aws_kms_key.queue', 'arn'), ...props }, { tags });

export default testing.defineCases([
  { name: 'SSE-KMS with a key of the stack', kind: 'pass', subject: () => queue(), expect: 'pass' },
  { name: 'SSE-KMS with the AWS-managed alias', kind: 'pass', subject: () => queue({ kmsMasterKeyId: 'alias/aws/sqs' }), expect: 'pass' },
  { name: 'SSE-SQS explicitly on', kind: 'pass', subject: () => queue({ kmsMasterKeyId: undefined, sqsManagedSseEnabled: true }), expect: 'pass' },
  { name: 'sqs_managed_sse_enabled = false without a key', kind: 'fail', subject: () => queue({ kmsMasterKeyId: undefined, sqsManagedSseEnabled: false }), expect: 'fail', messageId: 'disabled', path: 'sqsManagedSseEnabled' },
  { name: 'empty key id and SSE-SQS off', kind: 'fail', subject: () => queue({ kmsMasterKeyId: '', sqsManagedSseEnabled: false }), expect: 'fail', messageId: 'disabled' },
  { name: 'neither setting given', kind: 'omitted', subject: () => queue({ kmsMasterKeyId: undefined }), expect: 'fail', messageId: 'notExplicit', path: 'kmsMasterKeyId' },
  { name: 'SSE-SQS known after apply (computed default)', kind: 'unknown', subject: () => queue({ kmsMasterKeyId: undefined, sqsManagedSseEnabled: UNKNOWN }), expect: 'unknown', path: 'sqsManagedSseEnabled' },
  { name: 'key id known after apply', kind: 'unknown', subject: () => queue({ kmsMasterKeyId: UNKNOWN, sqsManagedSseEnabled: false }), expect: 'unknown', path: 'kmsMasterKeyId' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => queue({ kmsMasterKeyId: undefined }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
