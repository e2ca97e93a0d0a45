import { defineControl, KINDS, containsUnknown, deniesInsecureTransport, isUnknown, parsePolicy, read } from '@muniguard/core';

export default defineControl({
  id: 's3-bucket-deny-insecure-transport',
  family: 'encryption',
  kinds: [KINDS.S3Bucket],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの S3 バケットは暗号化されていない通信（HTTP）を拒否すること',
    en: 'Classified S3 buckets deny requests that do not use TLS',
  },
  summary: {
    ja: 'S3 は HTTP（平文）のリクエストも受け付けます。バケットポリシーに、aws:SecureTransport が false のリクエストをすべてのプリンシパルについて拒否する Deny 文があり、通信経路での暗号化が強制されていることを確認します。',
    en: 'S3 also answers plain HTTP. Checks that the bucket policy has a Deny statement for every principal when aws:SecureTransport is false, so data only travels encrypted.',
  },
  remediation: {
    ja: 'aws_s3_bucket_policy に、Effect = "Deny"、Principal = "*"、Action = "s3:*"、Resource = バケットとその配下（arn と arn/*）、Condition = { Bool = { "aws:SecureTransport" = "false" } } の文を追加してください。',
    en: 'Add a statement to aws_s3_bucket_policy with Effect = "Deny", Principal = "*", Action = "s3:*", Resource = the bucket and its objects (arn and arn/*), and Condition = { Bool = { "aws:SecureTransport" = "false" } }.',
  },
  messages: {
    noPolicy: {
      ja: 'バケットポリシーがないため、HTTP（平文）のリクエストが拒否されません。',
      en: 'No bucket policy: plain HTTP requests are not denied.',
    },
    noDeny: {
      ja: 'バケットポリシーに、aws:SecureTransport = false のリクエストをすべてのプリンシパルについて拒否する文がありません。',
      en: 'The bucket policy has no statement denying every principal when aws:SecureTransport is false.',
    },
  },
  check(bucket, ctx) {
    const raw = read(bucket, 'policy');
    const doc = parsePolicy(raw);
    if (isUnknown(doc)) return ctx.unknown('policy');
    if (!doc) return ctx.fail('noPolicy', { path: 'policy' });
    if (deniesInsecureTransport(doc)) return ctx.pass();
    // a statement whose parts are not known yet may be the one that denies
    if (containsUnknown(raw)) return ctx.unknown('policy');
    return ctx.fail('noDeny', { path: 'policy' });
  },
});
