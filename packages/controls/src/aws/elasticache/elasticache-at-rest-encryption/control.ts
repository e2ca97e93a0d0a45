import { defineControl, KINDS, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'elasticache-at-rest-encryption',
  family: 'encryption',
  kinds: [KINDS.CacheReplicationGroup],
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータの ElastiCache レプリケーショングループを保存時暗号化すること',
    en: 'Classified ElastiCache replication groups have at-rest encryption on',
  },
  summary: {
    ja: 'ElastiCache（Redis OSS / Valkey）のレプリケーショングループで保存時の暗号化が有効であることを確認します。ディスクへのスワップやバックアップ（スナップショット）にキャッシュの内容が書き出されるためです。保存時の暗号化は作成時にしか有効にできません。',
    en: 'Checks that the ElastiCache (Redis OSS / Valkey) replication group has at-rest encryption on: cache contents reach disk through swap and backups (snapshots). It can only be chosen at creation.',
  },
  remediation: {
    ja: 'aws_elasticache_replication_group に at_rest_encryption_enabled = true を設定し、kms_key_id で顧客管理キーを指定してください。既存のグループはバックアップから暗号化した新しいグループへ復元して置き換えます。',
    en: 'Set at_rest_encryption_enabled = true with kms_key_id naming a customer-managed key on aws_elasticache_replication_group. Replace an existing group by restoring its backup into a new, encrypted one.',
  },
  messages: {
    off: {
      ja: '保存時の暗号化が無効です（at_rest_encryption_enabled = false）。',
      en: 'At-rest encryption is off (at_rest_encryption_enabled = false).',
    },
    omitted: {
      ja: 'at_rest_encryption_enabled が指定されていません。Redis OSS エンジンの既定は無効です。',
      en: 'at_rest_encryption_enabled is not set: it defaults to off for the Redis OSS engine.',
    },
  },
  check(group, ctx) {
    return requireFlagOn(group, ctx, 'atRestEncryptionEnabled', { off: 'off', omitted: 'omitted' });
  },
});
