import { daysBetween, defineControl, flagState, isIsoDate, isRef, isUnknown, KINDS, read, type CheckResult } from '@muniguard/core';

/** The calendar day (UTC) of an ISO date-time from the credential report. */
function dayOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const d = value.trim().slice(0, 10);
  return isIsoDate(d) ? d : undefined;
}

interface Stale {
  messageId: 'passwordUnused' | 'passwordNeverUsed' | 'accessKeyUnused' | 'accessKeyNeverUsed';
  path: string;
  days: number;
  slot?: unknown;
}

export default defineControl({
  id: 'iam-unused-credentials',
  family: 'identity',
  kinds: [KINDS.IamUser],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: '長期間使われていない IAM ユーザーの認証情報を無効にすること',
    en: 'IAM user credentials unused for too long are disabled',
  },
  summary: {
    ja: 'IAM の認証情報レポートで、コンソールのパスワードと有効なアクセスキーのそれぞれが最後に使われた日を確認し、maxCredentialUnusedDays 日を超えて使われていないもの（作成後一度も使われていないものは作成・更新日から数えます）を検出します。使われない ID やキーは、異動・退職・委託終了の後に残った不要な ID であることが多く、気付かれないまま悪用される入口になります。利用実績は IaC に現れないため、ライブスキャンでのみ判定できます（IaC の入力では対象外）。',
    en: "Reads IAM's credential report for when each console password and each active access key was last used, and flags those unused for more than maxCredentialUnusedDays (a credential never used counts from when it was created or last changed). Credentials nobody uses are usually IDs left behind after a transfer, a retirement or the end of a contract, and they are a way in that nobody watches. Usage never appears in IaC, so only a live scan can decide this (not applicable to IaC inputs).",
  },
  remediation: {
    ja: '不要な ID であれば IAM ユーザーを削除し、必要な ID であってもパスワードを削除するかアクセスキーを無効化（inactive）してください。定期的に認証情報レポートを見直し、棚卸しの記録を残してください。',
    en: 'Delete the IAM user if nobody needs it; otherwise delete the unused password or make the unused access key inactive. Review the credential report regularly and keep a record of the review.',
  },
  messages: {
    passwordUnused: {
      ja: 'コンソールのパスワードが {{days}} 日間使われていません（上限 {{max}} 日）。',
      en: 'The console password has not been used for {{days}} days (limit {{max}}).',
    },
    passwordNeverUsed: {
      ja: 'コンソールのパスワードが設定から {{days}} 日間、一度も使われていません（上限 {{max}} 日）。',
      en: 'The console password has never been used in the {{days}} days since it was set (limit {{max}}).',
    },
    accessKeyUnused: {
      ja: 'アクセスキー {{slot}} が {{days}} 日間使われていません（上限 {{max}} 日）。',
      en: 'Access key {{slot}} has not been used for {{days}} days (limit {{max}}).',
    },
    accessKeyNeverUsed: {
      ja: 'アクセスキー {{slot}} が作成から {{days}} 日間、一度も使われていません（上限 {{max}} 日）。',
      en: 'Access key {{slot}} has never been used in the {{days}} days since it was created (limit {{max}}).',
    },
    notObservable: {
      ja: '認証情報の利用実績は IaC に現れないため、ライブスキャンでのみ判定できます。',
      en: 'Credential usage does not appear in IaC; only a live scan can decide this.',
    },
  },
  params: {
    maxCredentialUnusedDays: {
      schema: { type: 'integer', minimum: 1 },
      default: 90,
      description: {
        ja: 'パスワードやアクセスキーを使わないまま残してよい最長の日数。',
        en: 'The most days a password or access key may stay unused.',
      },
      rationale: {
        ja: '本プロジェクトの既定値であり、自治体の基準の記載ではありません。四半期ごとの ID 棚卸しで確実に見つかる長さとして 90 日としています。',
        en: "The project's default, not a municipality's text: 90 days, so that a quarterly review of IDs always catches it.",
      },
    },
  },
  check(user, ctx) {
    const observed = ['passwordLastUsed', 'passwordLastChanged', 'accessKeys', 'createDate'].some((p) => read(user, p) !== undefined);
    if (!observed) return ctx.notApplicable('notObservable');
    const max = Number(ctx.params.maxCredentialUnusedDays);
    const created = read(user, 'createDate');
    const stale: Stale[] = [];
    let pending: CheckResult | undefined;
    const age = (value: unknown, path: string): number | undefined => {
      if (isUnknown(value) || isRef(value)) {
        pending ??= ctx.unknown(path);
        return undefined;
      }
      const day = dayOf(value);
      if (!day) {
        pending ??= ctx.unknown(path);
        return undefined;
      }
      return daysBetween(day, ctx.asOf);
    };

    const login = read(user, 'loginProfile');
    const loginState = isRef(login) ? 'on' : flagState(login);
    if (loginState === 'unknown') return ctx.unknown('loginProfile');
    if (loginState === 'on') {
      const last = read(user, 'passwordLastUsed');
      if (last === null || last === undefined) {
        const changed = read(user, 'passwordLastChanged');
        const days = age(changed ?? created, changed !== undefined && changed !== null ? 'passwordLastChanged' : 'createDate');
        if (days !== undefined && days > max) stale.push({ messageId: 'passwordNeverUsed', path: 'passwordLastUsed', days });
      } else {
        const days = age(last, 'passwordLastUsed');
        if (days !== undefined && days > max) stale.push({ messageId: 'passwordUnused', path: 'passwordLastUsed', days });
      }
    }

    const keys = read(user, 'accessKeys');
    if (isUnknown(keys) || isRef(keys)) pending ??= ctx.unknown('accessKeys');
    (Array.isArray(keys) ? keys : []).forEach((key: Record<string, unknown>, i) => {
      const active = flagState(key?.active);
      if (active === 'unknown') {
        pending ??= ctx.unknown(`accessKeys.${i}.active`);
        return;
      }
      if (active !== 'on') return;
      const used = key.lastUsed;
      if (used === null || used === undefined) {
        const rotated = key.lastRotated;
        const days = age(rotated ?? created, rotated !== undefined && rotated !== null ? `accessKeys.${i}.lastRotated` : 'createDate');
        if (days !== undefined && days > max) stale.push({ messageId: 'accessKeyNeverUsed', path: `accessKeys.${i}.lastUsed`, days, slot: key.slot ?? i + 1 });
      } else {
        const days = age(used, `accessKeys.${i}.lastUsed`);
        if (days !== undefined && days > max) stale.push({ messageId: 'accessKeyUnused', path: `accessKeys.${i}.lastUsed`, days, slot: key.slot ?? i + 1 });
      }
    });

    if (stale.length) {
      const s = stale[0];
      return ctx.fail(s.messageId, { path: s.path, data: { days: s.days, max, slot: s.slot } });
    }
    return pending ?? ctx.pass();
  },
});
