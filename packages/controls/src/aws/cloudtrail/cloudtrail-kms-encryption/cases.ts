import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const base = { name: 'main', isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: new Ref('aws_kms_key.trail', 'arn') };
const trail = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.Trail, { ...base, ...props }, { tags: {} });
const key = (keyManager: unknown = 'CUSTOMER') => testing.makeResource(KINDS.KmsKey, { enableKeyRotation: true, keyManager }, { id: 'aws_kms_key.trail', tags: {} });
const without = (k: string) => {
  const p: Record<string, unknown> = { ...base };
  delete p[k];
  return testing.makeResource(KINDS.Trail, p, { tags: {} });
};

export default testing.defineCases([
  { name: 'key of the stack', kind: 'pass', subject: () => trail(), others: () => [key()], expect: 'pass' },
  { name: 'literal customer key ARN', kind: 'pass', subject: () => trail({ kmsKeyId: 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }), expect: 'pass' },
  { name: 'an AWS-managed alias', kind: 'fail', subject: () => trail({ kmsKeyId: 'alias/aws/s3' }), expect: 'fail', messageId: 'awsManagedKey', path: 'kmsKeyId' },
  { name: 'kms_key_id omitted (SSE-S3)', kind: 'omitted', subject: () => without('kmsKeyId'), expect: 'fail', messageId: 'noKey', path: 'kmsKeyId' },
  { name: 'kms_key_id known after apply', kind: 'unknown', subject: () => trail({ kmsKeyId: UNKNOWN }), expect: 'unknown', path: 'kmsKeyId' },
  { name: 'key manager of the referenced key not recorded', kind: 'unknown', subject: () => trail(), others: () => [key(UNKNOWN)], expect: 'unknown', path: 'kmsKeyId' },
  { name: 'a KMS key is not a trail (only trails are checked)', kind: 'not-applicable', subject: () => key(), expect: 'not-applicable' },
]);
