import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const ARN = 'arn:aws:s3:::city-data';
const denyHttp = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const allowRole = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:role/app' },
  Action: ['s3:GetObject', 's3:PutObject'],
  Resource: `${ARN}/*`,
};
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const bucket = (p: unknown, tags?: Record<string, string>) =>
  testing.makeResource(KINDS.S3Bucket, { bucket: 'city-data', ...(p === undefined ? {} : { policy: p }) }, { tags });

export default testing.defineCases([
  { name: 'Deny when aws:SecureTransport is false', kind: 'pass', subject: () => bucket(policy(allowRole, denyHttp)), expect: 'pass' },
  { name: 'policy as a JSON string', kind: 'pass', subject: () => bucket(JSON.stringify(policy(denyHttp))), expect: 'pass' },
  { name: 'Principal {AWS: "*"} and boolean false', kind: 'pass', subject: () => bucket(policy({ ...denyHttp, Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': false } } })), expect: 'pass' },
  { name: 'Deny below TLS 1.2 (s3:TlsVersion)', kind: 'pass', subject: () => bucket(policy({ ...denyHttp, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })), expect: 'pass' },
  { name: 'policy with allows only', kind: 'fail', subject: () => bucket(policy(allowRole)), expect: 'fail', messageId: 'noDeny', path: 'policy' },
  { name: 'Deny for one role only', kind: 'fail', subject: () => bucket(policy({ ...denyHttp, Principal: { AWS: 'arn:aws:iam::111122223333:role/app' } })), expect: 'fail', messageId: 'noDeny' },
  { name: 'Deny of s3:GetObject only', kind: 'fail', subject: () => bucket(policy({ ...denyHttp, Action: 's3:GetObject' })), expect: 'fail', messageId: 'noDeny' },
  { name: 'Allow (not Deny) with SecureTransport true', kind: 'fail', subject: () => bucket(policy({ ...allowRole, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expect: 'fail', messageId: 'noDeny' },
  { name: 'no bucket policy', kind: 'omitted', subject: () => bucket(undefined), expect: 'fail', messageId: 'noPolicy', path: 'policy' },
  { name: 'policy known after apply', kind: 'unknown', subject: () => bucket(UNKNOWN), expect: 'unknown', path: 'policy' },
  { name: 'policy from a document not in the scan', kind: 'unknown', subject: () => bucket(new Ref('data.aws_iam_policy_document.elsewhere', 'json')), expect: 'unknown', path: 'policy' },
  { name: 'statement list known after apply', kind: 'unknown', subject: () => bucket({ Version: '2012-10-17', Statement: UNKNOWN }), expect: 'unknown', path: 'policy' },
  { name: 'condition value known after apply', kind: 'unknown', subject: () => bucket(policy(allowRole, { ...denyHttp, Condition: { Bool: { 'aws:SecureTransport': UNKNOWN } } })), expect: 'unknown', path: 'policy' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => bucket(undefined, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
]);
