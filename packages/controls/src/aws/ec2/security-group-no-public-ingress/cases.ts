import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const https = { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: ['0.0.0.0/0'], cidrIpv6: ['::/0'] };
const ssh = { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: ['10.0.0.0/16'] };
const sg = (ingress: unknown) =>
  testing.makeResource(KINDS.SecurityGroup, { vpcId: 'vpc-0123', ...(ingress === undefined ? {} : { ingress }) }, { tags: {} });

export default testing.defineCases([
  { name: 'HTTPS from anywhere, SSH from the VPC', kind: 'pass', subject: () => sg([https, ssh]), expect: 'pass' },
  { name: 'HTTP and HTTPS from anywhere', kind: 'pass', subject: () => sg([{ ...https, fromPort: 80, toPort: 80 }, https]), expect: 'pass' },
  { name: 'all traffic from a private range', kind: 'pass', subject: () => sg([{ protocol: '-1', fromPort: 0, toPort: 0, cidrIpv4: ['192.168.0.0/16'] }]), expect: 'pass' },
  { name: 'all traffic from the CIDR of a VPC of the stack', kind: 'pass', subject: () => sg([{ protocol: '-1', fromPort: 0, toPort: 0, cidrIpv4: [new Ref('aws_vpc.main', 'cidr_block')] }]), others: () => [testing.makeResource(KINDS.Vpc, { cidrBlock: '10.0.0.0/16' }, { id: 'aws_vpc.main', tags: {} })], expect: 'pass' },
  { name: 'SSH from a CIDR set by another resource', kind: 'unknown', subject: () => sg([{ ...ssh, cidrIpv4: [new Ref('aws_ssm_parameter.cidr', 'value')] }]), expect: 'unknown', path: 'ingress.0.cidrIpv4' },
  { name: 'a port the profile allows', kind: 'pass', subject: () => sg([{ ...https, fromPort: 8443, toPort: 8443 }]), params: { publicIngressAllowedPorts: [443, 8443] }, expect: 'pass' },

  { name: 'SSH from 0.0.0.0/0', kind: 'fail', subject: () => sg([https, { ...ssh, cidrIpv4: ['0.0.0.0/0'] }]), expect: 'fail', messageId: 'publicPort', path: 'ingress.1.fromPort' },
  { name: 'RDP from ::/0', kind: 'fail', subject: () => sg([{ protocol: 'tcp', fromPort: 3389, toPort: 3389, cidrIpv6: ['::/0'] }]), expect: 'fail', messageId: 'publicPort', path: 'ingress.0.fromPort' },
  { name: 'all traffic (-1) from anywhere', kind: 'fail', subject: () => sg([{ protocol: '-1', fromPort: 0, toPort: 0, cidrIpv4: ['0.0.0.0/0'] }]), expect: 'fail', messageId: 'allTraffic', path: 'ingress.0.protocol' },
  { name: 'a range that includes 443 but more', kind: 'fail', subject: () => sg([{ ...https, fromPort: 0, toPort: 1024 }]), expect: 'fail', messageId: 'publicPort', path: 'ingress.0.fromPort' },
  { name: 'ICMP from anywhere', kind: 'fail', subject: () => sg([{ protocol: 'icmp', fromPort: -1, toPort: -1, cidrIpv4: ['0.0.0.0/0'] }]), expect: 'fail', messageId: 'publicProtocol', path: 'ingress.0.protocol' },
  { name: 'HTTPS when the profile allows no public port', kind: 'fail', subject: () => sg([https]), params: { publicIngressAllowedPorts: [] }, expect: 'fail', messageId: 'publicPort' },

  { name: 'no ingress rules (deny all inbound)', kind: 'omitted', subject: () => sg(undefined), expect: 'pass' },
  { name: 'ports omitted on a public TCP rule: every port', kind: 'omitted', subject: () => sg([{ protocol: 'tcp', cidrIpv4: ['0.0.0.0/0'] }]), expect: 'fail', messageId: 'publicPort', path: 'ingress.0.fromPort' },
  { name: 'publicIngressAllowedPorts not set: 80 and 443', kind: 'omitted', subject: () => sg([{ ...https, fromPort: 80, toPort: 80 }]), expect: 'pass' },

  { name: 'ingress known after apply', kind: 'unknown', subject: () => sg(UNKNOWN), expect: 'unknown', path: 'ingress' },
  { name: 'source CIDR known after apply', kind: 'unknown', subject: () => sg([https, { ...ssh, cidrIpv4: [UNKNOWN] }]), expect: 'unknown', path: 'ingress.1.cidrIpv4' },
  { name: 'port known after apply on a public rule', kind: 'unknown', subject: () => sg([{ ...https, toPort: UNKNOWN }]), expect: 'unknown', path: 'ingress.0.toPort' },
  { name: 'a definite public SSH wins over an unknown rule', kind: 'fail', subject: () => sg([{ ...ssh, cidrIpv4: UNKNOWN }, { ...ssh, cidrIpv4: ['0.0.0.0/0'] }]), expect: 'fail', messageId: 'publicPort', path: 'ingress.1.fromPort' },

  { name: 'a subnet is not a security group', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.Subnet, { vpcId: 'vpc-0123' }, { tags: {} }), expect: 'not-applicable' },
]);
