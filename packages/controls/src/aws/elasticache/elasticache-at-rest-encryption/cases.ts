import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const group = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(
    KINDS.CacheReplicationGroup,
    { atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId: new Ref('aws_kms_key.cache', 'arn'), ...props },
    { tags },
  );

export default testing.defineCases([
  { name: 'at-rest encryption on', kind: 'pass', subject: () => group(), expect: 'pass' },
  { name: 'at_rest_encryption_enabled = false', kind: 'fail', subject: () => group({ atRestEncryptionEnabled: false, kmsKeyId: undefined }), expect: 'fail', messageId: 'off', path: 'atRestEncryptionEnabled' },
  { name: 'at_rest_encryption_enabled omitted', kind: 'omitted', subject: () => group({ atRestEncryptionEnabled: undefined, kmsKeyId: undefined }), expect: 'fail', messageId: 'omitted', path: 'atRestEncryptionEnabled' },
  { name: 'known after apply', kind: 'unknown', subject: () => group({ atRestEncryptionEnabled: UNKNOWN }), expect: 'unknown', path: 'atRestEncryptionEnabled' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => group({ atRestEncryptionEnabled: false }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
