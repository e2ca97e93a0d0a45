import { defineControl, KINDS, isRef, isUnknown, read, asArray, asNumber, type CheckContext, type CheckResult } from '@muniguard/core';

const ALL_PROTOCOLS = new Set(['-1', 'all']);
const PORT_PROTOCOLS = new Map([['tcp', 'tcp'], ['6', 'tcp'], ['udp', 'udp'], ['17', 'udp']]);

/** A CIDR that covers every address (`0.0.0.0/0`, `::/0`). */
function isWorld(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

/** A VPC or subnet CIDR block is at most a /16, never the whole internet. */
const NETWORK_KINDS: readonly string[] = [KINDS.Vpc, KINDS.Subnet];
function isNetworkCidrRef(value: unknown, ctx: CheckContext): boolean {
  if (!isRef(value) || !/cidr_block/.test(value.attribute ?? '')) return false;
  const target = ctx.resolve(value);
  return target !== undefined && NETWORK_KINDS.includes(target.kind);
}

/** A failing result, the path of a value that could not be known, or nothing to report. */
type RuleOutcome = CheckResult | { unknown: string } | undefined;

function checkRule(rule: unknown, i: number, allowed: readonly number[], ctx: CheckContext): RuleOutcome {
  const base = `ingress.${i}`;
  if (isUnknown(rule)) return { unknown: base };
  const r = (rule ?? {}) as Record<string, unknown>;
  let world: string | undefined;
  let maybeWorld: string | undefined;
  for (const field of ['cidrIpv4', 'cidrIpv6'] as const) {
    const raw = r[field];
    const cidrs = isRef(raw) ? raw : asArray(raw);
    if (isUnknown(cidrs) || isRef(cidrs)) { maybeWorld ??= `${base}.${field}`; continue; }
    for (const c of cidrs) {
      if (isUnknown(c) || (isRef(c) && !isNetworkCidrRef(c, ctx))) maybeWorld ??= `${base}.${field}`;
      else if (typeof c === 'string' && isWorld(c)) world ??= c;
    }
  }
  if (!world) return maybeWorld ? { unknown: maybeWorld } : undefined;

  const protocolRaw = r.protocol;
  if (isUnknown(protocolRaw) || isRef(protocolRaw)) return { unknown: `${base}.protocol` };
  const protocol = String(protocolRaw ?? '-1').trim().toLowerCase();
  if (ALL_PROTOCOLS.has(protocol)) {
    return ctx.fail('allTraffic', { path: `${base}.protocol`, data: { cidr: world } });
  }
  const proto = PORT_PROTOCOLS.get(protocol);
  if (!proto) {
    // ICMP and other protocols have no ports, so no allowed port can cover them
    return ctx.fail('publicProtocol', { path: `${base}.protocol`, data: { protocol, cidr: world } });
  }
  for (const key of ['fromPort', 'toPort'] as const) {
    if (isUnknown(r[key]) || isRef(r[key])) return { unknown: `${base}.${key}` };
  }
  const from = asNumber(r.fromPort) as number | undefined;
  const to = asNumber(r.toPort) as number | undefined;
  // a port range left open counts as every port
  const lo = from === undefined || from < 0 ? 0 : from;
  const hi = to === undefined || to < 0 ? 65535 : to;
  const ports = lo === hi ? String(lo) : `${lo}-${hi}`;
  if (hi - lo > allowed.length) return ctx.fail('publicPort', { path: `${base}.fromPort`, data: { protocol: proto, ports, cidr: world } });
  for (let p = lo; p <= hi; p++) {
    if (!allowed.includes(p)) return ctx.fail('publicPort', { path: `${base}.fromPort`, data: { protocol: proto, ports, cidr: world } });
  }
  return undefined;
}

export default defineControl({
  id: 'security-group-no-public-ingress',
  family: 'public-access',
  kinds: [KINDS.SecurityGroup],
  scope: 'resource',
  severity: 'high',
  title: {
    ja: 'セキュリティグループでインターネット全体からの受信を許可しないこと（許可されたポートを除く）',
    en: 'Security groups allow no ingress from the whole internet except on allowed ports',
  },
  summary: {
    ja: 'セキュリティグループの受信ルールが 0.0.0.0/0 や ::/0（インターネット全体）からの通信を、許可されたポート（publicIngressAllowedPorts、既定は 80 と 443）以外で許可していないことを確認します。管理用ポート（SSH、RDP）やデータベースのポートを全世界に開くことは、不正アクセスの主要な入口になります。',
    en: 'Checks that no ingress rule of the security group allows traffic from 0.0.0.0/0 or ::/0 (the whole internet) except on the allowed ports (publicIngressAllowedPorts, by default 80 and 443). Management ports (SSH, RDP) and database ports open to the world are a main way in for attackers.',
  },
  remediation: {
    ja: 'aws_security_group の ingress ブロック（または aws_vpc_security_group_ingress_rule / aws_security_group_rule）の cidr_blocks・ipv6_cidr_blocks（cidr_ipv4・cidr_ipv6）を必要な送信元の範囲に絞るか、from_port・to_port を許可されたポートに限ってください。protocol = "-1"（全通信）を全世界に開かないでください。',
    en: 'Narrow cidr_blocks / ipv6_cidr_blocks (cidr_ipv4 / cidr_ipv6) of the ingress blocks of aws_security_group (or of aws_vpc_security_group_ingress_rule / aws_security_group_rule) to the sources that need access, or limit from_port / to_port to allowed ports. Never open protocol = "-1" (all traffic) to the world.',
  },
  messages: {
    allTraffic: {
      ja: '{{cidr}} からのすべての通信（protocol -1）を許可しています。',
      en: 'All traffic (protocol -1) is allowed from {{cidr}}.',
    },
    publicPort: {
      ja: '{{cidr}} から {{protocol}} ポート {{ports}} への受信を許可しています（許可されたポート以外）。',
      en: 'Ingress from {{cidr}} to {{protocol}} port(s) {{ports}} is allowed, beyond the allowed ports.',
    },
    publicProtocol: {
      ja: '{{cidr}} からプロトコル {{protocol}} の受信を許可しています。',
      en: 'Protocol {{protocol}} is allowed from {{cidr}}.',
    },
  },
  params: {
    publicIngressAllowedPorts: {
      schema: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 65535 }, uniqueItems: true },
      default: [80, 443],
      description: {
        ja: 'インターネット全体（0.0.0.0/0、::/0）からの受信を許可してよいポート。',
        en: 'Ports that may accept ingress from the whole internet (0.0.0.0/0, ::/0).',
      },
      rationale: {
        ja: '本プロジェクトの既定値であり、自治体の基準の記載ではありません。住民向けに公開する Web サービスに必要な HTTPS（443）と、HTTPS へ転送するための HTTP（80）に限っています。',
        en: "The project's default, not a municipality's text: HTTPS (443), which public web services for residents need, and HTTP (80) to redirect to it.",
      },
    },
  },
  check(sg, ctx) {
    const ingress = asArray(read(sg, 'ingress'));
    if (isUnknown(ingress)) return ctx.unknown('ingress');
    const allowed = asArray(ctx.params.publicIngressAllowedPorts) as unknown[];
    const ports = (isUnknown(allowed) ? [] : allowed).map((p) => asNumber(p)).filter((p): p is number => typeof p === 'number');
    let pending: string | undefined;
    for (let i = 0; i < ingress.length; i++) {
      const outcome = checkRule(ingress[i], i, ports, ctx);
      if (outcome && 'unknown' in outcome) pending ??= outcome.unknown;
      else if (outcome) return outcome;
    }
    return pending ? ctx.unknown(pending) : ctx.pass();
  },
});
