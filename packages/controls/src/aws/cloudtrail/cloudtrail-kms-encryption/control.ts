import { defineControl, isUnknown, keyOwnership, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 'cloudtrail-kms-encryption',
  family: 'logging',
  kinds: [KINDS.Trail],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: 'CloudTrail のログファイルを KMS キーで暗号化すること',
    en: 'CloudTrail log files are encrypted with a KMS key',
  },
  summary: {
    ja: 'CloudTrail は既定では S3 管理キー（SSE-S3）でログを暗号化するため、バケットを読める人は誰でもログを読めます。顧客管理の KMS キーで暗号化すると、ログの閲覧をキーポリシーで制限し、復号の記録を残せます。',
    en: 'By default CloudTrail encrypts logs with S3-managed keys, so anyone who can read the bucket can read the logs. A customer-managed KMS key limits who can read them through its key policy and records every decryption.',
  },
  remediation: {
    ja: 'aws_cloudtrail の kms_key_id に、CloudTrail の利用を許可したキーポリシーを持つ aws_kms_key の ARN を指定してください。',
    en: 'Set kms_key_id on the aws_cloudtrail to the ARN of an aws_kms_key whose key policy lets CloudTrail use it.',
  },
  messages: {
    noKey: {
      ja: 'kms_key_id が指定されていないため、ログは S3 管理キー（SSE-S3）でのみ暗号化されます。',
      en: 'No kms_key_id: logs are encrypted with S3-managed keys (SSE-S3) only.',
    },
    awsManagedKey: {
      ja: 'AWS 管理キー（{{key}}）が指定されています。CloudTrail には顧客管理キーが必要です。',
      en: 'An AWS-managed key ({{key}}) is named; CloudTrail needs a customer-managed key.',
    },
  },
  check(trail, ctx) {
    const path = 'kmsKeyId';
    const key = read(trail, path);
    const owner = keyOwnership(key, ctx.index);
    if (isUnknown(owner)) return ctx.unknown(path);
    if (owner === 'customer') return ctx.pass();
    if (owner === 'aws-managed') return ctx.fail('awsManagedKey', { path, data: { key: String(key) } });
    return ctx.fail('noKey', { path });
  },
});
