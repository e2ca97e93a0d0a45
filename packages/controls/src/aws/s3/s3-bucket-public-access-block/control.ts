import { defineControl, KINDS, isUnknown, read, flagState } from '@muniguard/core';

const SETTINGS = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'] as const;

export default defineControl({
  id: 's3-bucket-public-access-block',
  family: 'public-access',
  kinds: [KINDS.S3Bucket],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'S3 バケットのブロックパブリックアクセスを 4 項目すべて有効にすること',
    en: 'S3 buckets turn on all four Block Public Access settings',
  },
  summary: {
    ja: 'バケットのブロックパブリックアクセス設定（パブリック ACL のブロックと無視、パブリックなバケットポリシーのブロックと制限）がすべて有効であることを確認します。これにより、ACL やバケットポリシーの誤りでデータがインターネットに公開されることを防ぎます。設定がコードに書かれていない場合は、後から無効にされても検知できないため不適合とします。',
    en: 'Checks that all four Block Public Access settings of the bucket (block and ignore public ACLs, block and restrict public bucket policies) are on, so that a wrong ACL or bucket policy cannot expose data to the internet. A bucket whose configuration does not declare them fails: nothing would notice if they were later turned off.',
  },
  remediation: {
    ja: 'aws_s3_bucket_public_access_block を追加し、block_public_acls、block_public_policy、ignore_public_acls、restrict_public_buckets をすべて true にしてください。',
    en: 'Add an aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all set to true.',
  },
  messages: {
    missing: {
      ja: 'ブロックパブリックアクセスの設定が宣言されていません（aws_s3_bucket_public_access_block がありません）。',
      en: 'Block Public Access is not declared (no aws_s3_bucket_public_access_block).',
    },
    settingOff: {
      ja: 'ブロックパブリックアクセスの {{setting}} が有効になっていません。',
      en: 'Block Public Access setting {{setting}} is not on.',
    },
  },
  check(bucket, ctx) {
    const block = read(bucket, 'publicAccessBlock');
    if (isUnknown(block)) return ctx.unknown('publicAccessBlock');
    if (block === undefined || block === null) return ctx.fail('missing', { path: 'publicAccessBlock' });
    let pending: string | undefined;
    for (const setting of SETTINGS) {
      const path = `publicAccessBlock.${setting}`;
      // each setting defaults to false when the block omits it
      const state = flagState(read(bucket, path));
      if (state === 'unknown') pending ??= path;
      else if (state !== 'on') return ctx.fail('settingOff', { path, data: { setting } });
    }
    return pending ? ctx.unknown(pending) : ctx.pass();
  },
});
