import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const bucket = (publicAccessBlock: unknown, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.S3Bucket, { bucket: 'data', ...(publicAccessBlock === undefined ? {} : { publicAccessBlock }) }, { tags });
const without = (key: keyof typeof ALL_ON) => Object.fromEntries(Object.entries(ALL_ON).filter(([k]) => k !== key));

export default testing.defineCases([
  { name: 'all four settings on', kind: 'pass', subject: () => bucket(ALL_ON), expect: 'pass' },
  { name: 'an unclassified bucket is checked too', kind: 'pass', subject: () => bucket(ALL_ON, {}), expect: 'pass' },
  { name: 'block_public_policy off', kind: 'fail', subject: () => bucket({ ...ALL_ON, blockPublicPolicy: false }), expect: 'fail', messageId: 'settingOff', path: 'publicAccessBlock.blockPublicPolicy' },
  { name: 'restrict_public_buckets off', kind: 'fail', subject: () => bucket({ ...ALL_ON, restrictPublicBuckets: 'false' }), expect: 'fail', messageId: 'settingOff', path: 'publicAccessBlock.restrictPublicBuckets' },
  { name: 'a public class Ⅳ bucket is still checked', kind: 'fail', subject: () => bucket({ ...ALL_ON, blockPublicAcls: false }, { DataClassification: 'Ⅳ' }), expect: 'fail', messageId: 'settingOff', path: 'publicAccessBlock.blockPublicAcls' },
  { name: 'no public access block resource', kind: 'omitted', subject: () => bucket(undefined), expect: 'fail', messageId: 'missing', path: 'publicAccessBlock' },
  { name: 'ignore_public_acls omitted (defaults to false)', kind: 'omitted', subject: () => bucket(without('ignorePublicAcls')), expect: 'fail', messageId: 'settingOff', path: 'publicAccessBlock.ignorePublicAcls' },
  { name: 'whole block known after apply', kind: 'unknown', subject: () => bucket(UNKNOWN), expect: 'unknown', path: 'publicAccessBlock' },
  { name: 'one setting known after apply', kind: 'unknown', subject: () => bucket({ ...ALL_ON, blockPublicAcls: UNKNOWN }), expect: 'unknown', path: 'publicAccessBlock.blockPublicAcls' },
  { name: 'a known off setting wins over an unknown one', kind: 'fail', subject: () => bucket({ ...ALL_ON, blockPublicAcls: UNKNOWN, ignorePublicAcls: false }), expect: 'fail', messageId: 'settingOff', path: 'publicAccessBlock.ignorePublicAcls' },
  { name: 'a DynamoDB table has no public access block', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.DynamoTable, {}), expect: 'not-applicable' },
]);
