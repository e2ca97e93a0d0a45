import { ALLOWED_REGIONS_PARAM, allowedRegionsOf, defineControl, isRef, isUnknown, KINDS, normalizeRegion, read } from '@muniguard/core';

export default defineControl({
  id: 'guardduty-enabled',
  family: 'monitoring',
  kinds: [KINDS.Account],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: '許可されたすべてのリージョンで GuardDuty による脅威検知を有効にすること',
    en: 'GuardDuty threat detection is on in every allowed region',
  },
  summary: {
    ja: '許可リスト（allowedRegions）の各リージョンに Amazon GuardDuty の検出器があり、有効（ENABLED）であることを確認します。GuardDuty は CloudTrail、VPC フローログ、DNS ログを継続的に分析して、不正アクセスや認証情報の悪用、マルウェアの通信を検知します。アカウントで有効になっていないリージョンは対象外です。ライブスキャンでのみ判定できます。',
    en: 'Checks that each region on the allow-list (allowedRegions) has an Amazon GuardDuty detector and that it is ENABLED. GuardDuty keeps analysing CloudTrail, VPC flow logs and DNS logs to detect unauthorised access, misuse of credentials and malware traffic. Regions not enabled for the account are skipped. Only a live scan can decide this.',
  },
  remediation: {
    ja: '各リージョンで GuardDuty を有効にしてください（aws_guardduty_detector の enable = true、または AWS Organizations の委任管理者による一括有効化）。検出結果の通知先（EventBridge や Security Hub）も設定してください。',
    en: 'Turn GuardDuty on in each region (aws_guardduty_detector with enable = true, or organisation-wide through a delegated administrator), and route its findings somewhere people look (EventBridge, Security Hub).',
  },
  messages: {
    missing: {
      ja: 'GuardDuty が有効になっていないリージョン: {{regions}}。',
      en: 'GuardDuty is not turned on in: {{regions}}.',
    },
    suspended: {
      ja: 'GuardDuty の検出器が停止しているリージョン: {{regions}}。',
      en: 'The GuardDuty detector is suspended in: {{regions}}.',
    },
  },
  params: { allowedRegions: ALLOWED_REGIONS_PARAM },
  check(account, ctx) {
    const detectors = read(account, 'guardDuty');
    if (isUnknown(detectors) || isRef(detectors)) return ctx.unknown('guardDuty');
    if (!detectors || typeof detectors !== 'object') return ctx.unknown('guardDuty');
    const enabled = read(account, 'enabledRegions');
    const enabledList = Array.isArray(enabled) ? enabled.map((r) => normalizeRegion(String(r))) : undefined;
    const missing: string[] = [];
    const suspended: string[] = [];
    let pending: string | undefined;
    for (const region of allowedRegionsOf(ctx.params)) {
      if (enabledList && !enabledList.includes(region)) continue;
      const d = (detectors as Record<string, unknown>)[region];
      if (d === null) missing.push(region);
      else if (d === undefined || isUnknown(d) || typeof d !== 'object') pending ??= `guardDuty.${region}`;
      else {
        const status = (d as Record<string, unknown>).status;
        if (isUnknown(status) || typeof status !== 'string') pending ??= `guardDuty.${region}.status`;
        else if (status.toUpperCase() !== 'ENABLED') suspended.push(region);
      }
    }
    if (missing.length) return ctx.fail('missing', { path: `guardDuty.${missing[0]}`, data: { regions: missing } });
    if (suspended.length) return ctx.fail('suspended', { path: `guardDuty.${suspended[0]}.status`, data: { regions: suspended } });
    return pending ? ctx.unknown(pending) : ctx.pass();
  },
});
