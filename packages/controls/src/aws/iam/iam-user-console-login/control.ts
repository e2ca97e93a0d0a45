import { defineControl, flagState, isRef, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 'iam-user-console-login',
  family: 'mfa',
  kinds: [KINDS.IamUser],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: 'IAM ユーザーにコンソールのパスワードを設定しないこと',
    en: 'IAM users have no console password',
  },
  summary: {
    ja: '人がマネジメントコンソールにサインインするときは、IAM Identity Center（SSO）など多要素認証を一元管理できる仕組みを使い、IAM ユーザーにはコンソールのパスワード（ログインプロファイル）を持たせないことを確認します。IAM ユーザーのパスワードは個別に管理され、MFA の設定漏れや退職者のアカウント残存の原因になります。',
    en: 'People should sign in to the console through IAM Identity Center (SSO) or another system that enforces MFA centrally; checks that no IAM user has a console password (login profile). IAM user passwords are managed one by one, which is how missing MFA and accounts of people who left slip through.',
  },
  remediation: {
    ja: 'aws_iam_user_login_profile を削除し、人のサインインは IAM Identity Center（aws_ssoadmin_*）のユーザーと許可セットに移してください。',
    en: 'Remove the aws_iam_user_login_profile and move people\'s sign-in to IAM Identity Center users and permission sets (aws_ssoadmin_*).',
  },
  messages: {
    consolePassword: {
      ja: 'この IAM ユーザーにはコンソールのパスワード（ログインプロファイル）があります。',
      en: 'This IAM user has a console password (login profile).',
    },
  },
  check(user, ctx) {
    const path = 'loginProfile';
    const raw = read(user, path);
    // a login profile given as a reference to its resource exists
    const state = isRef(raw) ? 'on' : flagState(raw);
    if (state === 'unknown') return ctx.unknown(path);
    if (state === 'on') return ctx.fail('consolePassword', { path });
    return ctx.pass();
  },
});
