import { defineControl, KINDS, isSet, isUnknown, read } from '@muniguard/core';

export default defineControl({
  id: 'sns-topic-encrypted',
  family: 'encryption',
  kinds: [KINDS.SnsTopic],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの SNS トピックを KMS キーで暗号化すること',
    en: 'Classified SNS topics are encrypted with a KMS key',
  },
  summary: {
    ja: 'SNS トピックは KMS キーを指定しない限り、配信待ちのメッセージを暗号化しません。トピックに KMS キーが設定されていることを確認します。',
    en: 'An SNS topic does not encrypt the messages it stores for delivery unless given a KMS key. Checks that the topic has one.',
  },
  remediation: {
    ja: 'aws_sns_topic に kms_master_key_id を設定してください（顧客管理キーを推奨。発行元サービスにキーの利用を許可するキーポリシーが必要です）。',
    en: 'Set kms_master_key_id on aws_sns_topic (preferably a customer-managed key whose key policy lets the publishing services use it).',
  },
  messages: {
    noKey: {
      ja: 'kms_master_key_id が指定されていないため、メッセージは暗号化されずに保存されます。',
      en: 'No kms_master_key_id: messages are stored unencrypted.',
    },
  },
  check(topic, ctx) {
    const key = read(topic, 'kmsMasterKeyId');
    if (isUnknown(key)) return ctx.unknown('kmsMasterKeyId');
    if (isSet(key)) return ctx.pass();
    return ctx.fail('noKey', { path: 'kmsMasterKeyId' });
  },
});
