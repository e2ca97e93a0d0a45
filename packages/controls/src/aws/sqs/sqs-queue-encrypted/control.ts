import { defineControl, KINDS, flagState, isSet, isUnknown, read } from '@muniguard/core';

export default defineControl({
  id: 'sqs-queue-encrypted',
  family: 'encryption',
  kinds: [KINDS.SqsQueue],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの SQS キューでサーバー側暗号化を明示的に有効にすること',
    en: 'Classified SQS queues explicitly turn on server-side encryption',
  },
  summary: {
    ja: 'SQS キューのメッセージが保存時に暗号化されるよう、KMS キー（SSE-KMS）または SQS 管理キー（SSE-SQS）の暗号化が定義で明示されていることを確認します。新しいキューは SSE-SQS が既定で有効になることがありますが、作成方法や時期に左右されるため既定には頼りません。',
    en: 'Checks that the queue definition explicitly turns on encryption of stored messages, with a KMS key (SSE-KMS) or SQS-managed keys (SSE-SQS). New queues may get SSE-SQS by default, but that depends on how and when they were created, so the default is not relied on.',
  },
  remediation: {
    ja: 'aws_sqs_queue に kms_master_key_id（顧客管理キーを推奨）を設定するか、sqs_managed_sse_enabled = true を設定してください。',
    en: 'Set kms_master_key_id (preferably a customer-managed key) or sqs_managed_sse_enabled = true on aws_sqs_queue.',
  },
  messages: {
    disabled: {
      ja: 'サーバー側暗号化が無効です（sqs_managed_sse_enabled = false、KMS キーなし）。',
      en: 'Server-side encryption is off (sqs_managed_sse_enabled = false and no KMS key).',
    },
    notExplicit: {
      ja: 'kms_master_key_id も sqs_managed_sse_enabled も指定されていません。暗号化が既定に任されています。',
      en: 'Neither kms_master_key_id nor sqs_managed_sse_enabled is set: encryption is left to the default.',
    },
  },
  check(queue, ctx) {
    const key = read(queue, 'kmsMasterKeyId');
    if (isSet(key)) return ctx.pass();
    const managed = flagState(read(queue, 'sqsManagedSseEnabled'));
    if (managed === 'on') return ctx.pass();
    if (isUnknown(key)) return ctx.unknown('kmsMasterKeyId');
    if (managed === 'unknown') return ctx.unknown('sqsManagedSseEnabled');
    if (managed === 'off') return ctx.fail('disabled', { path: 'sqsManagedSseEnabled' });
    return ctx.fail('notExplicit', { path: 'kmsMasterKeyId' });
  },
});
