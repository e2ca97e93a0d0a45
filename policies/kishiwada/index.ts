// muniguard policy pack: Kishiwada City (岸和田市). The policies are built from profile.yaml next to this
// file by @muniguard/pulumi; this entry point only starts the pack (see README.md).
import { runPolicyPack } from '@muniguard/pulumi';

runPolicyPack(__dirname);
