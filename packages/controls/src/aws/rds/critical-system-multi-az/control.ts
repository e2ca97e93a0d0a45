import {
  defineControl, KINDS, DEFAULT_TAG_KEYS, isUnknown, isRef, isSet, read, flagState, isClusterMember, asArray,
  type CheckContext, type CheckResult, type Resource, type StackResult,
} from '@muniguard/core';

/** Instances per Aurora cluster, counted once per scan; `floating` = instances whose cluster is not known yet. */
interface Membership {
  count: Map<string, number>;
  floating: number;
}

function membership(ctx: CheckContext): Membership {
  const count = new Map<string, number>();
  let floating = 0;
  for (const db of ctx.index.ofKind(KINDS.RdsInstance)) {
    const id = db.props.dbClusterIdentifier;
    if (isUnknown(id)) { floating++; continue; }
    if (!isSet(id)) continue;
    const cluster = isRef(id) ? ctx.index.byId.get(id.address) : ctx.resolve(id, [KINDS.RdsCluster]);
    const key = cluster?.id ?? (isRef(id) ? id.address : String(id));
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return { count, floating };
}

function checkInstance(db: Resource, ctx: CheckContext): CheckResult {
  // an Aurora instance fails over inside its cluster: the cluster is checked
  const member = isClusterMember(db);
  if (member === true) return ctx.notApplicable();
  const multiAz = flagState(read(db, 'multiAz'));
  if (multiAz === 'on') return ctx.pass();
  if (multiAz === 'unknown') return ctx.unknown('multiAz');
  if (isUnknown(member)) return ctx.unknown('dbClusterIdentifier');
  // multi_az defaults to false
  return ctx.fail('notMultiAz', { path: 'multiAz' });
}

function checkCluster(cluster: Resource, ctx: CheckContext, members: Membership): CheckResult {
  const engine = read(cluster, 'engine');
  if (isUnknown(engine) || isRef(engine)) return ctx.unknown('engine');
  // a Multi-AZ DB cluster (MySQL / PostgreSQL engine) always runs a writer and two readers in three AZs
  if (typeof engine === 'string' && engine !== '' && !engine.startsWith('aurora')) return ctx.pass();
  const instances = members.count.get(cluster.id) ?? 0;
  if (instances < 2 && members.floating === 0) {
    return ctx.fail('tooFewInstances', { data: { count: instances } });
  }
  const listed = read(cluster, 'availabilityZones');
  // a reference (e.g. to data.aws_availability_zones names) says nothing about how many
  const zones = isRef(listed) ? listed : asArray(listed);
  if (isUnknown(zones) || isRef(zones)) return ctx.unknown('availabilityZones');
  // omitted: AWS spreads the cluster over three AZs
  if (zones.length === 1) return ctx.fail('singleAz', { path: 'availabilityZones', data: { zones } });
  if (zones.some(isUnknown)) return ctx.unknown('availabilityZones');
  if (instances < 2) return ctx.unknown('dbClusterIdentifier', 'membersUnknown', { count: instances });
  return ctx.pass();
}

function checkReplicationGroup(group: Resource, ctx: CheckContext): CheckResult {
  let pending: CheckResult | undefined;
  // both default to false
  for (const path of ['automaticFailoverEnabled', 'multiAzEnabled']) {
    const state = flagState(read(group, path));
    if (state === 'unknown') pending ??= ctx.unknown(path);
    else if (state !== 'on') return ctx.fail(path === 'multiAzEnabled' ? 'notMultiAzGroup' : 'noFailover', { path });
  }
  return pending ?? ctx.pass();
}

export default defineControl({
  id: 'critical-system-multi-az',
  family: 'availability',
  kinds: [KINDS.RdsInstance, KINDS.RdsCluster, KINDS.CacheReplicationGroup],
  scope: 'stack',
  severity: 'medium',
  title: {
    ja: '重要なシステムのデータベースとキャッシュは複数のアベイラビリティーゾーンに配置すること',
    en: 'Databases and caches of critical systems run across availability zones',
  },
  summary: {
    ja: 'CriticalSystem タグで重要システムとされた RDS インスタンス、Aurora クラスター、ElastiCache レプリケーショングループが、複数のアベイラビリティーゾーン（AZ）に冗長化され、障害時に自動でフェイルオーバーできることを確認します。1 つの AZ の障害で業務が止まることを防ぎます。',
    en: 'Checks that RDS instances, Aurora clusters and ElastiCache replication groups tagged as critical (CriticalSystem) are redundant across availability zones and fail over automatically, so the outage of one zone does not stop the service.',
  },
  remediation: {
    ja: 'aws_db_instance は multi_az = true に、Aurora は aws_rds_cluster に 2 つ以上の aws_rds_cluster_instance を作成し availability_zones を 2 つ以上にするか省略してください。aws_elasticache_replication_group は automatic_failover_enabled = true と multi_az_enabled = true（ノード 2 つ以上）にしてください。',
    en: 'Set multi_az = true on aws_db_instance; give an Aurora aws_rds_cluster two or more aws_rds_cluster_instance and two or more availability_zones (or omit them); set automatic_failover_enabled = true and multi_az_enabled = true (with two or more nodes) on aws_elasticache_replication_group.',
  },
  messages: {
    invalidFlag: {
      ja: 'CriticalSystem タグの値「{{value}}」を true / false として解釈できません。',
      en: 'The CriticalSystem tag value "{{value}}" is neither true nor false.',
    },
    notMultiAz: {
      ja: 'マルチ AZ 配置（multi_az）が有効ではありません。',
      en: 'Multi-AZ deployment (multi_az) is not on.',
    },
    tooFewInstances: {
      ja: 'Aurora クラスターのインスタンスが {{count}} 台です。フェイルオーバーには別の AZ に 2 台以上が必要です。',
      en: 'The Aurora cluster has {{count}} instance(s): failing over needs at least two, in different AZs.',
    },
    singleAz: {
      ja: 'Aurora クラスターの availability_zones が 1 つ（{{zones}}）に限られています。',
      en: 'The Aurora cluster is limited to a single availability zone ({{zones}}).',
    },
    membersUnknown: {
      ja: 'Aurora クラスターのインスタンスが {{count}} 台しか確認できず、所属クラスターが確定していないインスタンスがあるため判定できません。',
      en: 'Cannot decide: only {{count}} instance(s) of the Aurora cluster are known, and some instances belong to a cluster not known at scan time.',
    },
    noFailover: {
      ja: '自動フェイルオーバー（automatic_failover_enabled）が有効ではありません。',
      en: 'Automatic failover (automatic_failover_enabled) is not on.',
    },
    notMultiAzGroup: {
      ja: 'マルチ AZ（multi_az_enabled）が有効ではありません。',
      en: 'Multi-AZ (multi_az_enabled) is not on.',
    },
  },
  checkStack(resources, ctx) {
    let members: Membership | undefined;
    return resources.map((r): StackResult => {
      const flag = ctx.criticalSystem(r);
      const hit = ctx.tag(r, 'criticalSystem');
      const tagPath = isUnknown(hit) ? 'tags' : `tags.${hit?.key ?? DEFAULT_TAG_KEYS.criticalSystem}`;
      if (isUnknown(flag)) return { resource: r, result: ctx.unknown(tagPath) };
      if (flag === 'invalid') {
        return { resource: r, result: ctx.fail('invalidFlag', { path: tagPath, data: { value: hit && !isUnknown(hit) ? hit.value : undefined } }) };
      }
      if (flag !== true) return { resource: r, result: ctx.notApplicable() };
      switch (r.kind) {
        case KINDS.RdsInstance: return { resource: r, result: checkInstance(r, ctx) };
        case KINDS.RdsCluster: return { resource: r, result: checkCluster(r, ctx, (members ??= membership(ctx))) };
        default: return { resource: r, result: checkReplicationGroup(r, ctx) };
      }
    });
  },
});
