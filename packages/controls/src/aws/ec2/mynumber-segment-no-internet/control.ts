import {
  defineControl, KINDS, DEFAULT_TAG_KEYS, isRef, isUnknown, flagState, arnResourceId, UNKNOWN,
  type CheckContext, type CheckResult, type Resource, type StackResult, type Unknown,
} from '@muniguard/core';

type Role = 'mynumber' | 'other' | 'none' | 'invalid' | Unknown;

/** The role of the segment a resource is tagged with. */
function roleOf(r: Resource, ctx: CheckContext): Role {
  const seg = ctx.segment(r);
  if (isUnknown(seg)) return seg;
  if (seg === undefined) return 'none';
  if (seg === 'invalid') return 'invalid';
  return seg.role === 'mynumber' ? 'mynumber' : 'other';
}

function tagPath(r: Resource, ctx: CheckContext): string {
  const hit = ctx.tag(r, 'networkSegment');
  return isUnknown(hit) ? 'tags' : `tags.${hit?.key ?? DEFAULT_TAG_KEYS.networkSegment}`;
}

/** Findings of one resource: the first failure wins over the first value that could not be known. */
class Outcome {
  private failure?: CheckResult;
  private pending?: CheckResult;
  constructor(private readonly ctx: CheckContext) {}
  fail(messageId: string, options: { path?: string; data?: Record<string, unknown> }) {
    this.failure ??= this.ctx.fail(messageId, options);
  }
  unknown(path: string, messageId?: string, data?: Record<string, unknown>) {
    this.pending ??= this.ctx.unknown(path, messageId, data);
  }
  result(): CheckResult {
    return this.failure ?? this.pending ?? this.ctx.pass();
  }
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export default defineControl({
  id: 'mynumber-segment-no-internet',
  family: 'network-isolation',
  kinds: [KINDS.Vpc, KINDS.Subnet],
  scope: 'stack',
  severity: 'critical',
  title: {
    ja: 'マイナンバー利用事務系のネットワークをインターネットに接続しないこと',
    en: 'My Number (individual-number) segment networks have no path to the internet',
  },
  summary: {
    ja: 'NetworkSegment タグでマイナンバー利用事務系（個人番号利用事務系）とされた VPC とサブネットに、インターネットゲートウェイ、Egress-Only インターネットゲートウェイ、パブリック NAT ゲートウェイ、パブリック IP アドレスのいずれもないことを確認します。三層の対策でこの系統はインターネットから分離することが求められており、インターネットへの経路を作る部品は置けません。',
    en: 'Checks that VPCs and subnets whose NetworkSegment tag marks the My Number (個人番号利用事務系) segment have no internet gateway, egress-only internet gateway, public NAT gateway or public IP address. The three-layer model requires this segment to be separated from the internet, so nothing that opens a path to it may be there.',
  },
  remediation: {
    ja: '該当する VPC から aws_internet_gateway・aws_egress_only_internet_gateway を外し、サブネット内の aws_nat_gateway は connectivity_type = "private" にするか削除してください。aws_subnet の map_public_ip_on_launch と aws_instance の associate_public_ip_address は false にしてください。外部との連携は VPC エンドポイントや閉域接続を使ってください。',
    en: 'Detach aws_internet_gateway and aws_egress_only_internet_gateway from the VPC; make each aws_nat_gateway in its subnets connectivity_type = "private" or remove it; set map_public_ip_on_launch = false on aws_subnet and associate_public_ip_address = false on aws_instance. Reach other systems through VPC endpoints or private connectivity.',
  },
  messages: {
    internetGateway: {
      ja: 'インターネットゲートウェイ {{address}} がこのネットワークの VPC にアタッチされています。',
      en: 'Internet gateway {{address}} is attached to the VPC of this network.',
    },
    egressOnlyGateway: {
      ja: 'Egress-Only インターネットゲートウェイ {{address}} がこのネットワークの VPC にアタッチされています。',
      en: 'Egress-only internet gateway {{address}} is attached to the VPC of this network.',
    },
    natGateway: {
      ja: 'パブリック NAT ゲートウェイ {{address}} がこのサブネットにあります。',
      en: 'Public NAT gateway {{address}} is in this subnet.',
    },
    publicIpOnLaunch: {
      ja: 'サブネットで起動するインスタンスにパブリック IP アドレスが自動で付与されます（map_public_ip_on_launch）。',
      en: 'Instances launched in this subnet get a public IP address automatically (map_public_ip_on_launch).',
    },
    publicInstance: {
      ja: 'インスタンス {{address}} にパブリック IP アドレスが付与されます（associate_public_ip_address）。',
      en: 'Instance {{address}} gets a public IP address (associate_public_ip_address).',
    },
    invalidSegment: {
      ja: 'NetworkSegment タグの値「{{value}}」はプロファイルのネットワーク区分にないため、マイナンバー利用事務系かどうか判定できません。',
      en: 'The NetworkSegment tag value "{{value}}" is not a segment of the profile, so whether this is the My Number segment cannot be told.',
    },
    unattributed: {
      ja: '{{address}} の {{property}} がスキャン時点で確定していないため、このネットワークに属するか判定できません。',
      en: 'Cannot decide: {{property}} of {{address}} is not known at scan time, so it may belong to this network.',
    },
    memberUnknown: {
      ja: 'このサブネットにある {{address}} の {{property}} がスキャン時点で確定していないため、インターネットへの経路になるか判定できません。',
      en: 'Cannot decide: {{property}} of {{address}} in this subnet is not known at scan time, so it may open a path to the internet.',
    },
  },
  checkStack(resources, ctx) {
    // AWS ids (`vpc-…`, `subnet-…` from an ARN) and addresses -> the resource id, built once
    const alias = new Map<string, string>();
    for (const kind of [KINDS.Vpc, KINDS.Subnet]) {
      for (const r of ctx.index.ofKind(kind)) {
        for (const k of [arnResourceId(r.id), arnResourceId(r.props.arn), r.id]) if (k) alias.set(k, r.id);
      }
    }
    const keyOf = (value: unknown, kind: string): string | Unknown | undefined => {
      if (isUnknown(value)) return value;
      if (isRef(value)) return value.address;
      if (typeof value !== 'string' || value.trim() === '') return undefined;
      return alias.get(value) ?? ctx.resolve(value, [kind])?.id ?? value;
    };

    const subnetVpc = new Map<string, string | Unknown | undefined>();
    for (const s of ctx.index.ofKind(KINDS.Subnet)) subnetVpc.set(s.id, keyOf(s.props.vpcId, KINDS.Vpc));

    // gateways by VPC; public NAT gateways and public instances by subnet; those whose link is unknown aside
    const gateways = new Map<string, { gw: Resource; messageId: string }[]>();
    const floatingGateways: Resource[] = [];
    for (const [kind, messageId] of [[KINDS.InternetGateway, 'internetGateway'], [KINDS.EgressOnlyInternetGateway, 'egressOnlyGateway']] as const) {
      for (const gw of ctx.index.ofKind(kind)) {
        const vpc = keyOf(gw.props.vpcId, KINDS.Vpc);
        if (isUnknown(vpc)) floatingGateways.push(gw);
        else if (vpc) push(gateways, vpc, { gw, messageId });
      }
    }
    const bySubnet = new Map<string, Resource[]>();
    const floatingInSubnets: Resource[] = [];
    for (const kind of [KINDS.NatGateway, KINDS.Instance]) {
      for (const r of ctx.index.ofKind(kind)) {
        const subnet = keyOf(r.props.subnetId, KINDS.Subnet);
        if (isUnknown(subnet)) {
          // with its subnet unknown, an instance matters only when it certainly gets a public IP (one without
          // subnet_id lands in the default VPC); a NAT gateway unless it is certainly private
          const certain = kind === KINDS.NatGateway ? r.props.connectivityType !== 'private' : flagState(r.props.associatePublicIpAddress) === 'on';
          if (certain) floatingInSubnets.push(r);
        } else if (subnet) push(bySubnet, subnet, r);
      }
    }

    const checkGateways = (v: Outcome, vpc: string | Unknown | undefined) => {
      if (isUnknown(vpc)) return v.unknown('vpcId');
      for (const { gw, messageId } of (vpc && gateways.get(vpc)) || []) v.fail(messageId, { data: { address: gw.source.address } });
      const gw = floatingGateways[0];
      if (gw) v.unknown('vpcId', 'unattributed', { address: gw.source.address, property: 'vpcId' });
    };

    const checkSubnet = (v: Outcome, subnet: Resource) => {
      // map_public_ip_on_launch defaults to false
      const mapIp = flagState(subnet.props.mapPublicIpOnLaunch);
      if (mapIp === 'unknown') v.unknown('mapPublicIpOnLaunch');
      else if (mapIp === 'on') v.fail('publicIpOnLaunch', { path: 'mapPublicIpOnLaunch' });
      for (const r of bySubnet.get(subnet.id) ?? []) {
        const data = { address: r.source.address };
        if (r.kind === KINDS.NatGateway) {
          // connectivity_type defaults to public
          const type = r.props.connectivityType;
          if (isUnknown(type) || isRef(type)) v.unknown('connectivityType', 'memberUnknown', { ...data, property: 'connectivityType' });
          else if (type !== 'private') v.fail('natGateway', { data });
        } else {
          const ip = flagState(r.props.associatePublicIpAddress);
          if (ip === 'unknown') v.unknown('associatePublicIpAddress', 'memberUnknown', { ...data, property: 'associatePublicIpAddress' });
          else if (ip === 'on') v.fail('publicInstance', { data });
        }
      }
      const floating = floatingInSubnets[0];
      if (floating) v.unknown('subnetId', 'unattributed', { address: floating.source.address, property: 'subnetId' });
    };

    const out: StackResult[] = [];
    for (const r of resources) {
      const v = new Outcome(ctx);
      const own = roleOf(r, ctx);
      if (r.kind === KINDS.Vpc) {
        if (isUnknown(own)) out.push({ resource: r, result: ctx.unknown(tagPath(r, ctx)) });
        else if (own === 'invalid') out.push({ resource: r, result: invalid(r, ctx) });
        else if (own !== 'mynumber') out.push({ resource: r, result: ctx.notApplicable() });
        else {
          checkGateways(v, r.id);
          out.push({ resource: r, result: v.result() });
        }
        continue;
      }
      // a subnet belongs to the segment by its own tag or by its VPC's
      const vpcKey = subnetVpc.get(r.id);
      const vpc = typeof vpcKey === 'string' ? ctx.index.byId.get(vpcKey) : undefined;
      const vpcRole: Role = vpc ? roleOf(vpc, ctx) : isUnknown(vpcKey) ? UNKNOWN : 'none';
      if (own !== 'mynumber' && vpcRole !== 'mynumber') {
        if (isUnknown(own)) out.push({ resource: r, result: ctx.unknown(tagPath(r, ctx)) });
        else if (isUnknown(vpcRole)) out.push({ resource: r, result: ctx.unknown('vpcId') });
        else if (own === 'invalid') out.push({ resource: r, result: invalid(r, ctx) });
        else out.push({ resource: r, result: ctx.notApplicable() });
        continue;
      }
      // the gateways of a My Number VPC are reported on the VPC itself
      if (vpcRole !== 'mynumber') checkGateways(v, vpcKey);
      checkSubnet(v, r);
      out.push({ resource: r, result: v.result() });
    }
    return out;
  },
});

function invalid(r: Resource, ctx: CheckContext): CheckResult {
  const hit = ctx.tag(r, 'networkSegment');
  const value = hit && !isUnknown(hit) ? hit.value : undefined;
  return ctx.fail('invalidSegment', { path: tagPath(r, ctx), data: { value } });
}
