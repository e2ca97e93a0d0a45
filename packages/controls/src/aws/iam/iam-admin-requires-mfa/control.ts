import {
  asArray, defineControl, deniesWithoutMfa, isRef, isUnknown, KINDS, parsePolicy, read, statementRequiresMfa,
  type CheckContext, type CheckResult, type PolicyDocument, type Resource, type Statement,
} from '@muniguard/core';

const ADMIN_MANAGED = /:policy\/AdministratorAccess$/;
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

/** What a principal's policies (and, for a user, its groups' policies) say about admin access and MFA. */
interface Grants {
  /** admin-granting policies without an MFA condition: [path, label] */
  unprotected: [string, string][];
  /** some admin-granting statement requires MFA */
  protectedAdmin: boolean;
  /** a Deny of everything without MFA ("force MFA") */
  deny: boolean;
  /** properties whose policies are not known at scan time */
  unknown: string[];
}

const isAdminStatement = (s: Statement) => s.effect === 'Allow' && s.actions.some((a) => a === '*' || a === '*:*') && s.resources.includes('*');

function addDocument(g: Grants, doc: PolicyDocument, path: string, label: string) {
  for (const s of doc.statements) {
    if (!isAdminStatement(s)) continue;
    if (statementRequiresMfa(s)) g.protectedAdmin = true;
    else if (!g.unprotected.some(([p, l]) => p === path && l === label)) g.unprotected.push([path, label]);
  }
  if (deniesWithoutMfa(doc)) g.deny = true;
}

function addDocumentValue(g: Grants, value: unknown, path: string, label: string) {
  const doc = parsePolicy(value);
  if (isUnknown(doc)) g.unknown.push(path);
  else if (doc) addDocument(g, doc, path, label);
}

/** managedPolicyArns and inlinePolicies of one principal; `path` is where they show on the principal checked. */
function addPolicies(g: Grants, owner: Resource, ctx: CheckContext, pathOverride?: string) {
  const managedPath = pathOverride ?? 'managedPolicyArns';
  const managed = asArray(read(owner, 'managedPolicyArns'));
  if (isUnknown(managed)) g.unknown.push(managedPath);
  else
    for (const arn of managed) {
      if (isUnknown(arn)) {
        g.unknown.push(managedPath);
        continue;
      }
      const policy = ctx.resolve(arn, [KINDS.IamManagedPolicy]);
      if (policy?.kind === KINDS.IamManagedPolicy) {
        addDocumentValue(g, read(policy, 'policyDocument'), managedPath, policy.source.address);
      } else if (typeof arn === 'string' && ADMIN_MANAGED.test(arn)) {
        g.unprotected.push([managedPath, arn]);
      } else if (isRef(arn) || (typeof arn === 'string' && !AWS_MANAGED.test(arn))) {
        // a customer policy that is not in the scan: what it grants cannot be seen
        g.unknown.push(managedPath);
      }
    }
  const inlinePath = pathOverride ?? 'inlinePolicies';
  const inline = asArray(read(owner, 'inlinePolicies'));
  if (isUnknown(inline)) g.unknown.push(inlinePath);
  else inline.forEach((doc, i) => addDocumentValue(g, doc, inlinePath, pathOverride ? `${owner.source.address} inlinePolicies.${i}` : `inlinePolicies.${i}`));
}

function grantsOf(principal: Resource, ctx: CheckContext): Grants {
  const g: Grants = { unprotected: [], protectedAdmin: false, deny: false, unknown: [] };
  addPolicies(g, principal, ctx);
  if (principal.kind === KINDS.IamUser) {
    const groups = asArray(read(principal, 'groups'));
    if (isUnknown(groups)) g.unknown.push('groups');
    else
      for (const ref of groups) {
        if (isUnknown(ref)) {
          g.unknown.push('groups');
          continue;
        }
        const group = ctx.resolve(ref, [KINDS.IamGroup]);
        if (group?.kind === KINDS.IamGroup) addPolicies(g, group, ctx, 'groups');
        else if (isRef(ref)) g.unknown.push('groups');
        // a literal group name outside the scan: that group is checked where it is defined
      }
  }
  return g;
}

type PrincipalClass = 'human' | 'role' | 'federated' | 'service' | 'unknown';

function classify(type: string, value: unknown, ctx: CheckContext): PrincipalClass {
  if (type === 'Federated') return 'federated';
  if (type === 'Service') return 'service';
  if (isUnknown(value)) return 'unknown';
  if (isRef(value)) {
    const target = ctx.resolve(value, [KINDS.IamUser, KINDS.IamRole]);
    if (target?.kind === KINDS.IamUser) return 'human';
    if (target?.kind === KINDS.IamRole) return 'role';
    return 'unknown';
  }
  const v = String(value);
  if (/:(assumed-)?role\//.test(v)) return 'role';
  // '*', an account id or root (any user of that account), a user ARN, anything else: a person may be behind it
  return 'human';
}

const principalLabel = (v: unknown) => (isRef(v) ? v.address : String(v));

/**
 * The principals of each statement as written, by type. Read from the raw document because a
 * principal may be a Ref to a user or role of the scan (the parsed statement keeps strings only).
 */
function rawPrincipals(value: unknown, index: number): [string, unknown[]][] | 'unknown' {
  let doc = value;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return 'unknown';
    }
  }
  const raw = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).Statement : undefined;
  const statement = (Array.isArray(raw) ? raw : [raw])[index];
  const p = statement && typeof statement === 'object' ? (statement as Record<string, unknown>).Principal : undefined;
  if (isUnknown(p) || isRef(p)) return 'unknown';
  if (p === '*') return [['AWS', ['*']]];
  if (!p || typeof p !== 'object') return [];
  return Object.entries(p as Record<string, unknown>).map(([type, v]) => [type, isUnknown(v) ? [v] : Array.isArray(v) ? v : [v]]);
}

function checkRole(role: Resource, g: Grants, ctx: CheckContext): CheckResult {
  const raw = read(role, 'assumeRolePolicy');
  const trust = parsePolicy(raw);
  if (isUnknown(trust)) return ctx.unknown('assumeRolePolicy');
  const open: string[] = []; // human principals that may assume the role without MFA
  const classes = new Set<PrincipalClass>();
  let unknownPrincipal = false;
  (trust?.statements ?? []).forEach((statement, i) => {
    if (statement.effect !== 'Allow') return;
    const principals = rawPrincipals(raw, i);
    const mfa = statementRequiresMfa(statement);
    if (principals === 'unknown') {
      classes.add('unknown');
      if (!mfa) unknownPrincipal = true;
      return;
    }
    for (const [type, values] of principals) {
      for (const value of values) {
        const c = classify(type, value, ctx);
        classes.add(c);
        if (mfa) continue;
        if (c === 'unknown') unknownPrincipal = true;
        else if (c === 'human') open.push(principalLabel(value));
      }
    }
  });
  if (open.length) {
    // an unknown policy of the role might still be the admin grant, or hold the force-MFA deny
    if (g.unknown.length) return ctx.unknown(g.unknown[0]);
    return ctx.fail('trustWithoutMfa', { path: 'assumeRolePolicy', data: { principals: open, policy: g.unprotected[0][1] } });
  }
  if (unknownPrincipal) return ctx.unknown('assumeRolePolicy');
  // every person (or principal not known yet) must sign in with MFA to assume it
  if (classes.has('human') || classes.has('unknown')) return ctx.pass();
  if (classes.has('federated')) return ctx.notApplicable('federated');
  if (classes.has('role')) return ctx.notApplicable('roleChain');
  if (classes.has('service')) return ctx.notApplicable('service');
  return ctx.notApplicable('noTrust');
}

function check(principal: Resource, ctx: CheckContext): CheckResult {
  const g = grantsOf(principal, ctx);
  const admin = g.unprotected.length > 0 || g.protectedAdmin;
  if (g.deny) return admin ? ctx.pass() : ctx.notApplicable('notAdmin');
  if (!admin && g.unknown.length === 0) return ctx.notApplicable('notAdmin');
  if (g.unprotected.length === 0 && g.unknown.length === 0) return ctx.pass(); // every admin statement requires MFA
  if (principal.kind === KINDS.IamRole) return checkRole(principal, g, ctx);
  // users and groups: an unknown policy might still hold the force-MFA deny
  if (g.unknown.length) return ctx.unknown(g.unknown[0]);
  const [path, policy] = g.unprotected[0];
  return ctx.fail('adminWithoutMfa', { path, data: { policy } });
}

export default defineControl({
  id: 'iam-admin-requires-mfa',
  family: 'mfa',
  kinds: [KINDS.IamRole, KINDS.IamUser, KINDS.IamGroup],
  scope: 'resource',
  severity: 'critical',
  title: {
    ja: '人が使う管理者権限には多要素認証を必須にすること',
    en: 'Administrative access used by people requires MFA',
  },
  summary: {
    ja: '管理者権限（AdministratorAccess、またはすべての操作をすべてのリソースに許可するポリシー）を持つ IAM ユーザー・グループ・ロールについて、人が使う場合に aws:MultiFactorAuthPresent による多要素認証が条件になっていることを確認します。ロールは信頼ポリシーで人（アカウント・IAM ユーザー）に引き受けを許す文に MFA 条件を求めます。SAML / OIDC のフェデレーションは ID プロバイダ側で MFA を行うため、AWS サービスが引き受けるロールは人が使わないため、対象外です。',
    en: 'For IAM users, groups and roles with administrative access (AdministratorAccess, or a policy allowing every action on every resource), checks that people can only use it after signing in with MFA (aws:MultiFactorAuthPresent). For a role, every trust statement that lets a person (an account, an IAM user) assume it must require MFA. Roles assumed through SAML / OIDC federation (the identity provider does MFA) or by AWS services (no person) are not applicable.',
  },
  remediation: {
    ja: 'ロールの assume_role_policy で、人に引き受けを許す文に condition { test = "Bool", variable = "aws:MultiFactorAuthPresent", values = ["true"] } を追加してください。IAM ユーザー・グループには、MFA がない場合にすべてを拒否するポリシー（BoolIfExists aws:MultiFactorAuthPresent = false で Deny）を付けるか、管理者権限を許可する文に MFA 条件を付けてください。人のサインインは IAM Identity Center に移すのが最善です。',
    en: 'In the role\'s assume_role_policy, add condition { test = "Bool", variable = "aws:MultiFactorAuthPresent", values = ["true"] } to every statement that lets a person assume it. For IAM users and groups, attach a policy that denies everything without MFA (Deny with BoolIfExists aws:MultiFactorAuthPresent = false) or put the MFA condition on the statements granting admin. Best of all, move people\'s sign-in to IAM Identity Center.',
  },
  messages: {
    trustWithoutMfa: {
      ja: '管理者権限（{{policy}}）を持つこのロールを、{{principals}} が MFA なしで引き受けられます。',
      en: '{{principals}} can assume this role, which has administrative access ({{policy}}), without MFA.',
    },
    adminWithoutMfa: {
      ja: '{{policy}} が MFA の条件なしに管理者権限を与えており、MFA がない場合にすべてを拒否するポリシーもありません。',
      en: '{{policy}} grants administrative access without an MFA condition, and no policy denies everything without MFA.',
    },
    notAdmin: { ja: '管理者権限はありません。', en: 'No administrative access.' },
    federated: {
      ja: 'SAML / OIDC のフェデレーションで引き受けるロールです。多要素認証は ID プロバイダ側で行います。',
      en: 'A role assumed through SAML / OIDC federation: the identity provider does MFA.',
    },
    service: {
      ja: 'AWS サービスが引き受けるロールで、人は使いません。',
      en: 'A role assumed by an AWS service, not by a person.',
    },
    noTrust: {
      ja: '信頼ポリシーで引き受けを許されている主体がありません。',
      en: 'The trust policy lets no principal assume the role.',
    },
    roleChain: {
      ja: '別のロールから引き受けるロールです。多要素認証は元のロールを引き受けるときに確認します。',
      en: 'A role assumed from another role: MFA is checked where that first role is assumed.',
    },
  },
  check,
});
