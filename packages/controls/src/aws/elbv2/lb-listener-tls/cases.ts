import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const forward = { type: 'forward' };
const toHttps = { type: 'redirect', redirectProtocol: 'HTTPS' };
const listener = (props: Record<string, unknown>) =>
  testing.makeResource(KINDS.LbListener, props, { tags: {} });
const https = (props: Record<string, unknown> = {}) =>
  listener({ protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', defaultActions: [forward], ...props });
const http = (defaultActions: unknown) => listener({ protocol: 'HTTP', port: 80, defaultActions });

export default testing.defineCases([
  { name: 'HTTPS with a TLS 1.2/1.3 policy', kind: 'pass', subject: () => https(), expect: 'pass' },
  { name: 'HTTPS with a FIPS TLS 1.3 policy', kind: 'pass', subject: () => https({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04' }), expect: 'pass' },
  { name: 'NLB TLS listener with TLS-1-2-2017-01', kind: 'pass', subject: () => https({ protocol: 'TLS', sslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01' }), expect: 'pass' },
  { name: 'HTTP redirecting to HTTPS', kind: 'pass', subject: () => http([toHttps]), expect: 'pass' },
  { name: 'lower-case protocol names', kind: 'pass', subject: () => listener({ protocol: 'http', port: 80, defaultActions: [{ type: 'redirect', redirectProtocol: 'https' }] }), expect: 'pass' },
  { name: 'a policy list set by the profile', kind: 'pass', subject: () => https({ sslPolicy: 'ELBSecurityPolicy-2016-08' }), params: { allowedTlsPolicies: ['ELBSecurityPolicy-2016-08'] }, expect: 'pass' },
  { name: 'NLB QUIC listener (always TLS 1.3)', kind: 'pass', subject: () => listener({ protocol: 'QUIC', port: 443, defaultActions: [forward] }), expect: 'pass' },
  { name: 'HTTPS with ELBSecurityPolicy-2016-08 (TLS 1.0)', kind: 'fail', subject: () => https({ sslPolicy: 'ELBSecurityPolicy-2016-08' }), expect: 'fail', messageId: 'weakPolicy', path: 'sslPolicy' },
  { name: 'HTTPS with TLS13-1-0 (TLS 1.0 allowed despite the name)', kind: 'fail', subject: () => https({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' }), expect: 'fail', messageId: 'weakPolicy', path: 'sslPolicy' },
  { name: 'HTTP forwarding to targets', kind: 'fail', subject: () => http([forward]), expect: 'fail', messageId: 'plainHttp', path: 'defaultActions.0.type' },
  { name: 'HTTP redirect that keeps HTTP', kind: 'fail', subject: () => http([{ type: 'redirect', redirectProtocol: 'HTTP' }]), expect: 'fail', messageId: 'redirectNotHttps', path: 'defaultActions.0.redirectProtocol' },
  { name: 'HTTP fixed response', kind: 'fail', subject: () => http([{ type: 'fixed-response' }]), expect: 'fail', messageId: 'plainHttp' },
  { name: 'NLB TCP listener', kind: 'fail', subject: () => listener({ protocol: 'TCP', port: 5432, defaultActions: [forward] }), expect: 'fail', messageId: 'notTls', path: 'protocol' },
  { name: 'definite forward beats an unknown action', kind: 'fail', subject: () => http([UNKNOWN, forward]), expect: 'fail', messageId: 'plainHttp', path: 'defaultActions.1.type' },
  { name: 'HTTPS without ssl_policy (API default 2016-08)', kind: 'omitted', subject: () => https({ sslPolicy: undefined }), expect: 'fail', messageId: 'defaultPolicy', path: 'sslPolicy' },
  { name: 'protocol omitted on an ALB listener (HTTP)', kind: 'omitted', subject: () => listener({ port: 80, defaultActions: [forward] }), expect: 'fail', messageId: 'plainHttp' },
  { name: 'redirect without a protocol (#{protocol})', kind: 'omitted', subject: () => http([{ type: 'redirect' }]), expect: 'fail', messageId: 'redirectNotHttps', path: 'defaultActions.0.redirectProtocol' },
  { name: 'HTTP without default actions', kind: 'omitted', subject: () => http([]), expect: 'fail', messageId: 'plainHttp', path: 'defaultActions' },
  { name: 'ssl_policy known after apply', kind: 'unknown', subject: () => https({ sslPolicy: UNKNOWN }), expect: 'unknown', path: 'sslPolicy' },
  { name: 'protocol known after apply', kind: 'unknown', subject: () => https({ protocol: UNKNOWN }), expect: 'unknown', path: 'protocol' },
  { name: 'redirect protocol from another resource', kind: 'unknown', subject: () => http([{ type: 'redirect', redirectProtocol: new Ref('terraform_data.lb', 'output') }]), expect: 'unknown', path: 'defaultActions.0.redirectProtocol' },
  { name: 'default actions known after apply', kind: 'unknown', subject: () => http(UNKNOWN), expect: 'unknown', path: 'defaultActions' },
  { name: 'Gateway Load Balancer listener (no protocol, no port)', kind: 'not-applicable', subject: () => listener({ defaultActions: [forward] }), expect: 'not-applicable' },
  { name: 'GENEVE listener', kind: 'not-applicable', subject: () => listener({ protocol: 'GENEVE', port: 6081, defaultActions: [forward] }), expect: 'not-applicable' },
]);
