import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const fs = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.EfsFileSystem, { encrypted: true, kmsKeyId: new Ref('aws_kms_key.efs', 'arn'), ...props }, { tags });

export default testing.defineCases([
  { name: 'encrypted file system', kind: 'pass', subject: () => fs(), expect: 'pass' },
  { name: 'encrypted = false', kind: 'fail', subject: () => fs({ encrypted: false, kmsKeyId: undefined }), expect: 'fail', messageId: 'notEncrypted', path: 'encrypted' },
  { name: 'string "false" (CDKTF / Config)', kind: 'fail', subject: () => fs({ encrypted: 'false', kmsKeyId: undefined }), expect: 'fail', messageId: 'notEncrypted', path: 'encrypted' },
  { name: 'encrypted omitted', kind: 'omitted', subject: () => fs({ encrypted: undefined, kmsKeyId: undefined }), expect: 'fail', messageId: 'omitted', path: 'encrypted' },
  { name: 'encrypted known after apply', kind: 'unknown', subject: () => fs({ encrypted: UNKNOWN }), expect: 'unknown', path: 'encrypted' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => fs({ encrypted: false }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
