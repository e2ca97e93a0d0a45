import { KINDS, Ref, UNKNOWN, testing, type Tags } from '@muniguard/core';

const CRITICAL = { DataClassification: 'Ⅱ', CriticalSystem: 'true' };
const CLUSTER = 'aws_rds_cluster.main';
const db = (props: Record<string, unknown>, tags: Tags | typeof UNKNOWN = CRITICAL) =>
  testing.makeResource(KINDS.RdsInstance, { engine: 'postgres', storageEncrypted: true, ...props }, { tags });
const cluster = (props: Record<string, unknown> = {}, tags: Tags = CRITICAL) =>
  testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-postgresql', storageEncrypted: true, ...props }, { id: CLUSTER, tags });
const member = (n: number, dbClusterIdentifier: unknown = new Ref(CLUSTER, 'id')) =>
  testing.makeResource(KINDS.RdsInstance, { engine: 'aurora-postgresql', dbClusterIdentifier }, { id: `aws_rds_cluster_instance.m${n}`, tags: {} });
const group = (props: Record<string, unknown>) =>
  testing.makeResource(KINDS.CacheReplicationGroup, { atRestEncryptionEnabled: true, ...props }, { tags: CRITICAL });
const AZS = ['ap-northeast-1a', 'ap-northeast-1c'];

export default testing.defineCases([
  { name: 'critical RDS instance with multi_az', kind: 'pass', subject: () => db({ multiAz: true }), expect: 'pass' },
  { name: 'CriticalSystem in Japanese (重要)', kind: 'pass', subject: () => db({ multiAz: true }, { DataClassification: 'Ⅱ', CriticalSystem: '重要' }), expect: 'pass' },
  { name: 'Aurora cluster with two instances in two AZs', kind: 'pass', subject: () => cluster({ availabilityZones: AZS }), others: () => [member(1), member(2)], expect: 'pass' },
  { name: 'Aurora members found by cluster identifier', kind: 'pass', subject: () => testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-mysql', availabilityZones: AZS }, { id: CLUSTER, name: 'main', tags: CRITICAL }), others: () => [member(1, 'main'), member(2, 'main')], expect: 'pass' },
  { name: 'Multi-AZ DB cluster (PostgreSQL engine)', kind: 'pass', subject: () => cluster({ engine: 'postgres' }), expect: 'pass' },
  { name: 'ElastiCache with failover and Multi-AZ', kind: 'pass', subject: () => group({ automaticFailoverEnabled: true, multiAzEnabled: true }), expect: 'pass' },

  { name: 'critical RDS instance without multi_az', kind: 'fail', subject: () => db({ multiAz: false }), expect: 'fail', messageId: 'notMultiAz', path: 'multiAz' },
  { name: 'Aurora cluster with one instance', kind: 'fail', subject: () => cluster({ availabilityZones: AZS }), others: () => [member(1)], expect: 'fail', messageId: 'tooFewInstances' },
  { name: 'Aurora cluster pinned to one AZ', kind: 'fail', subject: () => cluster({ availabilityZones: ['ap-northeast-1a'] }), others: () => [member(1), member(2)], expect: 'fail', messageId: 'singleAz', path: 'availabilityZones' },
  { name: 'ElastiCache without automatic failover', kind: 'fail', subject: () => group({ automaticFailoverEnabled: false, multiAzEnabled: true }), expect: 'fail', messageId: 'noFailover', path: 'automaticFailoverEnabled' },
  { name: 'ElastiCache failover without Multi-AZ', kind: 'fail', subject: () => group({ automaticFailoverEnabled: true, multiAzEnabled: false }), expect: 'fail', messageId: 'notMultiAzGroup', path: 'multiAzEnabled' },
  { name: 'CriticalSystem value that is not a yes/no', kind: 'fail', subject: () => db({ multiAz: true }, { DataClassification: 'Ⅱ', CriticalSystem: 'maybe' }), expect: 'fail', messageId: 'invalidFlag', path: 'tags.CriticalSystem' },

  { name: 'multi_az omitted (defaults to false)', kind: 'omitted', subject: () => db({}), expect: 'fail', messageId: 'notMultiAz', path: 'multiAz' },
  { name: 'Aurora availability_zones omitted (three AZs) with two instances', kind: 'omitted', subject: () => cluster(), others: () => [member(1), member(2)], expect: 'pass' },
  { name: 'ElastiCache flags omitted (default false)', kind: 'omitted', subject: () => group({}), expect: 'fail', messageId: 'noFailover', path: 'automaticFailoverEnabled' },

  { name: 'multi_az known after apply', kind: 'unknown', subject: () => db({ multiAz: UNKNOWN }), expect: 'unknown', path: 'multiAz' },
  { name: 'CriticalSystem tag known after apply', kind: 'unknown', subject: () => db({ multiAz: false }, { CriticalSystem: UNKNOWN }), expect: 'unknown', path: 'tags.CriticalSystem' },
  { name: 'Aurora availability_zones known after apply', kind: 'unknown', subject: () => cluster({ availabilityZones: UNKNOWN }), others: () => [member(1), member(2)], expect: 'unknown', path: 'availabilityZones' },
  { name: 'Aurora availability_zones from data.aws_availability_zones', kind: 'unknown', subject: () => cluster({ availabilityZones: new Ref('data.aws_availability_zones.available', 'names') }), others: () => [member(1), member(2)], expect: 'unknown', path: 'availabilityZones' },
  { name: 'Aurora instance whose cluster is known after apply', kind: 'unknown', subject: () => cluster({ availabilityZones: AZS }), others: () => [member(1), member(2, UNKNOWN)], expect: 'unknown', messageId: 'membersUnknown' },
  { name: 'ElastiCache Multi-AZ known after apply', kind: 'unknown', subject: () => group({ automaticFailoverEnabled: true, multiAzEnabled: UNKNOWN }), expect: 'unknown', path: 'multiAzEnabled' },

  { name: 'instance not tagged CriticalSystem', kind: 'not-applicable', subject: () => db({ multiAz: false }, { DataClassification: 'Ⅱ' }), expect: 'not-applicable' },
  { name: 'CriticalSystem = false', kind: 'not-applicable', subject: () => db({ multiAz: false }, { DataClassification: 'Ⅱ', CriticalSystem: 'false' }), expect: 'not-applicable' },
  { name: 'an Aurora instance fails over with its cluster', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.RdsInstance, { engine: 'aurora-postgresql', dbClusterIdentifier: new Ref(CLUSTER, 'id') }, { tags: CRITICAL }), expect: 'not-applicable' },
]);
