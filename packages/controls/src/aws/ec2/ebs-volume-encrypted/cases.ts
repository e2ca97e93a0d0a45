import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const volume = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.EbsVolume, { availabilityZone: 'ap-northeast-1a', encrypted: true, kmsKeyId: new Ref('aws_kms_key.ebs', 'arn'), ...props }, { tags });

export default testing.defineCases([
  { name: 'encrypted volume', kind: 'pass', subject: () => volume(), expect: 'pass' },
  { name: 'encrypted with the AWS-managed key', kind: 'pass', subject: () => volume({ kmsKeyId: undefined }), expect: 'pass' },
  { name: 'encrypted = false', kind: 'fail', subject: () => volume({ encrypted: false, kmsKeyId: undefined }), expect: 'fail', messageId: 'notEncrypted', path: 'encrypted' },
  { name: 'encrypted omitted', kind: 'omitted', subject: () => volume({ encrypted: undefined, kmsKeyId: undefined }), expect: 'fail', messageId: 'omitted', path: 'encrypted' },
  { name: 'encrypted known after apply', kind: 'unknown', subject: () => volume({ encrypted: UNKNOWN }), expect: 'unknown', path: 'encrypted' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => volume({ encrypted: false }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
