import {
  defineControl, KINDS, isRef, isUnknown, read, asArray, parseArn, ALLOWED_REGIONS_PARAM, allowedRegionsOf, isRegionAllowed,
  type CheckContext, type Resource,
} from '@muniguard/core';

/** Where one copy of the data goes: a region, or the path that could not be resolved to one. */
type Target = { path: string; region: string } | { path: string; unknown: true };

/** The region of a resource of this scan (Unknown when the resource has no known region). */
function regionOf(target: Resource | undefined, path: string): Target {
  if (target && typeof target.region === 'string' && target.region.trim() !== '') return { path, region: target.region };
  return { path, unknown: true };
}

function s3Targets(bucket: Resource, ctx: CheckContext): Target[] {
  const replication = read(bucket, 'replication');
  if (isUnknown(replication)) return [{ path: 'replication', unknown: true }];
  if (replication === undefined || replication === null) return [];
  const rules = asArray(read(bucket, 'replication.rules'));
  if (isUnknown(rules)) return [{ path: 'replication.rules', unknown: true }];
  const out: Target[] = [];
  rules.forEach((rule, i) => {
    const base = `replication.rules.${i}`;
    if (isUnknown(rule)) return void out.push({ path: base, unknown: true });
    const r = (rule ?? {}) as Record<string, unknown>;
    if (typeof r.status === 'string' && r.status.toLowerCase() === 'disabled') return;
    if (typeof r.destinationRegion === 'string' && r.destinationRegion.trim() !== '') {
      return void out.push({ path: `${base}.destinationRegion`, region: r.destinationRegion });
    }
    const dest = r.destinationBucket;
    const path = `${base}.destinationBucket`;
    if (isUnknown(dest) || dest === undefined || dest === null) return void out.push({ path, unknown: true });
    // a Ref, the ARN of a scanned bucket, or `arn:aws:s3:::name` of a bucket of the scan by name
    const arn = parseArn(dest);
    const target = ctx.resolve(dest, [KINDS.S3Bucket]) ?? (arn?.service === 's3' ? ctx.resolve(arn.resource, [KINDS.S3Bucket]) : undefined);
    out.push(regionOf(target?.kind === KINDS.S3Bucket ? target : undefined, path));
  });
  return out;
}

function backupTargets(plan: Resource, ctx: CheckContext): Target[] {
  const rules = asArray(read(plan, 'rules'));
  if (isUnknown(rules)) return [{ path: 'rules', unknown: true }];
  const out: Target[] = [];
  rules.forEach((rule, i) => {
    if (isUnknown(rule)) return void out.push({ path: `rules.${i}`, unknown: true });
    const copies = asArray((rule as Record<string, unknown> | undefined)?.copyActions);
    if (isUnknown(copies)) return void out.push({ path: `rules.${i}.copyActions`, unknown: true });
    copies.forEach((copy, j) => {
      const path = `rules.${i}.copyActions.${j}.destinationVaultArn`;
      const vault = isUnknown(copy) ? copy : (copy as Record<string, unknown> | undefined)?.destinationVaultArn;
      const arn = parseArn(vault);
      if (arn && arn.region) return void out.push({ path, region: arn.region });
      if (isUnknown(vault) || vault === undefined || vault === null) return void out.push({ path, unknown: true });
      out.push(regionOf(ctx.resolve(vault, [KINDS.BackupVault]), path));
    });
  });
  return out;
}

function dynamoTargets(table: Resource): Target[] {
  const replicas = asArray(read(table, 'replicas'));
  if (isUnknown(replicas)) return [{ path: 'replicas', unknown: true }];
  return replicas.map((replica, i): Target => {
    const path = `replicas.${i}.regionName`;
    const region = isUnknown(replica) ? replica : (replica as Record<string, unknown> | undefined)?.regionName;
    return typeof region === 'string' && region.trim() !== '' ? { path, region } : { path, unknown: true };
  });
}

/** A read replica's source: an ARN names its region; a Ref resolves to the source; a bare identifier is in the same region. */
function rdsSourceTargets(db: Resource, ctx: CheckContext, property: 'replicateSourceDb' | 'replicationSourceIdentifier'): Target[] {
  const source = read(db, property);
  if (source === undefined || source === null || source === '') return [];
  if (isUnknown(source)) return [{ path: property, unknown: true }];
  const arn = parseArn(source);
  if (arn && arn.region) return [{ path: property, region: arn.region }];
  if (isRef(source)) return [regionOf(ctx.resolve(source), property)];
  return [];
}

export default defineControl({
  id: 'replication-region-allowed',
  family: 'region',
  kinds: [KINDS.S3Bucket, KINDS.BackupPlan, KINDS.DynamoTable, KINDS.RdsInstance, KINDS.RdsCluster],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'データの複製先は許可されたリージョンに限ること',
    en: 'Copies of data go only to allowed regions',
  },
  summary: {
    ja: 'S3 のレプリケーション、AWS Backup のコピー、DynamoDB グローバルテーブルのレプリカ、RDS のクロスリージョン・リードレプリカの送り先（または複製元）のリージョンが許可リスト（allowedRegions）に含まれることを確認します。リソース本体が国内にあっても、複製が国外に置かれればデータの所在の要件を満たしません。',
    en: 'Checks that the regions copies of data land in (S3 replication, AWS Backup copy actions, DynamoDB global table replicas) and the source region of cross-region RDS read replicas are on the allow-list (allowedRegions). A store kept in Japan does not meet data-location duties if its copies live elsewhere.',
  },
  remediation: {
    ja: 'aws_s3_bucket_replication_configuration の rule.destination.bucket、aws_backup_plan の rule.copy_action.destination_vault_arn、aws_dynamodb_table の replica.region_name、aws_db_instance の replicate_source_db（aws_rds_cluster の replication_source_identifier）を許可されたリージョンのものにしてください。',
    en: 'Point rule.destination.bucket of aws_s3_bucket_replication_configuration, rule.copy_action.destination_vault_arn of aws_backup_plan, replica.region_name of aws_dynamodb_table and replicate_source_db of aws_db_instance (replication_source_identifier of aws_rds_cluster) at resources in allowed regions.',
  },
  messages: {
    notAllowed: {
      ja: '{{path}} の複製先（複製元）リージョン {{region}} は許可されていません（許可: {{allowed}}）。',
      en: 'The copy at {{path}} involves region {{region}}, which is not allowed (allowed: {{allowed}}).',
    },
    unresolved: {
      ja: '{{path}} の送り先のリージョンを特定できません（スキャン対象外のリソース、または apply 後に確定する値）。',
      en: 'Cannot tell the region of the destination at {{path}} (a resource outside the scan, or a value known only after apply).',
    },
  },
  params: { allowedRegions: ALLOWED_REGIONS_PARAM },
  check(resource, ctx) {
    let targets: Target[];
    switch (resource.kind) {
      case KINDS.S3Bucket: targets = s3Targets(resource, ctx); break;
      case KINDS.BackupPlan: targets = backupTargets(resource, ctx); break;
      case KINDS.DynamoTable: targets = dynamoTargets(resource); break;
      case KINDS.RdsInstance: targets = rdsSourceTargets(resource, ctx, 'replicateSourceDb'); break;
      case KINDS.RdsCluster: targets = rdsSourceTargets(resource, ctx, 'replicationSourceIdentifier'); break;
      default: targets = [];
    }
    if (targets.length === 0) return ctx.notApplicable();
    const allowed = allowedRegionsOf(ctx.params);
    for (const t of targets) {
      if ('region' in t && !isRegionAllowed(t.region, allowed)) {
        return ctx.fail('notAllowed', { path: t.path, data: { path: t.path, region: t.region, allowed } });
      }
    }
    const pending = targets.find((t) => 'unknown' in t);
    if (pending) return ctx.unknown(pending.path, 'unresolved');
    return ctx.pass();
  },
});
