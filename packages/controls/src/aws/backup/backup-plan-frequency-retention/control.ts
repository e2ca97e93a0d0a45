import {
  asArray, AWS_BACKUP_DEFAULT_SCHEDULE, BACKUP_PARAMS, defineControl, isRef, isUnknown, KINDS, longestGapHours, read,
  retentionDays, ScheduleError, type CheckContext, type CheckResult, type Resource,
} from '@muniguard/core';

type Tri = boolean | 'unknown';

interface RuleView {
  index: number;
  name: string;
  schedule: string;
  /** hours between runs; undefined when the schedule is not known yet; NaN when it cannot be parsed */
  gap: number | undefined;
  /** days kept; Infinity when no lifecycle deletes it; undefined when not known yet */
  days: number | undefined;
  frequent: Tri;
  retained: Tri;
}

function ruleView(rule: unknown, index: number, ctx: CheckContext): RuleView {
  const r = rule && typeof rule === 'object' && !isRef(rule) && !isUnknown(rule) ? (rule as Record<string, unknown>) : undefined;
  const name = typeof r?.name === 'string' && r.name ? r.name : `#${index + 1}`;
  const raw = r ? r.schedule : rule;
  let gap: number | undefined;
  let schedule = typeof raw === 'string' ? raw : '';
  if (!r || isUnknown(raw) || isRef(raw)) gap = undefined;
  else if (raw === undefined || raw === null || raw === '') {
    schedule = AWS_BACKUP_DEFAULT_SCHEDULE; // AWS Backup runs a rule without a schedule daily at 05:00 UTC
    gap = longestGapHours(schedule, { from: ctx.asOf });
  } else {
    try {
      gap = longestGapHours(String(raw), { from: ctx.asOf });
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      gap = NaN;
    }
  }
  const kept = r ? retentionDays(r.deleteAfterDays) : undefined;
  const days = !r || isUnknown(kept) ? undefined : kept === undefined ? Infinity : kept;
  const max = Number(ctx.params.maxBackupIntervalHours);
  const min = Number(ctx.params.minBackupRetentionDays);
  return {
    index,
    name,
    schedule,
    gap,
    days,
    frequent: gap === undefined ? 'unknown' : gap <= max,
    retained: days === undefined ? 'unknown' : days >= min,
  };
}

const hours = (h: number) => (Number.isInteger(h) ? h : Math.round(h * 100) / 100);

export default defineControl({
  id: 'backup-plan-frequency-retention',
  family: 'backup',
  kinds: [KINDS.BackupPlan],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: 'AWS Backup のバックアッププランが所定の間隔でバックアップを取得し、所定の日数以上保持すること',
    en: 'AWS Backup plans back up at the required interval and keep recovery points for the required days',
  },
  summary: {
    ja: 'バックアッププランに、所定の間隔（maxBackupIntervalHours）以内ごとに実行され、復元ポイントを所定の日数（minBackupRetentionDays）以上保持するルールが少なくとも 1 つあることを確認します。スケジュール式（cron / rate）から実行と実行の最大の間隔を求めて判定します。月次・年次の長期保管ルールなど、ほかのルールは追加のものとして扱います。',
    en: 'Checks that the plan has at least one rule that runs at least every maxBackupIntervalHours and keeps its recovery points for at least minBackupRetentionDays. The longest gap between two runs is worked out from the schedule expression (cron / rate). Other rules, such as monthly or yearly archive rules, are taken as extras.',
  },
  remediation: {
    ja: 'aws_backup_plan の rule に、schedule = "cron(0 17 * * ? *)"（毎日）など所定の間隔以内で実行されるスケジュールと、lifecycle { delete_after = 所定の日数以上 } を設定してください（lifecycle を省略すると復元ポイントは削除されません）。',
    en: 'Give the aws_backup_plan a rule whose schedule runs within the required interval (e.g. schedule = "cron(0 17 * * ? *)" for daily) and whose lifecycle { delete_after } is at least the required days (without a lifecycle, recovery points are never deleted).',
  },
  messages: {
    noRules: { ja: 'バックアッププランにルールがありません。', en: 'The backup plan has no rules.' },
    tooInfrequent: {
      ja: '最も頻繁なルール「{{rule}}」（{{schedule}}）でも実行の間隔が最大 {{hours}} 時間あります（{{max}} 時間以内が必要）。',
      en: 'Even the most frequent rule "{{rule}}" ({{schedule}}) leaves up to {{hours}} hours between runs; at most {{max}} are allowed.',
    },
    neverRuns: {
      ja: 'ルール「{{rule}}」のスケジュール（{{schedule}}）は今後実行されないか、途中で実行されなくなります。',
      en: 'The schedule of rule "{{rule}}" ({{schedule}}) never runs again, or stops running.',
    },
    badSchedule: {
      ja: 'ルール「{{rule}}」のスケジュール式（{{schedule}}）を解釈できません。AWS Backup の cron(分 時 日 月 曜日 年) 形式で指定してください。',
      en: 'The schedule of rule "{{rule}}" ({{schedule}}) is not a valid expression: use AWS Backup\'s cron(minutes hours day-of-month month day-of-week year).',
    },
    retentionTooShort: {
      ja: '所定の間隔で実行されるルール「{{rule}}」の復元ポイントの保持期間が {{days}} 日です（{{min}} 日以上が必要）。',
      en: 'Rule "{{rule}}", which runs often enough, keeps recovery points for {{days}} day(s); at least {{min}} are required.',
    },
  },
  params: { maxBackupIntervalHours: BACKUP_PARAMS.maxBackupIntervalHours, minBackupRetentionDays: BACKUP_PARAMS.minBackupRetentionDays },
  check(plan: Resource, ctx): CheckResult {
    const list = asArray(read(plan, 'rules'));
    if (isUnknown(list)) return ctx.unknown('rules');
    if (list.length === 0) return ctx.fail('noRules', { path: 'rules' });
    const rules = list.map((r, i) => ruleView(r, i, ctx));

    // one rule that does both is enough; the others (monthly archives…) are extras
    if (rules.some((r) => r.frequent === true && r.retained === true)) return ctx.pass();
    const open = rules.find((r) => r.frequent !== false && r.retained !== false);
    if (open) {
      if (isUnknown(list[open.index]) || isRef(list[open.index])) return ctx.unknown(`rules.${open.index}`);
      return ctx.unknown(open.frequent === 'unknown' ? `rules.${open.index}.schedule` : `rules.${open.index}.deleteAfterDays`);
    }

    const frequent = rules.filter((r) => r.frequent === true);
    if (frequent.length) {
      const best = frequent.reduce((a, b) => ((b.days ?? 0) > (a.days ?? 0) ? b : a));
      return ctx.fail('retentionTooShort', {
        path: `rules.${best.index}.deleteAfterDays`,
        data: { rule: best.name, days: best.days, min: ctx.params.minBackupRetentionDays },
      });
    }
    const parsed = rules.filter((r) => r.gap !== undefined && !Number.isNaN(r.gap));
    if (parsed.length === 0) {
      const bad = rules[0];
      return ctx.fail('badSchedule', { path: `rules.${bad.index}.schedule`, data: { rule: bad.name, schedule: bad.schedule } });
    }
    const best = parsed.reduce((a, b) => (b.gap! < a.gap! ? b : a));
    const path = `rules.${best.index}.schedule`;
    if (best.gap === Infinity) return ctx.fail('neverRuns', { path, data: { rule: best.name, schedule: best.schedule } });
    return ctx.fail('tooInfrequent', {
      path,
      data: { rule: best.name, schedule: best.schedule, hours: hours(best.gap!), max: ctx.params.maxBackupIntervalHours },
    });
  },
});
