import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const base = { engine: 'postgres', storageEncrypted: true, kmsKeyId: new Ref('aws_kms_key.db', 'arn') };
const instance = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.RdsInstance, { ...base, ...props }, { tags });
const without = (key: string, props: Record<string, unknown> = {}) => {
  const p: Record<string, unknown> = { ...base, ...props };
  delete p[key];
  return testing.makeResource(KINDS.RdsInstance, p);
};
const cluster = (props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-postgresql', storageEncrypted: true, ...props }, { id: 'aws_rds_cluster.main', name: 'main' });
const source = (storageEncrypted: unknown) =>
  testing.makeResource(KINDS.RdsInstance, { engine: 'postgres', storageEncrypted }, { id: 'aws_db_instance.primary', name: 'primary' });
const replica = (props: Record<string, unknown> = {}) => {
  const p: Record<string, unknown> = { engine: 'postgres', replicateSourceDb: new Ref('aws_db_instance.primary', 'identifier'), ...props };
  return testing.makeResource(KINDS.RdsInstance, p);
};

export default testing.defineCases([
  { name: 'encrypted instance', kind: 'pass', subject: () => instance(), expect: 'pass' },
  { name: 'encrypted Aurora cluster', kind: 'pass', subject: () => cluster(), expect: 'pass' },
  { name: 'string "true" (CDKTF / Config)', kind: 'pass', subject: () => instance({ storageEncrypted: 'true' }), expect: 'pass' },
  { name: 'replica of an encrypted source in the scan', kind: 'pass', subject: () => replica(), others: () => [source(true)], expect: 'pass' },
  { name: 'cross-region replica naming a key', kind: 'pass', subject: () => replica({ replicateSourceDb: 'arn:aws:rds:ap-northeast-1:111122223333:db:primary', kmsKeyId: 'arn:aws:kms:ap-northeast-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }), expect: 'pass' },
  { name: 'storage_encrypted = false', kind: 'fail', subject: () => instance({ storageEncrypted: false }), expect: 'fail', messageId: 'notEncrypted', path: 'storageEncrypted' },
  { name: 'Aurora cluster with storage_encrypted = false', kind: 'fail', subject: () => cluster({ storageEncrypted: false }), expect: 'fail', messageId: 'notEncrypted', path: 'storageEncrypted' },
  { name: 'replica of an unencrypted source', kind: 'fail', subject: () => replica(), others: () => [source(false)], expect: 'fail', messageId: 'sourceNotEncrypted', path: 'replicateSourceDb' },
  { name: 'storage_encrypted omitted', kind: 'omitted', subject: () => without('storageEncrypted'), expect: 'fail', messageId: 'omitted', path: 'storageEncrypted' },
  { name: 'Aurora cluster with storage_encrypted omitted', kind: 'omitted', subject: () => testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-mysql' }), expect: 'fail', messageId: 'omitted', path: 'storageEncrypted' },
  { name: 'untagged unencrypted instance counts as most sensitive', kind: 'omitted', subject: () => instance({ storageEncrypted: false }, {}), expect: 'fail', messageId: 'notEncrypted' },
  { name: 'storage_encrypted known after apply', kind: 'unknown', subject: () => instance({ storageEncrypted: UNKNOWN }), expect: 'unknown', path: 'storageEncrypted' },
  { name: 'storage_encrypted set from another resource', kind: 'unknown', subject: () => instance({ storageEncrypted: new Ref('terraform_data.settings', 'output') }), expect: 'unknown', path: 'storageEncrypted' },
  { name: 'replica of a source outside the scan', kind: 'unknown', subject: () => replica({ replicateSourceDb: 'arn:aws:rds:ap-northeast-1:111122223333:db:elsewhere' }), expect: 'unknown', messageId: 'sourceUnseen', path: 'replicateSourceDb' },
  { name: 'replica of a source whose encryption is known after apply', kind: 'unknown', subject: () => replica(), others: () => [source(UNKNOWN)], expect: 'unknown', messageId: 'sourceUnknown' },
  { name: 'cluster membership known after apply', kind: 'unknown', subject: () => without('storageEncrypted', { dbClusterIdentifier: UNKNOWN }), expect: 'unknown', path: 'dbClusterIdentifier' },
  {
    name: 'Aurora cluster instance: encryption is the cluster\'s',
    kind: 'not-applicable',
    subject: () => testing.makeResource(KINDS.RdsInstance, { engine: 'aurora-postgresql', dbClusterIdentifier: new Ref('aws_rds_cluster.main', 'id') }),
    others: () => [cluster()],
    expect: 'not-applicable',
  },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => instance({ storageEncrypted: false }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
