import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
const adminDoc = (condition?: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', ...(condition ? { Condition: condition } : {}) }] });
const forceMfa = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyAllWithoutMfa', Effect: 'Deny', NotAction: ['iam:ChangePassword', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }],
};
const trust = (principal: unknown, condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
});
const ACCOUNT = { AWS: 'arn:aws:iam::111122223333:root' };

const global = { tags: {}, region: null } as const;
const role = (props: Record<string, unknown>) =>
  testing.makeResource(KINDS.IamRole, { name: 'admin', assumeRolePolicy: trust(ACCOUNT, MFA), managedPolicyArns: [ADMIN_ARN], inlinePolicies: [], ...props }, { ...global });
const user = (props: Record<string, unknown>) =>
  testing.makeResource(KINDS.IamUser, { name: 'alice', managedPolicyArns: [ADMIN_ARN], inlinePolicies: [forceMfa], groups: [], ...props }, { ...global, id: 'aws_iam_user.alice' });
const group = (props: Record<string, unknown>, id = 'aws_iam_group.admins') =>
  testing.makeResource(KINDS.IamGroup, { name: 'admins', managedPolicyArns: [ADMIN_ARN], inlinePolicies: [], ...props }, { ...global, id });
const policy = (policyDocument: unknown) => testing.makeResource(KINDS.IamManagedPolicy, { name: 'everything', policyDocument }, { ...global, id: 'aws_iam_policy.everything' });

export default testing.defineCases([
  // roles
  { name: 'admin role people assume with MFA', kind: 'pass', subject: () => role({}), expect: 'pass' },
  { name: 'admin role with a force-MFA deny', kind: 'pass', subject: () => role({ assumeRolePolicy: trust(ACCOUNT), inlinePolicies: [forceMfa] }), expect: 'pass' },
  { name: 'admin grant itself conditioned on MFA', kind: 'pass', subject: () => role({ assumeRolePolicy: trust(ACCOUNT), managedPolicyArns: [], inlinePolicies: [adminDoc(MFA)] }), expect: 'pass' },
  { name: 'admin role the account can assume without MFA', kind: 'fail', subject: () => role({ assumeRolePolicy: trust(ACCOUNT, { StringEquals: { 'aws:PrincipalTag/team': 'ops' } }) }), expect: 'fail', messageId: 'trustWithoutMfa', path: 'assumeRolePolicy' },
  {
    name: 'admin through a customer policy of the stack, assumable by a user of the stack',
    kind: 'fail',
    subject: () => role({ assumeRolePolicy: trust({ AWS: [new Ref('aws_iam_user.alice', 'arn')] }), managedPolicyArns: [new Ref('aws_iam_policy.everything', 'arn')] }),
    others: () => [policy(JSON.stringify(adminDoc())), user({})],
    expect: 'fail',
    messageId: 'trustWithoutMfa',
    path: 'assumeRolePolicy',
  },
  { name: 'admin inline policy, anyone may assume ("*")', kind: 'fail', subject: () => role({ assumeRolePolicy: trust('*'), managedPolicyArns: [], inlinePolicies: [adminDoc()] }), expect: 'fail', messageId: 'trustWithoutMfa' },
  { name: 'trust statement with no Condition at all', kind: 'omitted', subject: () => role({ assumeRolePolicy: trust(ACCOUNT) }), expect: 'fail', messageId: 'trustWithoutMfa', path: 'assumeRolePolicy' },
  { name: 'trust policy known after apply', kind: 'unknown', subject: () => role({ assumeRolePolicy: UNKNOWN }), expect: 'unknown', path: 'assumeRolePolicy' },
  {
    name: 'customer policy whose document is known after apply',
    kind: 'unknown',
    subject: () => role({ assumeRolePolicy: trust(ACCOUNT), managedPolicyArns: [new Ref('aws_iam_policy.everything', 'arn')] }),
    others: () => [policy(UNKNOWN)],
    expect: 'unknown',
    path: 'managedPolicyArns',
  },
  { name: 'customer policy outside the scan', kind: 'unknown', subject: () => role({ assumeRolePolicy: trust(ACCOUNT), managedPolicyArns: ['arn:aws:iam::111122223333:policy/ops'] }), expect: 'unknown', path: 'managedPolicyArns' },
  { name: 'admin role for an AWS service', kind: 'not-applicable', subject: () => role({ assumeRolePolicy: trust({ Service: 'ec2.amazonaws.com' }) }), expect: 'not-applicable' },
  { name: 'admin role for SAML federation (the IdP does MFA)', kind: 'not-applicable', subject: () => role({ assumeRolePolicy: { Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/idp' }, Action: 'sts:AssumeRoleWithSAML' }] } }), expect: 'not-applicable' },
  { name: 'admin role assumed from another role', kind: 'not-applicable', subject: () => role({ assumeRolePolicy: trust({ AWS: 'arn:aws:iam::111122223333:role/ci' }) }), expect: 'not-applicable' },
  { name: 'read-only role the account can assume without MFA', kind: 'not-applicable', subject: () => role({ assumeRolePolicy: trust(ACCOUNT), managedPolicyArns: [READ_ONLY_ARN] }), expect: 'not-applicable' },
  { name: 'unseen customer policy on a service role', kind: 'not-applicable', subject: () => role({ assumeRolePolicy: trust({ Service: 'lambda.amazonaws.com' }), managedPolicyArns: ['arn:aws:iam::111122223333:policy/ops'] }), expect: 'not-applicable' },
  // users
  { name: 'admin user with a force-MFA deny', kind: 'pass', subject: () => user({}), expect: 'pass' },
  { name: 'admin user whose group holds the force-MFA deny', kind: 'pass', subject: () => user({ inlinePolicies: [], groups: [new Ref('aws_iam_group.mfa', 'name')] }), others: () => [group({ managedPolicyArns: [], inlinePolicies: [forceMfa] }, 'aws_iam_group.mfa')], expect: 'pass' },
  { name: 'admin user without MFA', kind: 'fail', subject: () => user({ inlinePolicies: [] }), expect: 'fail', messageId: 'adminWithoutMfa', path: 'managedPolicyArns' },
  { name: 'user in an admin group without MFA', kind: 'fail', subject: () => user({ managedPolicyArns: [], inlinePolicies: [], groups: [new Ref('aws_iam_group.admins', 'name')] }), others: () => [group({})], expect: 'fail', messageId: 'adminWithoutMfa', path: 'groups' },
  { name: 'inline admin statement without a Condition', kind: 'omitted', subject: () => user({ managedPolicyArns: [], inlinePolicies: [adminDoc()] }), expect: 'fail', messageId: 'adminWithoutMfa', path: 'inlinePolicies' },
  { name: 'admin user, another inline policy known after apply', kind: 'unknown', subject: () => user({ inlinePolicies: [UNKNOWN] }), expect: 'unknown', path: 'inlinePolicies' },
  { name: 'user without admin access', kind: 'not-applicable', subject: () => user({ managedPolicyArns: [READ_ONLY_ARN], inlinePolicies: [] }), expect: 'not-applicable' },
  // groups
  { name: 'admin group with a force-MFA deny', kind: 'pass', subject: () => group({ inlinePolicies: [forceMfa] }), expect: 'pass' },
  { name: 'admin group without MFA', kind: 'fail', subject: () => group({}), expect: 'fail', messageId: 'adminWithoutMfa', path: 'managedPolicyArns' },
]);
