import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const base = { engine: 'postgres', storageEncrypted: true, backupRetentionPeriod: 7 };
const instance = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.RdsInstance, { ...base, ...props }, { tags });
const without = (key: string, props: Record<string, unknown> = {}) => {
  const p: Record<string, unknown> = { ...base, ...props };
  delete p[key];
  return testing.makeResource(KINDS.RdsInstance, p);
};
const cluster = (props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-postgresql', backupRetentionPeriod: 14, ...props }, { id: 'aws_rds_cluster.main', name: 'main' });

export default testing.defineCases([
  { name: 'instance keeping backups 7 days', kind: 'pass', subject: () => instance(), expect: 'pass' },
  { name: 'Aurora cluster keeping backups 14 days', kind: 'pass', subject: () => cluster(), expect: 'pass' },
  { name: 'retention given as a string (CDKTF / Config)', kind: 'pass', subject: () => instance({ backupRetentionPeriod: '35' }), expect: 'pass' },
  { name: 'a profile asking for 3 days: the AWS default of 1 is too short', kind: 'fail', subject: () => without('backupRetentionPeriod'), params: { minBackupRetentionDays: 3 }, expect: 'fail', messageId: 'defaultRetention', path: 'backupRetentionPeriod' },
  { name: 'a profile asking for 1 day accepts the AWS default', kind: 'pass', subject: () => without('backupRetentionPeriod'), params: { minBackupRetentionDays: 1 }, expect: 'pass' },
  { name: 'backups off (retention 0)', kind: 'fail', subject: () => instance({ backupRetentionPeriod: 0 }), expect: 'fail', messageId: 'disabled', path: 'backupRetentionPeriod' },
  { name: 'retention 3 days', kind: 'fail', subject: () => instance({ backupRetentionPeriod: 3 }), expect: 'fail', messageId: 'tooShort', path: 'backupRetentionPeriod' },
  { name: 'Aurora cluster keeping 1 day', kind: 'fail', subject: () => cluster({ backupRetentionPeriod: 1 }), expect: 'fail', messageId: 'tooShort', path: 'backupRetentionPeriod' },
  { name: 'profile asks for 30 days, instance keeps 14', kind: 'fail', subject: () => instance({ backupRetentionPeriod: 14 }), params: { minBackupRetentionDays: 30 }, expect: 'fail', messageId: 'tooShort' },
  { name: 'retention omitted: AWS default of 1 day', kind: 'omitted', subject: () => without('backupRetentionPeriod'), expect: 'fail', messageId: 'defaultRetention', path: 'backupRetentionPeriod' },
  { name: 'Aurora cluster with retention omitted (1 day)', kind: 'omitted', subject: () => testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-mysql' }), expect: 'fail', messageId: 'defaultRetention' },
  { name: 'untagged instance counts as most sensitive', kind: 'omitted', subject: () => instance({ backupRetentionPeriod: 0 }, {}), expect: 'fail', messageId: 'disabled' },
  { name: 'retention known after apply', kind: 'unknown', subject: () => instance({ backupRetentionPeriod: UNKNOWN }), expect: 'unknown', path: 'backupRetentionPeriod' },
  { name: 'retention set from another resource', kind: 'unknown', subject: () => instance({ backupRetentionPeriod: new Ref('terraform_data.settings', 'output') }), expect: 'unknown', path: 'backupRetentionPeriod' },
  { name: 'short retention, cluster membership known after apply', kind: 'unknown', subject: () => instance({ backupRetentionPeriod: 0, dbClusterIdentifier: UNKNOWN }), expect: 'unknown', path: 'dbClusterIdentifier' },
  { name: 'long retention, cluster membership known after apply', kind: 'pass', subject: () => instance({ dbClusterIdentifier: UNKNOWN }), expect: 'pass' },
  {
    name: 'Aurora cluster instance: retention is the cluster\'s',
    kind: 'not-applicable',
    subject: () => testing.makeResource(KINDS.RdsInstance, { engine: 'aurora-postgresql', dbClusterIdentifier: new Ref('aws_rds_cluster.main', 'id') }),
    others: () => [cluster()],
    expect: 'not-applicable',
  },
  { name: 'read replica (AWS creates it without backups)', kind: 'not-applicable', subject: () => without('backupRetentionPeriod', { replicateSourceDb: new Ref('aws_db_instance.primary', 'identifier') }), expect: 'not-applicable' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => instance({ backupRetentionPeriod: 0 }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
