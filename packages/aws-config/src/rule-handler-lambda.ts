import { controlsById } from '@muniguard/controls';
import { createRuleHandler } from './rule-handler';

/**
 * The Lambda entry point of the muniguard AWS Config custom rule (handler
 * `rule-handler-lambda.handler`): every muniguard control, the Config client from the
 * function's environment. See examples/live-scan/README.md for the deployment.
 */
export const handler = createRuleHandler({ controls: controlsById() });
