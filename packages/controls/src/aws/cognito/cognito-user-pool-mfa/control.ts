import { defineControl, isRef, isUnknown, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 'cognito-user-pool-mfa',
  family: 'mfa',
  kinds: [KINDS.UserPool],
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータを扱う Cognito ユーザープールで多要素認証を必須にすること',
    en: 'Cognito user pools handling classified data require MFA',
  },
  summary: {
    ja: 'ユーザープールの多要素認証（MFA）が必須（ON）であることを確認します。任意（OPTIONAL）では MFA を設定していない利用者はパスワードだけでサインインでき、無効（OFF、既定）では誰も MFA を使いません。',
    en: 'Checks that multi-factor authentication is required (ON) in the user pool. With OPTIONAL, users who never set MFA up sign in with a password alone; with OFF, the default, nobody uses MFA.',
  },
  remediation: {
    ja: 'aws_cognito_user_pool に mfa_configuration = "ON" を設定し、software_token_mfa_configuration { enabled = true }（または SMS / メール）を設定してください。',
    en: 'Set mfa_configuration = "ON" on the aws_cognito_user_pool with software_token_mfa_configuration { enabled = true } (or SMS / email MFA).',
  },
  messages: {
    optional: {
      ja: '多要素認証が任意です（mfa_configuration = OPTIONAL）。MFA を設定していない利用者はパスワードだけでサインインできます。',
      en: 'MFA is optional (mfa_configuration = OPTIONAL): users without MFA sign in with a password alone.',
    },
    off: {
      ja: '多要素認証が無効です（mfa_configuration = OFF）。',
      en: 'MFA is off (mfa_configuration = OFF).',
    },
    omitted: {
      ja: 'mfa_configuration が指定されていないため、多要素認証は無効（OFF）です。',
      en: 'mfa_configuration is not set, so MFA is off (OFF).',
    },
  },
  check(pool, ctx) {
    const path = 'mfaConfiguration';
    const mfa = read(pool, path);
    if (isUnknown(mfa) || isRef(mfa)) return ctx.unknown(path);
    if (mfa === undefined || mfa === null || mfa === '') return ctx.fail('omitted', { path });
    const v = String(mfa).trim().toUpperCase();
    if (v === 'ON') return ctx.pass();
    if (v === 'OPTIONAL') return ctx.fail('optional', { path });
    return ctx.fail('off', { path });
  },
});
