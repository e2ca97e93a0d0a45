import { defineControl, KINDS, isUnknown, read, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'dynamodb-table-kms',
  family: 'encryption',
  kinds: [KINDS.DynamoTable],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの DynamoDB テーブルを KMS で暗号化すること',
    en: 'Classified DynamoDB tables use KMS server-side encryption',
  },
  summary: {
    ja: 'DynamoDB は常に暗号化しますが、既定の AWS 所有キーは利用者のアカウントに現れず、利用の記録も管理もできません。サーバー側暗号化が KMS（AWS 管理キーまたは顧客管理キー）で有効になっていることを確認します。',
    en: 'DynamoDB always encrypts, but its default AWS-owned key never appears in your account: you can neither audit nor control its use. Checks that server-side encryption uses KMS (the AWS-managed or a customer-managed key).',
  },
  remediation: {
    ja: 'aws_dynamodb_table に server_side_encryption { enabled = true, kms_key_arn = <顧客管理キーの ARN> } を追加してください。既存のテーブルでも無停止で変更できます。',
    en: 'Add server_side_encryption { enabled = true, kms_key_arn = <customer-managed key ARN> } to aws_dynamodb_table; existing tables switch without downtime.',
  },
  messages: {
    awsOwned: {
      ja: 'server_side_encryption が指定されていません。AWS 所有キーで暗号化され、キーの利用を記録・管理できません。',
      en: 'No server_side_encryption: the table uses an AWS-owned key whose use you can neither log nor control.',
    },
    disabled: {
      ja: 'server_side_encryption の enabled が true ではありません（AWS 所有キーで暗号化されます）。',
      en: 'server_side_encryption is not enabled: the table falls back to an AWS-owned key.',
    },
  },
  check(table, ctx) {
    const sse = read(table, 'sse');
    if (isUnknown(sse)) return ctx.unknown('sse');
    if (sse === undefined || sse === null) return ctx.fail('awsOwned', { path: 'sse' });
    return requireFlagOn(table, ctx, 'sse.enabled', { off: 'disabled', omitted: 'disabled' });
  },
});
