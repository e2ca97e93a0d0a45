import { defineControl, flagState, isRef, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 'iam-user-console-mfa',
  family: 'mfa',
  kinds: [KINDS.IamUser],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'コンソールのパスワードを持つ IAM ユーザーに多要素認証を設定すること',
    en: 'IAM users with a console password have MFA',
  },
  summary: {
    ja: 'マネジメントコンソールのパスワードを持つ IAM ユーザーに MFA デバイスが有効になっていることを、IAM の認証情報レポート（mfa_active）で確認します。パスワードだけでサインインできる ID は、漏えいしたパスワード一つで乗っ取られます。MFA デバイスは本人が登録するもので IaC には現れないため、ライブスキャンでのみ判定できます（IaC の入力では対象外）。',
    en: "Checks through IAM's credential report (mfa_active) that every IAM user with a console password has an MFA device. An identity that signs in with a password alone is taken over by one leaked password. People register MFA devices themselves and IaC never shows them, so only a live scan can decide this (not applicable to IaC inputs).",
  },
  remediation: {
    ja: '該当ユーザーに MFA デバイス（パスキー、認証アプリ、ハードウェアトークン）を登録させるか、コンソールのパスワードを削除して IAM Identity Center でのサインインに移してください。MFA のない操作を拒否する IAM ポリシーを併用するとより確実です。',
    en: 'Have the user register an MFA device (passkey, authenticator app or hardware token), or delete the console password and move the person to IAM Identity Center. A policy that denies actions without MFA makes it stick.',
  },
  messages: {
    noMfa: {
      ja: 'コンソールのパスワードがありますが、MFA が有効ではありません。',
      en: 'The user has a console password but no active MFA device.',
    },
    noConsolePassword: {
      ja: 'コンソールのパスワードがありません。',
      en: 'The user has no console password.',
    },
    notObservable: {
      ja: 'MFA デバイスは IaC に現れないため、ライブスキャンでのみ判定できます。',
      en: 'MFA devices do not appear in IaC; only a live scan can decide this.',
    },
  },
  check(user, ctx) {
    const login = read(user, 'loginProfile');
    const state = isRef(login) ? 'on' : flagState(login);
    if (state === 'unknown') return ctx.unknown('loginProfile');
    if (state !== 'on') return ctx.notApplicable('noConsolePassword');
    const path = 'mfaActive';
    const mfa = read(user, path);
    // IaC inputs carry no MFA state at all; the live scan always sets it (a value or Unknown)
    if (mfa === undefined) return ctx.notApplicable('notObservable');
    const mfaState = flagState(mfa);
    if (mfaState === 'on') return ctx.pass();
    if (mfaState === 'off') return ctx.fail('noMfa', { path });
    return ctx.unknown(path);
  },
});
