import { KINDS, Ref, UNKNOWN, testing, type Tags } from '@muniguard/core';

const MYNUMBER = { NetworkSegment: 'マイナンバー利用事務系' };
const VPC = 'aws_vpc.main';
const SUBNET = 'aws_subnet.app';
const vpcRef = () => new Ref(VPC, 'id');
const subnetRef = () => new Ref(SUBNET, 'id');

const vpc = (tags: Tags | typeof UNKNOWN = MYNUMBER) => testing.makeResource(KINDS.Vpc, { cidrBlock: '10.10.0.0/16' }, { id: VPC, tags });
const subnet = (props: Record<string, unknown> = {}, tags: Tags | typeof UNKNOWN = {}) =>
  testing.makeResource(KINDS.Subnet, { vpcId: vpcRef(), mapPublicIpOnLaunch: false, ...props }, { id: SUBNET, tags });
const igw = (vpcId: unknown = vpcRef()) => testing.makeResource(KINDS.InternetGateway, { vpcId }, { id: 'aws_internet_gateway.gw', tags: {} });
const eigw = () => testing.makeResource(KINDS.EgressOnlyInternetGateway, { vpcId: vpcRef() }, { id: 'aws_egress_only_internet_gateway.gw', tags: {} });
const nat = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.NatGateway, { subnetId: subnetRef(), ...props }, { id: 'aws_nat_gateway.nat', tags: {} });
const instance = (props: Record<string, unknown>) => testing.makeResource(KINDS.Instance, { subnetId: subnetRef(), ...props }, { id: 'aws_instance.app', tags: {} });

export default testing.defineCases([
  { name: 'My Number VPC without gateways', kind: 'pass', subject: () => vpc(), others: () => [subnet()], expect: 'pass' },
  { name: 'subnet of a My Number VPC with a private NAT gateway and a private instance', kind: 'pass', subject: () => subnet(), others: () => [vpc(), nat({ connectivityType: 'private' }), instance({ associatePublicIpAddress: false })], expect: 'pass' },
  { name: 'alias tag value (mynumber)', kind: 'pass', subject: () => vpc({ NetworkSegment: 'mynumber' }), expect: 'pass' },
  { name: 'an internet gateway on another VPC does not matter', kind: 'pass', subject: () => vpc(), others: () => [igw(new Ref('aws_vpc.internet', 'id')), testing.makeResource(KINDS.Vpc, {}, { id: 'aws_vpc.internet', tags: { NetworkSegment: 'インターネット接続系' } })], expect: 'pass' },

  { name: 'My Number VPC with an internet gateway', kind: 'fail', subject: () => vpc(), others: () => [igw()], expect: 'fail', messageId: 'internetGateway' },
  { name: 'My Number VPC with an egress-only internet gateway', kind: 'fail', subject: () => vpc(), others: () => [eigw()], expect: 'fail', messageId: 'egressOnlyGateway' },
  { name: 'internet gateway found through a literal VPC id', kind: 'fail', subject: () => testing.makeResource(KINDS.Vpc, {}, { id: 'arn:aws:ec2:ap-northeast-1:111122223333:vpc/vpc-0abc', tags: MYNUMBER }), others: () => [igw('vpc-0abc')], expect: 'fail', messageId: 'internetGateway' },
  { name: 'subnet of a My Number VPC with a public NAT gateway', kind: 'fail', subject: () => subnet(), others: () => [vpc(), nat({ connectivityType: 'public' })], expect: 'fail', messageId: 'natGateway' },
  { name: 'subnet of a My Number VPC mapping public IPs', kind: 'fail', subject: () => subnet({ mapPublicIpOnLaunch: true }), others: () => [vpc()], expect: 'fail', messageId: 'publicIpOnLaunch', path: 'mapPublicIpOnLaunch' },
  { name: 'instance with a public IP in a My Number subnet', kind: 'fail', subject: () => subnet({}, MYNUMBER), others: () => [vpc({}), instance({ associatePublicIpAddress: true })], expect: 'fail', messageId: 'publicInstance' },
  { name: 'My Number subnet in an untagged VPC that has an internet gateway', kind: 'fail', subject: () => subnet({}, MYNUMBER), others: () => [vpc({}), igw()], expect: 'fail', messageId: 'internetGateway' },
  { name: 'NetworkSegment value outside the profile', kind: 'fail', subject: () => vpc({ NetworkSegment: 'マイナンバー系' }), expect: 'fail', messageId: 'invalidSegment', path: 'tags.NetworkSegment' },

  { name: 'NAT gateway connectivity_type omitted (public)', kind: 'omitted', subject: () => subnet(), others: () => [vpc(), nat()], expect: 'fail', messageId: 'natGateway' },
  { name: 'map_public_ip_on_launch omitted (false)', kind: 'omitted', subject: () => subnet({ mapPublicIpOnLaunch: undefined }), others: () => [vpc()], expect: 'pass' },
  { name: 'VPC without a NetworkSegment tag', kind: 'omitted', subject: () => vpc({}), others: () => [igw()], expect: 'not-applicable' },

  { name: 'segment tag known after apply', kind: 'unknown', subject: () => vpc({ NetworkSegment: UNKNOWN }), expect: 'unknown', path: 'tags.NetworkSegment' },
  { name: 'internet gateway whose VPC is known only after apply', kind: 'unknown', subject: () => vpc(), others: () => [igw(UNKNOWN)], expect: 'unknown', messageId: 'unattributed', path: 'vpcId' },
  { name: 'instance public IP known only after apply', kind: 'unknown', subject: () => subnet(), others: () => [vpc(), instance({ associatePublicIpAddress: UNKNOWN })], expect: 'unknown', messageId: 'memberUnknown', path: 'associatePublicIpAddress' },
  { name: 'a definite gateway wins over an unknown one', kind: 'fail', subject: () => vpc(), others: () => [igw(UNKNOWN), eigw()], expect: 'fail', messageId: 'egressOnlyGateway' },

  { name: 'internet segment VPC with an internet gateway', kind: 'not-applicable', subject: () => vpc({ NetworkSegment: 'インターネット接続系' }), others: () => [igw()], expect: 'not-applicable' },
  { name: 'untagged subnet of an LGWAN VPC', kind: 'not-applicable', subject: () => subnet({ mapPublicIpOnLaunch: true }), others: () => [vpc({ NetworkSegment: 'LGWAN接続系' })], expect: 'not-applicable' },
]);
