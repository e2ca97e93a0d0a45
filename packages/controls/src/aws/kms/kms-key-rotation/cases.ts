import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const key = (props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.KmsKey, { enableKeyRotation: true, keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', keyManager: 'CUSTOMER', ...props }, { tags: {} });

export default testing.defineCases([
  { name: 'rotation on', kind: 'pass', subject: () => key(), expect: 'pass' },
  { name: 'rotation on, spec and usage omitted (symmetric default)', kind: 'pass', subject: () => key({ keySpec: undefined, keyUsage: undefined }), expect: 'pass' },
  { name: 'enable_key_rotation = false', kind: 'fail', subject: () => key({ enableKeyRotation: false }), expect: 'fail', messageId: 'off', path: 'enableKeyRotation' },
  { name: 'enable_key_rotation omitted', kind: 'omitted', subject: () => key({ enableKeyRotation: undefined }), expect: 'fail', messageId: 'omitted', path: 'enableKeyRotation' },
  { name: 'rotation omitted, spec omitted (SYMMETRIC_DEFAULT)', kind: 'omitted', subject: () => key({ enableKeyRotation: undefined, keySpec: undefined, keyUsage: undefined, keyManager: undefined }), expect: 'fail', messageId: 'omitted' },
  { name: 'rotation known after apply', kind: 'unknown', subject: () => key({ enableKeyRotation: UNKNOWN }), expect: 'unknown', path: 'enableKeyRotation' },
  { name: 'key spec known after apply', kind: 'unknown', subject: () => key({ enableKeyRotation: false, keySpec: UNKNOWN }), expect: 'unknown', path: 'keySpec' },
  { name: 'key manager not recorded', kind: 'unknown', subject: () => key({ enableKeyRotation: false, keyManager: UNKNOWN }), expect: 'unknown', path: 'keyManager' },
  { name: 'asymmetric signing key', kind: 'not-applicable', subject: () => key({ enableKeyRotation: false, keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }), expect: 'not-applicable' },
  { name: 'HMAC key', kind: 'not-applicable', subject: () => key({ enableKeyRotation: undefined, keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }), expect: 'not-applicable' },
  { name: 'AWS-managed key', kind: 'not-applicable', subject: () => key({ enableKeyRotation: false, keyManager: 'AWS' }), expect: 'not-applicable' },
]);
