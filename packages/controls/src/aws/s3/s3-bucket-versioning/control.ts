import { defineControl, isRef, isUnknown, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 's3-bucket-versioning',
  family: 'backup',
  kinds: [KINDS.S3Bucket],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの S3 バケットでバージョニングを有効にすること',
    en: 'Classified S3 buckets have versioning enabled',
  },
  summary: {
    ja: 'バージョニングを有効にすると、上書きや削除をしても以前のバージョンが残り、復元できます。既定では無効で、無効のままでは誤操作やランサムウェアによる上書きを取り消せません。',
    en: 'With versioning on, an overwritten or deleted object keeps its earlier versions and can be restored. It is off by default, and without it an accidental or malicious overwrite cannot be undone.',
  },
  remediation: {
    ja: 'aws_s3_bucket_versioning リソースを追加し、versioning_configuration { status = "Enabled" } を設定してください。古いバージョンの保存期間は aws_s3_bucket_lifecycle_configuration の noncurrent_version_expiration で管理します。',
    en: 'Add an aws_s3_bucket_versioning resource with versioning_configuration { status = "Enabled" }; manage how long old versions are kept with noncurrent_version_expiration in aws_s3_bucket_lifecycle_configuration.',
  },
  messages: {
    notConfigured: {
      ja: 'バージョニングの設定がありません。S3 の既定は無効です。',
      en: 'No versioning configuration: S3 leaves versioning off by default.',
    },
    suspended: {
      ja: 'バージョニングが一時停止されています（status = Suspended）。新しい書き込みには以前のバージョンが残りません。',
      en: 'Versioning is suspended (status = Suspended): new writes keep no earlier version.',
    },
    notEnabled: {
      ja: 'バージョニングが有効ではありません（status = {{status}}）。',
      en: 'Versioning is not enabled (status = {{status}}).',
    },
  },
  check(bucket, ctx) {
    const versioning = read(bucket, 'versioning');
    if (isUnknown(versioning)) return ctx.unknown('versioning');
    if (versioning === undefined || versioning === null) return ctx.fail('notConfigured', { path: 'versioning' });
    const path = 'versioning.status';
    const status = read(bucket, path);
    if (isUnknown(status) || isRef(status)) return ctx.unknown(path);
    const s = typeof status === 'string' ? status.trim().toLowerCase() : '';
    if (s === 'enabled') return ctx.pass();
    if (s === 'suspended') return ctx.fail('suspended', { path });
    return ctx.fail('notEnabled', { path, data: { status: typeof status === 'string' && status ? status : 'Disabled' } });
  },
});
