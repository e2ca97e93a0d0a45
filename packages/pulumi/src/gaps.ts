import { KINDS, LIVE_ONLY_KINDS, type Text } from '@muniguard/core';
import { MAPPINGS } from '@muniguard/terraform';
import { AWS_TYPES } from './aws-types';
import { NATIVE_FOLDS, NATIVE_TYPES } from './native';

export type PulumiProviderPackage = 'aws' | 'aws-native';

/**
 * What does not map from Pulumi yet. An entry without `part` means the kind does not map from
 * that provider at all; with `part`, the kind maps but the named resource type (a separate
 * resource that carries some of the kind's settings) is not folded onto it, so a control that
 * needs that setting sees it as absent.
 */
export interface Gap {
  provider: PulumiProviderPackage;
  kind: string;
  part?: string;
  detail: Text;
}

export const GAPS: readonly Gap[] = [
  // kinds only a live scan reads (the state of an AWS account): no IaC resource declares them
  ...LIVE_ONLY_KINDS.flatMap((kind) =>
    (['aws', 'aws-native'] as const).map((provider): Gap => ({
      provider, kind,
      detail: { ja: 'ライブスキャン専用の種別です（アカウントの状態は IaC のリソースとして宣言されません）。', en: 'A live-scan-only kind: an account\'s state is not declared by any IaC resource.' },
    })),
  ),
  {
    provider: 'aws-native', kind: KINDS.IamRole, part: 'aws-native:iam:RolePolicy',
    detail: { ja: '別リソースのインラインポリシーはロールに集約されません（Role の policies に書いたものは読みます）。', en: 'Inline policies written as a separate resource are not folded onto the role (policies written in the Role itself are read).' },
  },
  {
    provider: 'aws-native', kind: KINDS.IamUser, part: 'aws-native:iam:UserPolicy',
    detail: { ja: '別リソースのインラインポリシーはユーザーに集約されません。', en: 'Inline policies written as a separate resource are not folded onto the user.' },
  },
  {
    provider: 'aws-native', kind: KINDS.IamUser, part: 'aws-native:iam:UserToGroupAddition',
    detail: { ja: 'グループへの追加を別リソースで書いた場合、ユーザーの groups に反映されません。', en: 'Group membership written as a separate resource is not reflected in the user\'s groups.' },
  },
  {
    provider: 'aws-native', kind: KINDS.IamGroup, part: 'aws-native:iam:GroupPolicy',
    detail: { ja: '別リソースのインラインポリシーはグループに集約されません。', en: 'Inline policies written as a separate resource are not folded onto the group.' },
  },
  {
    provider: 'aws-native', kind: KINDS.DynamoTable, part: 'aws-native:dynamodb:GlobalTable',
    detail: { ja: 'グローバルテーブル（レプリカの一覧を持つ別の型）は対象外です。', en: 'Global tables (a separate type that lists the replicas) are not mapped.' },
  },
];

/** The kinds each provider package maps to, from the tables themselves. */
export function mappedKinds(provider: PulumiProviderPackage): Set<string> {
  if (provider === 'aws-native') return new Set(Object.values(NATIVE_TYPES).map((m) => m.kind));
  const out = new Set<string>();
  for (const [tf, tokens] of Object.entries(AWS_TYPES)) {
    const m = MAPPINGS[tf];
    if (m && tokens.length) out.add(m.kind);
  }
  return out;
}

/** Every kind of core's KINDS, for each provider: mapped, or listed in GAPS (never both). */
export function coverage(): { provider: PulumiProviderPackage; kind: string; mapped: boolean; gap?: Gap }[] {
  const rows: { provider: PulumiProviderPackage; kind: string; mapped: boolean; gap?: Gap }[] = [];
  for (const provider of ['aws', 'aws-native'] as const) {
    const mapped = mappedKinds(provider);
    for (const kind of Object.values(KINDS)) {
      rows.push({ provider, kind, mapped: mapped.has(kind), gap: GAPS.find((g) => g.provider === provider && g.kind === kind && !g.part) });
    }
  }
  return rows;
}

/** aws-native types the tables handle (kinds and folds). */
export function nativeTokens(): string[] {
  return [...Object.keys(NATIVE_TYPES), ...Object.keys(NATIVE_FOLDS)];
}
