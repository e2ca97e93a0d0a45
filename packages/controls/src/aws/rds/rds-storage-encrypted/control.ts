import { defineControl, KINDS, flagState, isClusterMember, isRef, isSet, isUnknown, read, type Resource } from '@muniguard/core';

/** The property naming the source of a read replica (encryption follows the source). */
const sourcePathOf = (db: Resource) => (db.kind === KINDS.RdsInstance ? 'replicateSourceDb' : 'replicationSourceIdentifier');

export default defineControl({
  id: 'rds-storage-encrypted',
  family: 'encryption',
  kinds: [KINDS.RdsInstance, KINDS.RdsCluster],
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータの RDS インスタンス・Aurora クラスタのストレージを暗号化すること',
    en: 'Classified RDS instances and Aurora clusters have storage encryption on',
  },
  summary: {
    ja: 'RDS はストレージ暗号化を指定しない限り暗号化しません。データベースのストレージ（スナップショット・自動バックアップ・リードレプリカを含む）が保存時に暗号化されていることを確認します。暗号化は作成時にしか有効にできないため、設計段階での確認が重要です。',
    en: 'RDS does not encrypt storage unless asked to. Checks that the database storage — and with it snapshots, automated backups and read replicas — is encrypted at rest. Encryption can only be chosen at creation, so this is checked before anything is built.',
  },
  remediation: {
    ja: 'aws_db_instance / aws_rds_cluster に storage_encrypted = true を設定し、kms_key_id で顧客管理キーを指定してください。既存の暗号化されていないデータベースは、暗号化したスナップショットのコピーから復元して置き換えます。リードレプリカは暗号化された作成元から作成し、別リージョンの場合は kms_key_id を指定します。',
    en: 'Set storage_encrypted = true (with kms_key_id naming a customer-managed key) on aws_db_instance / aws_rds_cluster. An existing unencrypted database is replaced by restoring an encrypted copy of its snapshot. Create read replicas from an encrypted source, with kms_key_id when cross-region.',
  },
  messages: {
    notEncrypted: { ja: 'ストレージ暗号化が無効です（storage_encrypted = false）。', en: 'Storage encryption is off (storage_encrypted = false).' },
    omitted: {
      ja: 'storage_encrypted が指定されていません。RDS の既定は暗号化なしです。',
      en: 'storage_encrypted is not set: RDS defaults to unencrypted storage.',
    },
    sourceNotEncrypted: {
      ja: 'リードレプリカの作成元 {{source}} が暗号化されていないため、レプリカも暗号化されません。',
      en: 'The read replica\'s source {{source}} is not encrypted, so neither is the replica.',
    },
    sourceUnseen: {
      ja: 'リードレプリカの暗号化は作成元 {{source}} に従いますが、作成元がスキャン対象にないため判定できません。',
      en: 'Cannot decide: a read replica is encrypted as its source {{source}} is, and that source is not in the scan.',
    },
    sourceUnknown: {
      ja: 'リードレプリカの暗号化は作成元 {{source}} に従いますが、作成元の暗号化設定がスキャン時点で確定していないため判定できません。',
      en: 'Cannot decide: a read replica is encrypted as its source {{source}} is, and the source\'s setting is not known at scan time.',
    },
  },
  check(db, ctx) {
    const encrypted = flagState(read(db, 'storageEncrypted'));
    if (encrypted === 'on') return ctx.pass();

    // Aurora / Multi-AZ cluster instances: encryption is the cluster's, the instance has no say
    const member = isClusterMember(db);
    if (member === true) return ctx.notApplicable();
    if (isUnknown(member)) return ctx.unknown('dbClusterIdentifier');

    if (encrypted === 'unknown') return ctx.unknown('storageEncrypted');
    if (encrypted === 'off') return ctx.fail('notEncrypted', { path: 'storageEncrypted' });

    // omitted: a read replica inherits encryption from its source, everything else is unencrypted
    const sourcePath = sourcePathOf(db);
    const source = read(db, sourcePath);
    if (isUnknown(source)) return ctx.unknown(sourcePath);
    if (!isSet(source)) return ctx.fail('omitted', { path: 'storageEncrypted' });

    // a replica that names a key is encrypted (cross-region replicas of an encrypted source must)
    const key = read(db, 'kmsKeyId');
    if (isUnknown(key)) return ctx.unknown('kmsKeyId');
    if (isSet(key)) return ctx.pass();

    const sourceName = isRef(source) ? source.address : String(source);
    const origin = ctx.resolve(source, [db.kind]);
    if (!origin || origin.kind !== db.kind) return ctx.unknown(sourcePath, 'sourceUnseen', { source: sourceName });
    switch (flagState(read(origin, 'storageEncrypted'))) {
      case 'on':
        return ctx.pass();
      case 'unknown':
        return ctx.unknown(sourcePath, 'sourceUnknown', { source: sourceName });
      default:
        return ctx.fail('sourceNotEncrypted', { path: sourcePath, data: { source: sourceName } });
    }
  },
});
