import { defineControl, isSet, isUnknown, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 's3-bucket-access-logging',
  family: 'logging',
  kinds: [KINDS.S3Bucket],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの S3 バケットでサーバーアクセスログを取得すること',
    en: 'Classified S3 buckets have server access logging on',
  },
  summary: {
    ja: 'サーバーアクセスログは、バケットへの各リクエスト（誰が・いつ・どのオブジェクトに・何をしたか）を別のバケットに記録します。既定では無効で、無効のままでは情報の持ち出しや不正アクセスを後から調査できません。',
    en: 'Server access logging records every request to the bucket — who, when, which object, what — in another bucket. It is off by default, and without it a leak or an unauthorised access cannot be investigated afterwards.',
  },
  remediation: {
    ja: 'aws_s3_bucket_logging リソースを追加し、target_bucket にログ保存用のバケット（このバケット自身以外）を、target_prefix に保存先の接頭辞を指定してください。',
    en: 'Add an aws_s3_bucket_logging resource with target_bucket naming a log bucket (not the bucket itself) and a target_prefix.',
  },
  messages: {
    notConfigured: {
      ja: 'サーバーアクセスログの設定がありません。S3 の既定は無効です。',
      en: 'No server access logging configuration: S3 leaves it off by default.',
    },
    noTarget: {
      ja: 'サーバーアクセスログの保存先バケット（target_bucket）が指定されていません。',
      en: 'Server access logging names no target bucket (target_bucket).',
    },
  },
  check(bucket, ctx) {
    const logging = read(bucket, 'logging');
    if (isUnknown(logging)) return ctx.unknown('logging');
    if (logging === undefined || logging === null) return ctx.fail('notConfigured', { path: 'logging' });
    const path = 'logging.targetBucket';
    const target = read(bucket, path);
    if (isUnknown(target)) return ctx.unknown(path);
    if (isSet(target)) return ctx.pass();
    return ctx.fail('noTarget', { path });
  },
});
