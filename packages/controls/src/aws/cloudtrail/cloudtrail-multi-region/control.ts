import { defineControl, flagState, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 'cloudtrail-multi-region',
  family: 'logging',
  kinds: [KINDS.Trail],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'CloudTrail の証跡が全リージョンの操作を記録すること',
    en: 'CloudTrail trails record activity in every region',
  },
  summary: {
    ja: '証跡がマルチリージョン証跡であることを確認します。単一リージョンの証跡では、使っていないはずのリージョンで行われた操作（不正なリソース作成など）が記録されません。同じスキャン内に別のマルチリージョン証跡がある場合、追加の単一リージョン証跡は対象外とします。',
    en: 'Checks that the trail is a multi-region trail. A single-region trail misses activity in the regions nobody is supposed to use, which is where unauthorised resources appear. An extra single-region trail is not applicable when the scan holds another multi-region trail.',
  },
  remediation: {
    ja: 'aws_cloudtrail に is_multi_region_trail = true を設定してください（Terraform の既定は false です）。',
    en: 'Set is_multi_region_trail = true on the aws_cloudtrail (Terraform defaults to false).',
  },
  messages: {
    singleRegion: {
      ja: '単一リージョンの証跡です（is_multi_region_trail = false）。',
      en: 'A single-region trail (is_multi_region_trail = false).',
    },
    omitted: {
      ja: 'is_multi_region_trail が指定されていないため、単一リージョンの証跡です。',
      en: 'is_multi_region_trail is not set, so the trail covers one region only.',
    },
    coveredByOther: {
      ja: 'マルチリージョン証跡 {{trail}} が全リージョンを記録しているため、この単一リージョン証跡は追加のものとして扱います。',
      en: 'Multi-region trail {{trail}} records every region; this single-region trail is an extra.',
    },
  },
  check(trail, ctx) {
    const path = 'isMultiRegionTrail';
    const state = flagState(read(trail, path));
    if (state === 'on') return ctx.pass();
    if (state === 'unknown') return ctx.unknown(path);
    const other = ctx.index.ofKind(KINDS.Trail).find((t) => t.id !== trail.id && flagState(read(t, path)) === 'on');
    if (other) return ctx.notApplicable('coveredByOther', { trail: other.source.address });
    return ctx.fail(state === 'off' ? 'singleRegion' : 'omitted', { path });
  },
});
