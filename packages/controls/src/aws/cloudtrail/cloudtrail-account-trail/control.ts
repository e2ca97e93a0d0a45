import { defineControl, flagState, isRef, isUnknown, KINDS, read } from '@muniguard/core';

type Trail = Record<string, unknown>;

export default defineControl({
  id: 'cloudtrail-account-trail',
  family: 'logging',
  kinds: [KINDS.Account],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'アカウントに、ログファイル検証付きで記録中のマルチリージョン証跡があること',
    en: 'The account has a logging multi-region trail with log file validation',
  },
  summary: {
    ja: 'アカウントに適用される CloudTrail の証跡（組織の証跡を含む）のうち、少なくとも一つが全リージョンを記録し、ログファイルの整合性検証が有効で、記録を停止していないことを確認します。個々の証跡の設定ではなく、アカウントとして操作の記録が取れているかを見るもので、どの IaC にも書かれていない（コンソールで作られた、または削除された）証跡の状態もわかります。ライブスキャンでのみ判定できます。',
    en: "Checks that at least one CloudTrail trail that applies to the account (organization trails included) records every region, has log file validation on and has not been stopped. It looks at the account as a whole rather than at one trail's settings, so it also sees trails no IaC describes (made or deleted in the console). Only a live scan can decide this.",
  },
  remediation: {
    ja: 'マルチリージョン証跡（または AWS Organizations の組織の証跡）を作成し、ログファイルの検証を有効にして、記録を開始してください（aws_cloudtrail の is_multi_region_trail = true、enable_log_file_validation = true、enable_logging = true）。',
    en: 'Create a multi-region trail (or an AWS Organizations organization trail) with log file validation on, and start logging (aws_cloudtrail with is_multi_region_trail = true, enable_log_file_validation = true, enable_logging = true).',
  },
  messages: {
    noTrail: {
      ja: 'このアカウントには CloudTrail の証跡がありません。',
      en: 'The account has no CloudTrail trail.',
    },
    noMultiRegion: {
      ja: 'マルチリージョン証跡がありません（証跡: {{trails}}）。',
      en: 'No trail records every region (trails: {{trails}}).',
    },
    noValidation: {
      ja: 'マルチリージョン証跡 {{trails}} のログファイル検証が無効です。',
      en: 'Log file validation is off on the multi-region trail(s) {{trails}}.',
    },
    notLogging: {
      ja: 'ログファイル検証付きのマルチリージョン証跡 {{trails}} は記録を停止しています。',
      en: 'The multi-region trail(s) {{trails}} with log file validation have stopped logging.',
    },
  },
  check(account, ctx) {
    const path = 'trails';
    const trails = read(account, path);
    if (isUnknown(trails) || isRef(trails)) return ctx.unknown(path);
    if (!Array.isArray(trails)) return ctx.unknown(path);
    if (trails.length === 0) return ctx.fail('noTrail', { path });
    const names = (list: Trail[]) => list.map((t) => String(t.name ?? t.arn ?? '?'));
    const multi = trails.filter((t: Trail) => flagState(t.isMultiRegionTrail) === 'on');
    if (!multi.length) {
      if (trails.some((t: Trail) => flagState(t.isMultiRegionTrail) === 'unknown')) return ctx.unknown(`${path}.isMultiRegionTrail`);
      return ctx.fail('noMultiRegion', { path, data: { trails: names(trails) } });
    }
    const validated = multi.filter((t: Trail) => flagState(t.logFileValidationEnabled) === 'on');
    if (!validated.length) {
      if (multi.some((t: Trail) => flagState(t.logFileValidationEnabled) === 'unknown')) return ctx.unknown(`${path}.logFileValidationEnabled`);
      return ctx.fail('noValidation', { path, data: { trails: names(multi) } });
    }
    if (validated.some((t: Trail) => flagState(t.isLogging) === 'on')) return ctx.pass();
    if (validated.some((t: Trail) => flagState(t.isLogging) === 'unknown')) return ctx.unknown(`${path}.isLogging`);
    return ctx.fail('notLogging', { path, data: { trails: names(validated) } });
  },
});
