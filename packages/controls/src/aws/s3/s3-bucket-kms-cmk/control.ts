import { defineControl, KINDS, isUnknown, read, keyOwnership } from '@muniguard/core';

export default defineControl({
  id: 's3-bucket-kms-cmk',
  family: 'encryption',
  kinds: [KINDS.S3Bucket],
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータのS3バケットは顧客管理KMSキーで暗号化すること',
    en: 'Classified S3 buckets use default encryption with a customer-managed KMS key',
  },
  summary: {
    ja: 'S3 は全バケットを S3 管理キー（SSE-S3）で自動的に暗号化するため、「暗号化されている」だけでは何も示しません。既定の暗号化が SSE-KMS で、顧客が管理する KMS キーを指定していることを確認します。',
    en: 'S3 encrypts every bucket with S3-managed keys anyway, so "encrypted" alone proves nothing. Checks that default encryption is SSE-KMS with a customer-managed KMS key.',
  },
  remediation: {
    ja: 'aws_s3_bucket_server_side_encryption_configuration で sse_algorithm = "aws:kms" と、自ら作成した aws_kms_key の kms_master_key_id を設定してください。',
    en: 'Set sse_algorithm = "aws:kms" with kms_master_key_id of your own aws_kms_key in aws_s3_bucket_server_side_encryption_configuration.',
  },
  messages: {
    noConfig: {
      ja: '既定の暗号化の設定がありません（S3 管理キー SSE-S3 のみ）。',
      en: 'No default encryption configuration: only S3-managed keys (SSE-S3) apply.',
    },
    notKms: { ja: '既定の暗号化が {{algorithm}} です（KMS ではありません）。', en: 'Default encryption is {{algorithm}}, not KMS.' },
    noCmk: {
      ja: 'SSE-KMS ですが顧客管理キーが指定されていません（{{key}}）。',
      en: 'SSE-KMS without a customer-managed key ({{key}}).',
    },
  },
  check(bucket, ctx) {
    const enc = read(bucket, 'encryption');
    if (isUnknown(enc)) return ctx.unknown('encryption');
    if (enc === undefined || enc === null) return ctx.fail('noConfig', { path: 'encryption' });
    const algorithm = read(bucket, 'encryption.algorithm');
    if (isUnknown(algorithm)) return ctx.unknown('encryption.algorithm');
    if (typeof algorithm !== 'string' || !algorithm.startsWith('aws:kms')) {
      return ctx.fail('notKms', { path: 'encryption.algorithm', data: { algorithm: algorithm ?? 'AES256' } });
    }
    const key = read(bucket, 'encryption.kmsKeyId');
    const owner = keyOwnership(key, ctx.index);
    if (isUnknown(owner)) return ctx.unknown('encryption.kmsKeyId');
    if (owner !== 'customer') {
      return ctx.fail('noCmk', { path: 'encryption.kmsKeyId', data: { key: owner === 'none' ? 'aws/s3' : String(key) } });
    }
    return ctx.pass();
  },
});
