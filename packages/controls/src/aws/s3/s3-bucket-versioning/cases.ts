import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const bucket = (versioning: unknown, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.S3Bucket, { bucket: 'data', ...(versioning === undefined ? {} : { versioning }) }, { tags });

export default testing.defineCases([
  { name: 'versioning Enabled', kind: 'pass', subject: () => bucket({ status: 'Enabled' }), expect: 'pass' },
  { name: 'versioning Suspended', kind: 'fail', subject: () => bucket({ status: 'Suspended' }), expect: 'fail', messageId: 'suspended', path: 'versioning.status' },
  { name: 'versioning Disabled', kind: 'fail', subject: () => bucket({ status: 'Disabled' }), expect: 'fail', messageId: 'notEnabled', path: 'versioning.status' },
  { name: 'no versioning configuration', kind: 'omitted', subject: () => bucket(undefined), expect: 'fail', messageId: 'notConfigured', path: 'versioning' },
  { name: 'configuration without a status', kind: 'omitted', subject: () => bucket({}), expect: 'fail', messageId: 'notEnabled', path: 'versioning.status' },
  { name: 'untagged bucket counts as most sensitive', kind: 'omitted', subject: () => bucket(undefined, {}), expect: 'fail', messageId: 'notConfigured' },
  { name: 'versioning known after apply (legacy computed block)', kind: 'unknown', subject: () => bucket(UNKNOWN), expect: 'unknown', path: 'versioning' },
  { name: 'status set from another resource', kind: 'unknown', subject: () => bucket({ status: new Ref('terraform_data.settings', 'output') }), expect: 'unknown', path: 'versioning.status' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => bucket(undefined, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
