import { defineControl, KINDS, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'cloudtrail-log-file-validation',
  family: 'logging',
  kinds: [KINDS.Trail],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: 'CloudTrail の証跡でログファイルの整合性検証を有効にすること',
    en: 'CloudTrail trails have log file integrity validation on',
  },
  summary: {
    ja: 'ログファイルの整合性検証を有効にすると、CloudTrail が 1 時間ごとに署名付きのダイジェストファイルを作成し、ログの改ざん・削除を後から検出できます。ログを証跡として使うための前提です。',
    en: 'With log file validation on, CloudTrail writes a signed digest file every hour, so a changed or deleted log file can be detected later. Logs can only serve as evidence when they are tamper-evident.',
  },
  remediation: {
    ja: 'aws_cloudtrail に enable_log_file_validation = true を設定してください（Terraform の既定は false です）。',
    en: 'Set enable_log_file_validation = true on the aws_cloudtrail (Terraform defaults to false).',
  },
  messages: {
    off: {
      ja: 'ログファイルの整合性検証が無効です（enable_log_file_validation = false）。',
      en: 'Log file integrity validation is off (enable_log_file_validation = false).',
    },
    omitted: {
      ja: 'enable_log_file_validation が指定されていないため、整合性検証は無効です。',
      en: 'enable_log_file_validation is not set, so validation is off.',
    },
  },
  check(trail, ctx) {
    return requireFlagOn(trail, ctx, 'enableLogFileValidation', { off: 'off', omitted: 'omitted' });
  },
});
