import * as path from 'node:path';
import { buildPolicyPack, type BuildOptions } from './policies';

/**
 * Serve the policy pack of the profile next to it: `index.ts` of `policies/<city>/` calls
 * `runPolicyPack(__dirname)`. This starts the analyzer gRPC server (@pulumi/policy's PolicyPack
 * prints its port and reads `package.json` of the working directory, which the Pulumi CLI sets
 * to the pack's directory), so it is only called from a pack's entry point, never from tests.
 */
export function runPolicyPack(packDir: string, options: Omit<BuildOptions, 'profile'> & { profile?: string } = {}): void {
  const built = buildPolicyPack({ ...options, profile: options.profile ?? path.join(packDir, 'profile.yaml') });
  // loaded here, not at module load: the CLI's stack-export reader must not pay for @pulumi/pulumi
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PolicyPack } = require('@pulumi/policy') as typeof import('@pulumi/policy');
  new PolicyPack(built.name, built.args);
}
