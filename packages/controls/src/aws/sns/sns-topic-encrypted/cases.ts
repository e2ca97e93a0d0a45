import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const topic = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.SnsTopic, { name: 'alerts', kmsMasterKeyId: new Ref('aws_kms_key.topic', 'arn'), ...props }, { tags });

export default testing.defineCases([
  { name: 'KMS key of the stack', kind: 'pass', subject: () => topic(), expect: 'pass' },
  { name: 'AWS-managed alias/aws/sns', kind: 'pass', subject: () => topic({ kmsMasterKeyId: 'alias/aws/sns' }), expect: 'pass' },
  { name: 'empty key id', kind: 'fail', subject: () => topic({ kmsMasterKeyId: '' }), expect: 'fail', messageId: 'noKey', path: 'kmsMasterKeyId' },
  { name: 'kms_master_key_id omitted', kind: 'omitted', subject: () => topic({ kmsMasterKeyId: undefined }), expect: 'fail', messageId: 'noKey', path: 'kmsMasterKeyId' },
  { name: 'key id known after apply', kind: 'unknown', subject: () => topic({ kmsMasterKeyId: UNKNOWN }), expect: 'unknown', path: 'kmsMasterKeyId' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => topic({ kmsMasterKeyId: undefined }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
