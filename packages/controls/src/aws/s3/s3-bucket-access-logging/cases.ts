import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const bucket = (logging: unknown, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.S3Bucket, { bucket: 'data', ...(logging === undefined ? {} : { logging }) }, { tags });

export default testing.defineCases([
  { name: 'logging to a log bucket of the stack', kind: 'pass', subject: () => bucket({ targetBucket: new Ref('aws_s3_bucket.logs', 'id'), targetPrefix: 'data/' }), expect: 'pass' },
  { name: 'logging to a literal bucket name', kind: 'pass', subject: () => bucket({ targetBucket: 'central-access-logs', targetPrefix: 'data/' }), expect: 'pass' },
  { name: 'logging configuration without a target bucket', kind: 'fail', subject: () => bucket({ targetPrefix: 'data/' }), expect: 'fail', messageId: 'noTarget', path: 'logging.targetBucket' },
  { name: 'empty target bucket', kind: 'fail', subject: () => bucket({ targetBucket: '' }), expect: 'fail', messageId: 'noTarget', path: 'logging.targetBucket' },
  { name: 'no logging configuration', kind: 'omitted', subject: () => bucket(undefined), expect: 'fail', messageId: 'notConfigured', path: 'logging' },
  { name: 'untagged bucket counts as most sensitive', kind: 'omitted', subject: () => bucket(undefined, {}), expect: 'fail', messageId: 'notConfigured' },
  { name: 'logging known after apply (legacy computed block)', kind: 'unknown', subject: () => bucket(UNKNOWN), expect: 'unknown', path: 'logging' },
  { name: 'target bucket known after apply', kind: 'unknown', subject: () => bucket({ targetBucket: UNKNOWN }), expect: 'unknown', path: 'logging.targetBucket' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => bucket(undefined, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
