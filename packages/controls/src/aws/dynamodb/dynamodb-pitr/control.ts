import { defineControl, KINDS, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'dynamodb-pitr',
  family: 'backup',
  kinds: [KINDS.DynamoTable],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの DynamoDB テーブルでポイントインタイムリカバリを有効にすること',
    en: 'Classified DynamoDB tables have point-in-time recovery on',
  },
  summary: {
    ja: 'ポイントインタイムリカバリ（PITR）は、直近 35 日以内の任意の時点にテーブルを復元できる継続的バックアップです。既定では無効で、無効のままでは誤った書き込みや削除の前に戻せません。',
    en: 'Point-in-time recovery (PITR) is a continuous backup that restores a table to any second of the last 35 days. It is off by default, and without it a bad write or delete cannot be undone.',
  },
  remediation: {
    ja: 'aws_dynamodb_table に point_in_time_recovery { enabled = true } を追加してください。',
    en: 'Add point_in_time_recovery { enabled = true } to the aws_dynamodb_table.',
  },
  messages: {
    off: {
      ja: 'ポイントインタイムリカバリが無効です（point_in_time_recovery.enabled = false）。',
      en: 'Point-in-time recovery is off (point_in_time_recovery.enabled = false).',
    },
    omitted: {
      ja: 'point_in_time_recovery が指定されていません。DynamoDB の既定は無効です。',
      en: 'point_in_time_recovery is not set: DynamoDB leaves it off by default.',
    },
  },
  check(table, ctx) {
    return requireFlagOn(table, ctx, 'pointInTimeRecovery', { off: 'off', omitted: 'omitted' });
  },
});
