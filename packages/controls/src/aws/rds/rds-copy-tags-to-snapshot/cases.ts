import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const base = { engine: 'postgres', storageEncrypted: true, copyTagsToSnapshot: true };
const instance = (props: Record<string, unknown> = {}, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.RdsInstance, { ...base, ...props }, { tags });
const cluster = (props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-mysql', storageEncrypted: true, copyTagsToSnapshot: true, ...props }, { id: 'aws_rds_cluster.main', name: 'main' });

export default testing.defineCases([
  { name: 'instance copies tags', kind: 'pass', subject: () => instance(), expect: 'pass' },
  { name: 'Aurora cluster copies tags', kind: 'pass', subject: () => cluster(), expect: 'pass' },
  { name: 'copy_tags_to_snapshot = false', kind: 'fail', subject: () => instance({ copyTagsToSnapshot: false }), expect: 'fail', messageId: 'off', path: 'copyTagsToSnapshot' },
  { name: 'Aurora cluster with copy_tags_to_snapshot = false', kind: 'fail', subject: () => cluster({ copyTagsToSnapshot: false }), expect: 'fail', messageId: 'off', path: 'copyTagsToSnapshot' },
  { name: 'copy_tags_to_snapshot omitted', kind: 'omitted', subject: () => instance({ copyTagsToSnapshot: undefined }), expect: 'fail', messageId: 'omitted', path: 'copyTagsToSnapshot' },
  { name: 'Aurora cluster with copy_tags_to_snapshot omitted', kind: 'omitted', subject: () => testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-mysql' }), expect: 'fail', messageId: 'omitted', path: 'copyTagsToSnapshot' },
  { name: 'copy_tags_to_snapshot known after apply', kind: 'unknown', subject: () => instance({ copyTagsToSnapshot: UNKNOWN }), expect: 'unknown', path: 'copyTagsToSnapshot' },
  { name: 'cluster membership known after apply', kind: 'unknown', subject: () => instance({ copyTagsToSnapshot: false, dbClusterIdentifier: UNKNOWN }), expect: 'unknown', path: 'dbClusterIdentifier' },
  {
    name: 'Aurora cluster instance: snapshots are the cluster\'s',
    kind: 'not-applicable',
    subject: () => testing.makeResource(KINDS.RdsInstance, { engine: 'aurora-mysql', dbClusterIdentifier: new Ref('aws_rds_cluster.main', 'id') }),
    others: () => [cluster()],
    expect: 'not-applicable',
  },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => instance({ copyTagsToSnapshot: false }, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
