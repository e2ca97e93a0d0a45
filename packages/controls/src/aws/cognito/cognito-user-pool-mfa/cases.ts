import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const pool = (mfaConfiguration: unknown, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.UserPool, { name: 'residents', ...(mfaConfiguration === undefined ? {} : { mfaConfiguration }) }, { tags });

export default testing.defineCases([
  { name: 'MFA required', kind: 'pass', subject: () => pool('ON'), expect: 'pass' },
  { name: 'MFA optional', kind: 'fail', subject: () => pool('OPTIONAL'), expect: 'fail', messageId: 'optional', path: 'mfaConfiguration' },
  { name: 'MFA off', kind: 'fail', subject: () => pool('OFF'), expect: 'fail', messageId: 'off', path: 'mfaConfiguration' },
  { name: 'mfa_configuration omitted (OFF)', kind: 'omitted', subject: () => pool(undefined), expect: 'fail', messageId: 'omitted', path: 'mfaConfiguration' },
  { name: 'untagged pool counts as most sensitive', kind: 'omitted', subject: () => pool('OPTIONAL', {}), expect: 'fail', messageId: 'optional' },
  { name: 'known after apply', kind: 'unknown', subject: () => pool(UNKNOWN), expect: 'unknown', path: 'mfaConfiguration' },
  { name: 'set from another resource', kind: 'unknown', subject: () => pool(new Ref('terraform_data.settings', 'output')), expect: 'unknown', path: 'mfaConfiguration' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => pool('OFF', { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
