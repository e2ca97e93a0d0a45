import { defineControl, KINDS, asArray, isRef, isUnknown, read, type CheckResult } from '@muniguard/core';

/**
 * Predefined ELB security policies that negotiate nothing older than TLS 1.2 (ALB and NLB
 * "security policies" tables: TLS 1.2-only, TLS 1.2/1.3 and TLS 1.3-only policies, with their
 * FIPS, post-quantum and RFC 9151 variants). Everything else — ELBSecurityPolicy-2016-08 (the
 * API default), -TLS13-1-0/-1-1-*, -TLS-1-1-*, -FS-2018-06, -FS-1-1-* — still accepts TLS 1.0/1.1.
 */
const TLS12_PLUS_POLICIES: readonly string[] = [
  // TLS 1.3 and 1.2
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  // TLS 1.3 only
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  // TLS 1.2 only
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
  // FIPS
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  // RFC 9151 (CNSA 1.0), FIPS
  'ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07',
];

export default defineControl({
  id: 'lb-listener-tls',
  family: 'encryption',
  kinds: [KINDS.LbListener],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'ロードバランサーのリスナーは TLS 1.2 以上で暗号化すること（HTTP は HTTPS へのリダイレクトのみ）',
    en: 'Load balancer listeners use TLS 1.2 or later; plain HTTP only redirects to HTTPS',
  },
  summary: {
    ja: 'ALB / NLB のリスナーが HTTPS または TLS で、TLS 1.0・1.1 を受け付けないセキュリティポリシーを使っていることを確認します。HTTP リスナーは、すべての既定アクションが HTTPS へのリダイレクトである場合のみ認めます。API や Terraform でポリシーを省略すると TLS 1.0 を許す ELBSecurityPolicy-2016-08 になります。',
    en: 'Checks that ALB / NLB listeners are HTTPS or TLS with a security policy that refuses TLS 1.0 and 1.1. An HTTP listener is accepted only when every default action redirects to HTTPS. Leaving the policy out through the API or Terraform gives ELBSecurityPolicy-2016-08, which allows TLS 1.0.',
  },
  remediation: {
    ja: 'aws_lb_listener を protocol = "HTTPS"（NLB は "TLS"）にして ssl_policy = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" などの TLS 1.2 以上のポリシーを指定してください。HTTP リスナーは default_action { type = "redirect", redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } } だけにします。TLS を後段で終端する TCP リスナーは例外措置として記録してください。',
    en: 'Make aws_lb_listener protocol = "HTTPS" (NLB: "TLS") with a TLS 1.2+ ssl_policy such as "ELBSecurityPolicy-TLS13-1-2-Res-2021-06". Give an HTTP listener only default_action { type = "redirect", redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } }. Record a TCP listener that passes TLS through to its targets as a waiver.',
  },
  params: {
    allowedTlsPolicies: {
      schema: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
      default: TLS12_PLUS_POLICIES,
      description: {
        ja: 'HTTPS / TLS リスナーに認める ELB セキュリティポリシー名',
        en: 'ELB security policy names accepted on HTTPS / TLS listeners',
      },
      rationale: {
        ja: 'TLS 1.0・1.1 は既知の弱点があり主要ブラウザでも無効化されているため、TLS 1.2 以上のみを受け付ける AWS の定義済みポリシーをすべて認めます。',
        en: 'TLS 1.0 and 1.1 have known weaknesses and are disabled in major browsers: every predefined AWS policy that accepts only TLS 1.2 or later is allowed.',
      },
    },
  },
  messages: {
    defaultPolicy: {
      ja: '{{protocol}} リスナー（ポート {{port}}）に ssl_policy が指定されていません。既定の ELBSecurityPolicy-2016-08 は TLS 1.0 を許します。',
      en: 'The {{protocol}} listener (port {{port}}) sets no ssl_policy: the default ELBSecurityPolicy-2016-08 allows TLS 1.0.',
    },
    weakPolicy: {
      ja: 'セキュリティポリシー {{policy}} は認められたポリシー（allowedTlsPolicies。既定は TLS 1.2 以上のみのポリシー）にありません。',
      en: 'Security policy {{policy}} is not one of the accepted policies (allowedTlsPolicies; by default those allowing only TLS 1.2 or later).',
    },
    plainHttp: {
      ja: 'HTTP リスナー（ポート {{port}}）が HTTPS へのリダイレクト以外のアクション（{{action}}）で平文の通信を受け付けます。',
      en: 'The HTTP listener (port {{port}}) serves plain traffic with a {{action}} action instead of redirecting to HTTPS.',
    },
    redirectNotHttps: {
      ja: 'HTTP リスナー（ポート {{port}}）のリダイレクト先のプロトコルが HTTPS ではありません（{{target}}）。',
      en: 'The HTTP listener (port {{port}}) redirects to {{target}}, not HTTPS.',
    },
    notTls: {
      ja: '{{protocol}} リスナー（ポート {{port}}）はロードバランサーで暗号化しません。TLS をターゲットで終端している場合は例外措置として記録してください。',
      en: 'The {{protocol}} listener (port {{port}}) does not encrypt at the load balancer. If TLS passes through to the targets, record that as a waiver.',
    },
  },
  check(listener, ctx) {
    const port = read(listener, 'port');
    const portText = typeof port === 'number' || typeof port === 'string' ? String(port) : '-';
    let protocol = read(listener, 'protocol');
    if (isUnknown(protocol) || isRef(protocol)) return ctx.unknown('protocol');
    if (protocol === undefined || protocol === null || protocol === '') {
      // Gateway Load Balancer listeners have neither protocol nor port (GENEVE to appliances)
      if (port === undefined || port === null) return ctx.notApplicable();
      protocol = 'HTTP'; // the ALB default
    }
    const p = String(protocol).toUpperCase();

    if (p === 'GENEVE') return ctx.notApplicable();
    if (p === 'QUIC') return ctx.pass(); // QUIC v1 always runs TLS 1.3, end to end
    if (p === 'HTTPS' || p === 'TLS') {
      const policy = read(listener, 'sslPolicy');
      if (isUnknown(policy) || isRef(policy)) return ctx.unknown('sslPolicy');
      if (policy === undefined || policy === null || policy === '') {
        return ctx.fail('defaultPolicy', { path: 'sslPolicy', data: { protocol: p, port: portText } });
      }
      const allowed = ctx.params.allowedTlsPolicies as string[];
      if (allowed.includes(String(policy))) return ctx.pass();
      return ctx.fail('weakPolicy', { path: 'sslPolicy', data: { policy: String(policy) } });
    }
    // TCP, UDP, TCP_UDP, TCP_QUIC: the load balancer does not encrypt (TLS may only pass through)
    if (p !== 'HTTP') return ctx.fail('notTls', { path: 'protocol', data: { protocol: p, port: portText } });

    // HTTP: acceptable only when every default action redirects to HTTPS
    const actions = asArray(read(listener, 'defaultActions'));
    if (isUnknown(actions)) return ctx.unknown('defaultActions');
    if (actions.length === 0) return ctx.fail('plainHttp', { path: 'defaultActions', data: { port: portText, action: '-' } });
    let undecided: CheckResult | undefined;
    for (const [i, action] of actions.entries()) {
      if (isUnknown(action)) {
        undecided ??= ctx.unknown(`defaultActions.${i}`);
        continue;
      }
      const a = (action ?? {}) as Record<string, unknown>;
      if (isUnknown(a.type) || isRef(a.type)) {
        undecided ??= ctx.unknown(`defaultActions.${i}.type`);
        continue;
      }
      if (a.type !== 'redirect') {
        return ctx.fail('plainHttp', { path: `defaultActions.${i}.type`, data: { port: portText, action: String(a.type ?? '-') } });
      }
      const target = a.redirectProtocol;
      if (isUnknown(target) || isRef(target)) {
        undecided ??= ctx.unknown(`defaultActions.${i}.redirectProtocol`);
        continue;
      }
      if (typeof target !== 'string' || target.toUpperCase() !== 'HTTPS') {
        // omitted = "#{protocol}": the redirect keeps HTTP
        return ctx.fail('redirectNotHttps', {
          path: `defaultActions.${i}.redirectProtocol`,
          data: { port: portText, target: typeof target === 'string' ? target : '#{protocol} (HTTP)' },
        });
      }
    }
    return undecided ?? ctx.pass();
  },
});
