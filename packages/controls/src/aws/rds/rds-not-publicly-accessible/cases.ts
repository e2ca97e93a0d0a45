import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const db = (props: Record<string, unknown>, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.RdsInstance, { engine: 'postgres', storageEncrypted: true, ...props }, { tags });

export default testing.defineCases([
  { name: 'publicly_accessible = false', kind: 'pass', subject: () => db({ publiclyAccessible: false }), expect: 'pass' },
  { name: 'Aurora instance, not public', kind: 'pass', subject: () => db({ publiclyAccessible: false, engine: 'aurora-mysql', dbClusterIdentifier: new Ref('aws_rds_cluster.main', 'id') }), expect: 'pass' },
  { name: 'publicly_accessible = true', kind: 'fail', subject: () => db({ publiclyAccessible: true }), expect: 'fail', messageId: 'public', path: 'publiclyAccessible' },
  { name: 'publicly_accessible = "true" on an unclassified instance', kind: 'fail', subject: () => db({ publiclyAccessible: 'true' }, {}), expect: 'fail', messageId: 'public', path: 'publiclyAccessible' },
  { name: 'publicly_accessible omitted (defaults to false)', kind: 'omitted', subject: () => db({}), expect: 'pass' },
  { name: 'publicly_accessible known after apply', kind: 'unknown', subject: () => db({ publiclyAccessible: UNKNOWN }), expect: 'unknown', path: 'publiclyAccessible' },
  { name: 'publicly_accessible set from another resource', kind: 'unknown', subject: () => db({ publiclyAccessible: new Ref('aws_ssm_parameter.public', 'value') }), expect: 'unknown', path: 'publiclyAccessible' },
  { name: 'an Aurora cluster has no such setting', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.RdsCluster, { engine: 'aurora-postgresql' }), expect: 'not-applicable' },
]);
