import { BACKUP_STORE_KINDS, BackupSelections, defineControl, KINDS, nativeBackup, type CheckContext, type CheckResult, type Resource } from '@muniguard/core';

/** The fail message for a store with neither a native backup nor a selection, by kind. */
const NOT_COVERED: Record<string, string> = {
  [KINDS.RdsInstance]: 'rdsNotCovered',
  [KINDS.RdsCluster]: 'rdsNotCovered',
  [KINDS.DynamoTable]: 'dynamoNotCovered',
  [KINDS.EfsFileSystem]: 'efsNotCovered',
  [KINDS.CacheReplicationGroup]: 'cacheNotCovered',
  [KINDS.CacheCluster]: 'cacheNotCovered',
  [KINDS.S3Bucket]: 's3NotCovered',
  [KINDS.EbsVolume]: 'ebsNotCovered',
};

const NOT_APPLICABLE: Record<string, string> = {
  'cluster-member': 'clusterMember',
  'read-replica': 'readReplica',
  'cache-node': 'cacheNode',
  memcached: 'memcached',
};

function judge(store: Resource, selections: BackupSelections, ctx: CheckContext): CheckResult {
  const native = nativeBackup(store);
  if (native.state === 'not-applicable') return ctx.notApplicable(NOT_APPLICABLE[native.reason!]);
  if (native.state === 'on') return ctx.pass();
  const covered = selections.covers(store);
  if (covered.state === true) return ctx.pass();
  if (native.state === 'unknown') return ctx.unknown(native.path!);
  if (covered.state === 'unknown') return ctx.unknown('backupSelection', 'selectionUnknown', { selection: covered.selection });
  return ctx.fail(NOT_COVERED[store.kind] ?? 'ebsNotCovered', native.path ? { path: native.path } : {});
}

export default defineControl({
  id: 'data-store-backup-coverage',
  family: 'backup',
  kinds: BACKUP_STORE_KINDS,
  scope: 'stack',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータを保存するストアがすべてバックアップの対象になっていること',
    en: 'Every classified data store is backed up',
  },
  summary: {
    ja: 'データを保存する各ストアに、サービス自身のバックアップ（RDS・Aurora の自動バックアップ、DynamoDB のポイントインタイムリカバリ、EFS のバックアップポリシー、ElastiCache のスナップショット、S3 のレプリケーション）があるか、AWS Backup のバックアップ選択（リソース ARN・ワイルドカード・タグ条件）に含まれていることを確認します。バックアッププランがあっても、対象に含まれていないストアは復元できません。',
    en: 'Checks that each data store either has a backup of its own (RDS / Aurora automated backups, DynamoDB point-in-time recovery, an EFS backup policy, ElastiCache snapshots, S3 replication) or is picked up by an AWS Backup selection (resource ARNs, wildcards or tag conditions). A backup plan protects nothing that its selections leave out.',
  },
  remediation: {
    ja: 'ストアを aws_backup_selection の resources（ARN または "arn:aws:dynamodb:*:*:table/*" などのワイルドカード）か selection_tag / condition のタグ条件で選択してください。サービス自身のバックアップを使う場合は、backup_retention_period >= 1（RDS）、point_in_time_recovery { enabled = true }（DynamoDB）、aws_efs_backup_policy（EFS）、snapshot_retention_limit >= 1（ElastiCache。AWS Backup の対象外です）を設定します。',
    en: 'Pick the store in an aws_backup_selection, by resources (its ARN or a wildcard such as "arn:aws:dynamodb:*:*:table/*") or by selection_tag / condition tag tests. Or use the service\'s own backup: backup_retention_period >= 1 (RDS), point_in_time_recovery { enabled = true } (DynamoDB), aws_efs_backup_policy (EFS), snapshot_retention_limit >= 1 (ElastiCache, which AWS Backup does not support).',
  },
  messages: {
    rdsNotCovered: {
      ja: '自動バックアップが無効（backup_retention_period = 0）で、どの AWS Backup の選択にも含まれていません。',
      en: 'Automated backups are off (backup_retention_period = 0) and no AWS Backup selection picks the database up.',
    },
    dynamoNotCovered: {
      ja: 'ポイントインタイムリカバリが無効で、どの AWS Backup の選択にも含まれていません。',
      en: 'Point-in-time recovery is off and no AWS Backup selection picks the table up.',
    },
    efsNotCovered: {
      ja: 'EFS の自動バックアップ（バックアップポリシー）が無効で、どの AWS Backup の選択にも含まれていません。',
      en: 'The EFS backup policy is off and no AWS Backup selection picks the file system up.',
    },
    cacheNotCovered: {
      ja: '自動スナップショットが無効です（snapshot_retention_limit = 0 または未指定）。ElastiCache は AWS Backup の対象外のため、スナップショットが唯一のバックアップです。',
      en: 'Automatic snapshots are off (snapshot_retention_limit is 0 or not set). AWS Backup does not support ElastiCache, so snapshots are its only backup.',
    },
    s3NotCovered: {
      ja: 'どの AWS Backup の選択にも含まれておらず、レプリケーションもありません。',
      en: 'No AWS Backup selection picks the bucket up, and it is not replicated.',
    },
    ebsNotCovered: {
      ja: 'どの AWS Backup の選択にも含まれていません（EBS にはサービス自身の自動バックアップがありません）。',
      en: 'No AWS Backup selection picks the volume up (EBS has no automatic backup of its own).',
    },
    selectionUnknown: {
      ja: 'AWS Backup の選択 {{selection}} にこのストアが含まれるかどうか、スキャン時点で確定していないため判定できません。',
      en: 'Cannot decide: whether AWS Backup selection {{selection}} picks this store up is not known at scan time.',
    },
    clusterMember: {
      ja: 'Aurora クラスタのインスタンスです。バックアップはクラスタで判定します。',
      en: 'An Aurora cluster instance: backups are the cluster\'s and are checked there.',
    },
    readReplica: {
      ja: 'リードレプリカです。データは作成元のバックアップで保護されます。',
      en: 'A read replica: its data is protected by the source database\'s backups.',
    },
    cacheNode: {
      ja: 'レプリケーショングループのノードです。スナップショットはレプリケーショングループで判定します。',
      en: 'A node of a replication group: snapshots are the group\'s and are checked there.',
    },
    memcached: {
      ja: 'Memcached はデータを永続化しないキャッシュで、バックアップの対象外です。',
      en: 'Memcached is a cache that keeps no data to back up.',
    },
  },
  checkStack(stores, ctx) {
    const selections = new BackupSelections(ctx.index); // compiled once for every store
    return stores.map((store) => ({ resource: store, result: judge(store, selections, ctx) }));
  },
});
