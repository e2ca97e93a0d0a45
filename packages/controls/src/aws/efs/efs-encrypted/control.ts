import { defineControl, KINDS, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'efs-encrypted',
  family: 'encryption',
  kinds: [KINDS.EfsFileSystem],
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータの EFS ファイルシステムを暗号化すること',
    en: 'Classified EFS file systems are encrypted at rest',
  },
  summary: {
    ja: 'EFS ファイルシステムが保存時に暗号化されていることを確認します。API や Terraform で作成する場合の既定は暗号化なしで、作成後に暗号化を有効にすることはできません。',
    en: 'Checks that the EFS file system is encrypted at rest. Created through the API or Terraform it is unencrypted by default, and encryption cannot be turned on afterwards.',
  },
  remediation: {
    ja: 'aws_efs_file_system に encrypted = true を設定し、kms_key_id で顧客管理キーを指定してください。既存のファイルシステムは暗号化した新しいファイルシステムへデータを移して置き換えます。',
    en: 'Set encrypted = true with kms_key_id naming a customer-managed key on aws_efs_file_system. Replace an existing file system by copying its data to a new, encrypted one.',
  },
  messages: {
    notEncrypted: { ja: 'EFS ファイルシステムが暗号化されていません（encrypted = false）。', en: 'The EFS file system is not encrypted (encrypted = false).' },
    omitted: {
      ja: 'encrypted が指定されていません。API・Terraform で作成した場合の既定は暗号化なしです。',
      en: 'encrypted is not set: file systems created through the API or Terraform are unencrypted by default.',
    },
  },
  check(fs, ctx) {
    return requireFlagOn(fs, ctx, 'encrypted', { off: 'notEncrypted', omitted: 'omitted' });
  },
});
