import { defineControl, flagState, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 'root-account-mfa',
  family: 'mfa',
  kinds: [KINDS.Account],
  scope: 'resource',
  severity: 'critical',
  title: {
    ja: 'AWS アカウントのルートユーザーに多要素認証を設定すること',
    en: 'The AWS account root user has MFA',
  },
  summary: {
    ja: 'アカウントのルートユーザーに MFA デバイスが登録されていることを、IAM のアカウント概要（AccountMFAEnabled）で確認します。ルートユーザーはあらゆる操作ができる最上位の特権 ID であり、パスワードだけで使える状態は最も大きな侵入経路になります。AWS Organizations でルートの認証情報を一元管理し、ルートユーザーにパスワードもアクセスキーもないアカウントは対象外です。ライブスキャンでのみ判定できます。',
    en: "Checks through IAM's account summary (AccountMFAEnabled) that the account's root user has an MFA device. The root user is the most privileged identity there is; if a password alone opens it, that is the widest way in. Accounts whose root credentials are managed centrally by AWS Organizations (no root password, no root access key) are not applicable. Only a live scan can decide this.",
  },
  remediation: {
    ja: 'ルートユーザーでサインインし、セキュリティ認証情報の画面でハードウェア MFA またはパスキーを登録してください。Organizations のメンバーアカウントでは、ルートアクセスの一元管理でルートの認証情報を削除する方法もあります。',
    en: "Sign in as the root user and register a hardware MFA device or a passkey under Security credentials. In an AWS Organizations member account you can instead remove the root credentials with centralized root access management.",
  },
  messages: {
    noMfa: {
      ja: 'ルートユーザーに MFA が設定されていません。',
      en: 'The root user has no MFA device.',
    },
    noRootCredentials: {
      ja: 'ルートユーザーにパスワードもアクセスキーもありません（ルートアクセスの一元管理）。',
      en: 'The root user has neither a password nor an access key (centralized root access).',
    },
  },
  check(account, ctx) {
    const path = 'rootMfaEnabled';
    const state = flagState(read(account, path));
    if (state === 'on') return ctx.pass();
    if (state === 'unknown' || state === 'omitted') return ctx.unknown(path);
    // centrally managed root access: no credential to protect
    if (flagState(read(account, 'rootPasswordPresent')) === 'off' && flagState(read(account, 'rootAccessKeysPresent')) === 'off') {
      return ctx.notApplicable('noRootCredentials');
    }
    return ctx.fail('noMfa', { path });
  },
});
