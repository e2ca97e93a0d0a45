import { defineControl, GLOBAL_KINDS, isUnknown, ALLOWED_REGIONS_PARAM, allowedRegionsOf, isRegionAllowed } from '@muniguard/core';

export default defineControl({
  id: 'resource-region-allowed',
  family: 'region',
  kinds: ['*'],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'リソースは許可されたリージョンに配置すること',
    en: 'Resources are deployed only in allowed regions',
  },
  summary: {
    ja: 'リソースを作成するリージョンが許可リスト（allowedRegions）に含まれることを確認します。リージョンはデータが物理的に保管される国・地域を決めるため、許可のない国外リージョンに情報が置かれることを防ぎます。IAM などリージョンを持たないグローバルなリソースは対象外です。',
    en: 'Checks that each resource is created in a region on the allow-list (allowedRegions). The region decides where data physically lives, so this keeps information out of regions nobody approved. Global resources such as IAM have no region and are not checked.',
  },
  remediation: {
    ja: 'provider "aws" の region（またはリソースが使う provider エイリアスの region）を許可されたリージョン（既定では ap-northeast-1 または ap-northeast-3）にしてください。',
    en: 'Set region on the provider "aws" block (or on the provider alias the resource uses) to an allowed region (by default ap-northeast-1 or ap-northeast-3).',
  },
  messages: {
    notAllowed: {
      ja: 'リージョン {{region}} は許可されていません（許可: {{allowed}}）。',
      en: 'Region {{region}} is not allowed (allowed: {{allowed}}).',
    },
  },
  params: { allowedRegions: ALLOWED_REGIONS_PARAM },
  check(resource, ctx) {
    if (GLOBAL_KINDS.includes(resource.kind)) return ctx.notApplicable();
    const region = resource.region;
    if (isUnknown(region)) return ctx.unknown('region');
    if (typeof region !== 'string' || region.trim() === '') return ctx.notApplicable();
    const allowed = allowedRegionsOf(ctx.params);
    if (isRegionAllowed(region, allowed)) return ctx.pass();
    return ctx.fail('notAllowed', { path: 'region', data: { region, allowed } });
  },
});
