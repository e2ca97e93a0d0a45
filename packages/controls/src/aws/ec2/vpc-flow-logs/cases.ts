import { KINDS, UNKNOWN, testing } from '@muniguard/core';

const vpc = (props: Record<string, unknown> = {}) =>
  testing.makeResource(KINDS.Vpc, { cidrBlock: '10.0.0.0/16', flowLogs: [{ address: 'aws_flow_log.main', trafficType: 'ALL' }], ...props }, { tags: {} });

export default testing.defineCases([
  { name: 'flow log of all traffic', kind: 'pass', subject: () => vpc(), expect: 'pass' },
  { name: 'flow log of rejected traffic only', kind: 'pass', subject: () => vpc({ flowLogs: [{ address: 'aws_flow_log.reject', trafficType: 'REJECT' }] }), expect: 'pass' },
  { name: 'no flow log', kind: 'fail', subject: () => vpc({ flowLogs: [] }), expect: 'fail', messageId: 'noFlowLog', path: 'flowLogs' },
  { name: 'flowLogs not recorded at all', kind: 'omitted', subject: () => testing.makeResource(KINDS.Vpc, { cidrBlock: '10.0.0.0/16' }, { tags: {} }), expect: 'fail', messageId: 'noFlowLog', path: 'flowLogs' },
  { name: 'flow logs known after apply', kind: 'unknown', subject: () => vpc({ flowLogs: UNKNOWN }), expect: 'unknown', path: 'flowLogs' },
  { name: 'a subnet is not a VPC (flow logs are checked per VPC)', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.Subnet, { vpcId: 'vpc-1' }, { tags: {} }), expect: 'not-applicable' },
]);
