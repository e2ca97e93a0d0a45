import { defineControl, isRef, isUnknown, KINDS, read, retentionDays } from '@muniguard/core';

export default defineControl({
  id: 'log-group-retention',
  family: 'logging',
  kinds: [KINDS.LogGroup],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: 'CloudWatch Logs のロググループでログを所定の日数以上保存すること',
    en: 'CloudWatch log groups keep logs for the required number of days',
  },
  summary: {
    ja: 'ロググループの保持期間が所定の日数（minLogRetentionDays）以上であることを確認します。保持期間を設定しない（無期限）場合は合格です。保持期間が短いと、点検や監査、インシデント調査の時点でログが削除されています。',
    en: 'Checks that the log group keeps logs for at least minLogRetentionDays. A log group without a retention setting keeps logs forever and passes. A short retention deletes the logs before an inspection, an audit or an incident investigation needs them.',
  },
  remediation: {
    ja: 'aws_cloudwatch_log_group の retention_in_days を所定の日数以上（例: 365、400、731）に設定するか、指定しないで無期限保存にしてください。費用を抑える場合は、S3 へエクスポートして長期保存します。',
    en: 'Set retention_in_days on the aws_cloudwatch_log_group to at least the required days (e.g. 365, 400, 731), or leave it unset to keep logs forever; to save cost, export to S3 for long-term keeping.',
  },
  messages: {
    tooShort: {
      ja: 'ログの保持期間が {{days}} 日です（{{min}} 日以上が必要）。',
      en: 'Logs are kept for {{days}} day(s); at least {{min}} are required.',
    },
    deliveryClass: {
      ja: '配信用（DELIVERY クラス）のロググループです。保持期間は 1 日に固定され、ログは配信先で保存されます。',
      en: 'A DELIVERY-class log group: its retention is fixed at one day and the logs are kept where they are delivered.',
    },
  },
  params: {
    minLogRetentionDays: {
      schema: { type: 'integer', minimum: 1 },
      default: 365,
      description: { ja: 'ログを保存する最短の日数。', en: 'The fewest days logs must be kept.' },
      rationale: {
        ja: '1 年あれば、毎年の自己点検や監査の周期全体のログを確認できます。',
        en: 'One year covers the whole yearly cycle of self-inspection (自己点検) and audit.',
      },
    },
  },
  check(group, ctx) {
    const logClass = read(group, 'logGroupClass');
    if (typeof logClass === 'string' && logClass.toUpperCase() === 'DELIVERY') return ctx.notApplicable('deliveryClass');
    const path = 'retentionInDays';
    const raw = read(group, path);
    if (isRef(raw)) return ctx.unknown(path);
    const days = retentionDays(raw);
    if (isUnknown(days)) return ctx.unknown(path);
    // 0 or omitted: CloudWatch Logs never expires the events
    if (days === undefined || days === 0) return ctx.pass();
    const min = Number(ctx.params.minLogRetentionDays);
    if (days >= min) return ctx.pass();
    return ctx.fail('tooShort', { path, data: { days, min } });
  },
});
