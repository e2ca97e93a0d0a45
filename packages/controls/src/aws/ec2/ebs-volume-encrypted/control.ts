import { defineControl, KINDS, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'ebs-volume-encrypted',
  family: 'encryption',
  kinds: [KINDS.EbsVolume],
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータの EBS ボリュームを暗号化すること',
    en: 'Classified EBS volumes are encrypted',
  },
  summary: {
    ja: 'EBS ボリュームが保存時に暗号化されていることを確認します。暗号化されたボリュームから取得したスナップショットも暗号化されます。アカウント単位の「EBS の既定の暗号化」はリソースの定義からは見えないため、ボリュームごとに明示されていることを求めます。',
    en: 'Checks that the EBS volume is encrypted at rest; snapshots of an encrypted volume are encrypted too. The account-wide "EBS encryption by default" setting is not visible in the resource definition, so the volume must say so itself.',
  },
  remediation: {
    ja: 'aws_ebs_volume に encrypted = true を設定し、kms_key_id で顧客管理キーを指定してください。併せて aws_ebs_encryption_by_default で enabled = true にすることを推奨します。既存のボリュームは暗号化したスナップショットのコピーから作り直します。',
    en: 'Set encrypted = true with kms_key_id naming a customer-managed key on aws_ebs_volume; also turn on aws_ebs_encryption_by_default (enabled = true). Rebuild an existing volume from an encrypted copy of its snapshot.',
  },
  messages: {
    notEncrypted: { ja: 'EBS ボリュームが暗号化されていません（encrypted = false）。', en: 'The EBS volume is not encrypted (encrypted = false).' },
    omitted: {
      ja: 'encrypted が指定されていません。アカウントの既定の暗号化が有効でない限り、暗号化されません。',
      en: 'encrypted is not set: the volume is unencrypted unless the account\'s EBS encryption by default happens to be on.',
    },
  },
  check(volume, ctx) {
    return requireFlagOn(volume, ctx, 'encrypted', { off: 'notEncrypted', omitted: 'omitted' });
  },
});
