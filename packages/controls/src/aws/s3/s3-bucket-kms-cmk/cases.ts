import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const key = () => testing.makeResource(KINDS.KmsKey, { enableKeyRotation: true, keyManager: 'CUSTOMER' }, { id: 'aws_kms_key.data' });
const bucket = (encryption: unknown, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.S3Bucket, { bucket: 'data', ...(encryption === undefined ? {} : { encryption }) }, { tags });
const cmk = { algorithm: 'aws:kms', kmsKeyId: new Ref('aws_kms_key.data', 'arn') };

export default testing.defineCases([
  { name: 'SSE-KMS with a key of the stack', kind: 'pass', subject: () => bucket(cmk), others: () => [key()], expect: 'pass' },
  { name: 'SSE-KMS with a literal customer key ARN', kind: 'pass', subject: () => bucket({ algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }), expect: 'pass' },
  { name: 'SSE-S3 (AES256)', kind: 'fail', subject: () => bucket({ algorithm: 'AES256' }), expect: 'fail', messageId: 'notKms', path: 'encryption.algorithm' },
  { name: 'SSE-KMS with the AWS-managed aws/s3 key', kind: 'fail', subject: () => bucket({ algorithm: 'aws:kms', kmsKeyId: 'alias/aws/s3' }), expect: 'fail', messageId: 'noCmk' },
  { name: 'SSE-KMS without a key id (AWS-managed)', kind: 'fail', subject: () => bucket({ algorithm: 'aws:kms' }), expect: 'fail', messageId: 'noCmk', path: 'encryption.kmsKeyId' },
  { name: 'no encryption configuration', kind: 'omitted', subject: () => bucket(undefined), expect: 'fail', messageId: 'noConfig', path: 'encryption' },
  { name: 'untagged bucket counts as most sensitive', kind: 'omitted', subject: () => bucket({ algorithm: 'AES256' }, {}), expect: 'fail', messageId: 'notKms' },
  { name: 'configuration known after apply', kind: 'unknown', subject: () => bucket(UNKNOWN), expect: 'unknown', path: 'encryption' },
  { name: 'key id known after apply', kind: 'unknown', subject: () => bucket({ algorithm: 'aws:kms', kmsKeyId: UNKNOWN }), expect: 'unknown', path: 'encryption.kmsKeyId' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => bucket({ algorithm: 'AES256' }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
