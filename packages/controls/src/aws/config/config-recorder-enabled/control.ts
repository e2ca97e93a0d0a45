import { ALLOWED_REGIONS_PARAM, allowedRegionsOf, defineControl, isRef, isUnknown, KINDS, normalizeRegion, read } from '@muniguard/core';

export default defineControl({
  id: 'config-recorder-enabled',
  family: 'logging',
  kinds: [KINDS.Account],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: '許可されたすべてのリージョンで AWS Config が構成変更を記録していること',
    en: 'AWS Config records configuration changes in every allowed region',
  },
  summary: {
    ja: '許可リスト（allowedRegions）の各リージョンに AWS Config の設定レコーダーがあり、記録中であることを確認します。Config の記録は、誰がいつどの設定を変えたかの履歴であり、システム設定の定期点検や自己点検、インシデント調査の証跡になります。アカウントで有効になっていないリージョンは対象外です。ライブスキャンでのみ判定できます。',
    en: 'Checks that each region on the allow-list (allowedRegions) has an AWS Config configuration recorder and that it is recording. The recording is the history of who changed which setting when: the evidence for periodic checks of system settings, the yearly self-inspection and incident investigations. Regions not enabled for the account are skipped. Only a live scan can decide this.',
  },
  remediation: {
    ja: '各リージョンで設定レコーダーと配信チャネルを作成し、記録を開始してください（aws_config_configuration_recorder と aws_config_configuration_recorder_status の is_enabled = true、または AWS Control Tower / Organizations の一括設定）。',
    en: 'Create a configuration recorder and a delivery channel in each region and start recording (aws_config_configuration_recorder plus aws_config_configuration_recorder_status with is_enabled = true, or AWS Control Tower / Organizations-wide setup).',
  },
  messages: {
    missing: {
      ja: 'AWS Config の設定レコーダーがないリージョン: {{regions}}。',
      en: 'No AWS Config recorder in: {{regions}}.',
    },
    stopped: {
      ja: 'AWS Config の設定レコーダーが停止しているリージョン: {{regions}}。',
      en: 'The AWS Config recorder is stopped in: {{regions}}.',
    },
  },
  params: { allowedRegions: ALLOWED_REGIONS_PARAM },
  check(account, ctx) {
    const recorders = read(account, 'configRecorders');
    if (isUnknown(recorders) || isRef(recorders)) return ctx.unknown('configRecorders');
    if (!recorders || typeof recorders !== 'object') return ctx.unknown('configRecorders');
    const enabled = read(account, 'enabledRegions');
    const enabledList = Array.isArray(enabled) ? enabled.map((r) => normalizeRegion(String(r))) : undefined;
    const missing: string[] = [];
    const stopped: string[] = [];
    let pending: string | undefined;
    for (const region of allowedRegionsOf(ctx.params)) {
      if (enabledList && !enabledList.includes(region)) continue;
      const rec = (recorders as Record<string, unknown>)[region];
      if (rec === null) missing.push(region);
      else if (rec === undefined || isUnknown(rec) || typeof rec !== 'object') pending ??= `configRecorders.${region}`;
      else if ((rec as Record<string, unknown>).recording !== true) stopped.push(region);
    }
    if (missing.length) return ctx.fail('missing', { path: `configRecorders.${missing[0]}`, data: { regions: missing } });
    if (stopped.length) return ctx.fail('stopped', { path: `configRecorders.${stopped[0]}.recording`, data: { regions: stopped } });
    return pending ? ctx.unknown(pending) : ctx.pass();
  },
});
