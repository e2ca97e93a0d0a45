import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';
import type { Tags, Unknown } from '@muniguard/core';

const bucket = (tags?: Tags | Unknown) => testing.makeResource(KINDS.S3Bucket, { bucket: 'data' }, { tags });
const cluster = (tags?: Tags | Unknown) =>
  testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-postgresql', storageEncrypted: true }, { id: 'aws_rds_cluster.main', name: 'main', tags });
const member = (tags: Tags, dbClusterIdentifier: unknown = new Ref('aws_rds_cluster.main', 'id')) =>
  testing.makeResource(KINDS.RdsInstance, { engine: 'aurora-postgresql', dbClusterIdentifier }, { tags });

export default testing.defineCases([
  { name: 'DataClassification Ⅱ', kind: 'pass', subject: () => bucket({ DataClassification: 'Ⅱ' }), expect: 'pass' },
  { name: 'ASCII alias II is accepted', kind: 'pass', subject: () => bucket({ DataClassification: 'II' }), expect: 'pass' },
  { name: 'profile tag key 重要性分類', kind: 'pass', subject: () => bucket({ 重要性分類: 'Ⅰ' }), expect: 'pass' },
  {
    name: 'Aurora instance without a tag inherits its cluster\'s',
    kind: 'pass',
    subject: () => member({}),
    others: () => [cluster({ DataClassification: 'Ⅱ' })],
    expect: 'pass',
  },
  {
    name: 'Aurora instance named by a literal cluster identifier',
    kind: 'pass',
    subject: () => member({}, 'main'),
    others: () => [cluster({ DataClassification: 'Ⅱ' })],
    expect: 'pass',
  },
  {
    name: 'value outside the scheme',
    kind: 'fail',
    subject: () => bucket({ DataClassification: 'Confidential' }),
    expect: 'fail',
    messageId: 'invalid',
    path: 'tags.DataClassification',
  },
  { name: 'empty value', kind: 'fail', subject: () => bucket({ DataClassification: '' }), expect: 'fail', messageId: 'invalid', path: 'tags.DataClassification' },
  {
    name: 'Aurora instance and its cluster both untagged',
    kind: 'fail',
    subject: () => member({}),
    others: () => [cluster({})],
    expect: 'fail',
    messageId: 'missing',
    path: 'tags',
  },
  { name: 'no tags at all', kind: 'omitted', subject: () => bucket({}), expect: 'fail', messageId: 'missing', path: 'tags' },
  { name: 'other tags only', kind: 'omitted', subject: () => bucket({ Name: 'data', Owner: 'kikaku' }), expect: 'fail', messageId: 'missing', path: 'tags' },
  {
    name: 'member of a cluster outside the scan, untagged',
    kind: 'omitted',
    subject: () => member({}, 'elsewhere'),
    expect: 'fail',
    messageId: 'missing',
  },
  { name: 'tag map known after apply', kind: 'unknown', subject: () => bucket(UNKNOWN), expect: 'unknown', path: 'tags' },
  { name: 'tag value known after apply', kind: 'unknown', subject: () => bucket({ DataClassification: UNKNOWN }), expect: 'unknown', path: 'tags.DataClassification' },
  {
    name: 'tag value set from another resource (Ref)',
    kind: 'unknown',
    subject: () => bucket({ DataClassification: new Ref('aws_ssm_parameter.classification', 'value') as unknown as string }),
    expect: 'unknown',
    path: 'tags.DataClassification',
  },
  {
    name: 'untagged member, cluster tags known after apply',
    kind: 'unknown',
    subject: () => member({}),
    others: () => [cluster(UNKNOWN)],
    expect: 'unknown',
    messageId: 'inheritedUnknown',
    path: 'tags',
  },
  {
    name: 'a KMS key is not a data store',
    kind: 'not-applicable',
    subject: () => testing.makeResource(KINDS.KmsKey, { enableKeyRotation: true }, { tags: {} }),
    expect: 'not-applicable',
  },
]);
