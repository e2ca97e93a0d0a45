import { asArray, defineControl, isUnknown, KINDS, read } from '@muniguard/core';

export default defineControl({
  id: 'vpc-flow-logs',
  family: 'logging',
  kinds: [KINDS.Vpc],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: 'VPC のフローログを取得すること',
    en: 'VPCs have a flow log',
  },
  summary: {
    ja: 'VPC フローログは、ネットワークインターフェースを通過する通信（送信元・宛先・ポート・許可/拒否）を記録します。不正な通信や情報の持ち出しを調査するための基本的な記録で、設定しない限り取得されません。',
    en: 'VPC flow logs record the traffic through the network interfaces — source, destination, port, accepted or rejected. They are the basic record for investigating unauthorised traffic or data leaving the network, and nothing is recorded unless one is set up.',
  },
  remediation: {
    ja: 'aws_flow_log を追加し、vpc_id にこの VPC を、traffic_type = "ALL" と、log_destination（CloudWatch Logs のロググループまたは S3 バケット）を指定してください。',
    en: 'Add an aws_flow_log with vpc_id naming this VPC, traffic_type = "ALL" and a log_destination (a CloudWatch log group or an S3 bucket).',
  },
  messages: {
    noFlowLog: {
      ja: 'この VPC のフローログがありません。',
      en: 'The VPC has no flow log.',
    },
  },
  check(vpc, ctx) {
    const path = 'flowLogs';
    const logs = asArray(read(vpc, path));
    if (isUnknown(logs)) return ctx.unknown(path);
    if (logs.length > 0) return ctx.pass();
    return ctx.fail('noFlowLog', { path });
  },
});
