import { BACKUP_PARAMS, defineControl, isUnknown, KINDS, rdsBackupOwner, rdsRetentionDays, RDS_DEFAULT_BACKUP_RETENTION_DAYS } from '@muniguard/core';

export default defineControl({
  id: 'rds-backup-retention',
  family: 'backup',
  kinds: [KINDS.RdsInstance, KINDS.RdsCluster],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの RDS・Aurora の自動バックアップを所定の日数以上保持すること',
    en: 'Classified RDS instances and Aurora clusters keep automated backups for the required number of days',
  },
  summary: {
    ja: '自動バックアップの保持期間が所定の日数（minBackupRetentionDays）以上あることを確認します。保持期間を指定しないと AWS の既定値は 1 日で、前日より前の時点には戻せません。障害や誤操作に気付くまでの時間を見込んだ復元ポイントを残すためのものです。',
    en: 'Checks that automated backups are kept for at least the required number of days (minBackupRetentionDays). Left unset, AWS keeps them for 1 day only, so nothing older than yesterday can be restored. Restore points must reach back past the time it takes to notice a fault or a mistake.',
  },
  remediation: {
    ja: 'aws_db_instance / aws_rds_cluster の backup_retention_period を所定の日数以上（最大 35 日）に設定してください。それより長い保持が必要な場合は AWS Backup のバックアッププランを併用します。Aurora クラスタのインスタンス（aws_rds_cluster_instance）はクラスタ側で設定します。',
    en: 'Set backup_retention_period on aws_db_instance / aws_rds_cluster to at least the required days (35 at most); for longer retention add an AWS Backup plan. Aurora cluster instances (aws_rds_cluster_instance) take the setting from their cluster.',
  },
  messages: {
    disabled: {
      ja: '自動バックアップが無効です（backup_retention_period = 0）。',
      en: 'Automated backups are off (backup_retention_period = 0).',
    },
    defaultRetention: {
      ja: 'backup_retention_period が指定されていないため、保持期間は AWS の既定値 {{days}} 日です（{{min}} 日以上が必要）。',
      en: 'backup_retention_period is not set, so backups are kept for the AWS default of {{days}} day(s); at least {{min}} are required.',
    },
    tooShort: {
      ja: '自動バックアップの保持期間が {{days}} 日です（{{min}} 日以上が必要）。',
      en: 'Automated backups are kept for {{days}} day(s); at least {{min}} are required.',
    },
    clusterMember: {
      ja: 'Aurora クラスタのインスタンスです。バックアップの保持期間はクラスタで判定します。',
      en: 'An Aurora cluster instance: backup retention is the cluster\'s and is checked there.',
    },
    readReplica: {
      ja: 'リードレプリカです。データは作成元のバックアップで保護されるため、作成元で判定します。',
      en: 'A read replica: its data is protected by the source database\'s backups, which are checked there.',
    },
  },
  params: { minBackupRetentionDays: BACKUP_PARAMS.minBackupRetentionDays },
  check(db, ctx) {
    const min = Number(ctx.params.minBackupRetentionDays);
    const { owner, path: ownerPath } = rdsBackupOwner(db);
    if (owner === 'cluster-member') return ctx.notApplicable('clusterMember');
    if (owner === 'read-replica') return ctx.notApplicable('readReplica');

    const path = 'backupRetentionPeriod';
    const { days, omitted } = rdsRetentionDays(db);
    if (isUnknown(days)) return ctx.unknown(path);
    if (days >= min) return ctx.pass();
    // a member or replica would not be judged here: only fail when we know it is not one
    if (owner === 'unknown') return ctx.unknown(ownerPath!);
    if (days === 0) return ctx.fail('disabled', { path });
    if (omitted) return ctx.fail('defaultRetention', { path, data: { days: RDS_DEFAULT_BACKUP_RETENTION_DAYS, min } });
    return ctx.fail('tooShort', { path, data: { days, min } });
  },
});
