import { AnnotationMetadataEntryType, Aspects, TerraformStack, type IAspect } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import {
  evaluate, InputError, isIsoDate, loadProfile, loadWaivers, todayIso,
  type Control, type Profile, type ScanResult, type Waiver,
} from '@muniguard/core';
import { controlsById } from '@muniguard/controls';
import { normalize, readConfig, type TfJsonConfig } from '@muniguard/terraform';
import { annotationLevel, annotationMessage, notice, unmatchedWaiverNotice, type AnnotationLevel, type FailOn } from './messages';

export interface MuniguardAspectOptions {
  /** A bundled profile id (`osaka`, `sendai`, …) or a profile file. */
  profile: string;
  /** A params file (YAML/JSON), as `muniguard scan --params`. */
  params?: string;
  /** A waiver file (例外措置), as `muniguard scan --waivers`. */
  waivers?: string;
  /** The date the check is made for (YYYY-MM-DD): contract ends and waiver expiry. Default: today. */
  asOf?: string;
  /** Which mandatory findings fail synth, as `muniguard scan --fail-on`. Default `fail`. */
  failOn?: FailOn;
  /** Controls by id (default: every bundled control). */
  controls?: ReadonlyMap<string, Control>;
}

/** The aspect's state for one stack: where it started, and the result once evaluated. */
interface StackRun {
  /** The first construct of the stack the aspect visited: the top of its scope. */
  root: IConstruct;
  result?: ScanResult;
  done: boolean;
}

const CHECKPOINT = Symbol.for('@muniguard/cdktf.Checkpoint');

/**
 * An empty construct the aspect appends under the top of its scope when it first visits a stack.
 * cdktf visits constructs depth-first in creation order, so this one is visited after every other
 * construct of the scope — after every aspect (e.g. one that adds tags) has visited them — and that
 * is when the stack is evaluated. It synthesizes nothing.
 */
class Checkpoint extends Construct {
  constructor(scope: IConstruct, id: string, readonly owner: MuniguardAspect, readonly stack: TerraformStack) {
    super(scope as Construct, id);
    Object.defineProperty(this, CHECKPOINT, { value: true });
  }
}

function isCheckpoint(node: IConstruct): node is Checkpoint {
  return CHECKPOINT in node;
}

function stackOf(node: IConstruct): TerraformStack | undefined {
  for (let c: IConstruct | undefined = node; c; c = c.node.scope) if (TerraformStack.isStack(c)) return c;
  return undefined;
}

/**
 * Checks a CDKTF stack against a municipality's standard at synth, the way cdk-nag does for AWS
 * CDK: `Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka' }))`.
 *
 * The stack is evaluated once, as Terraform JSON (`stack.toTerraform()`, what `cdktf synth` writes),
 * by the same Terraform adapter and controls as `muniguard scan`; each finding is annotated on the
 * construct named by the resource's `//` metadata path. A mandatory failing finding is an error
 * annotation (cdktf's `Annotations` entry types) — `app.synth()` throws and `cdktf synth` fails,
 * listing each one; advisory findings and unknowns are warnings; waived findings are info.
 * Resource addresses are `<stack>/<address>`, as in a scan of `cdktf.out/`, so one waiver file
 * serves both.
 *
 * cdktf invokes aspects only from each stack down (not from the App): add it to every stack.
 */
export class MuniguardAspect implements IAspect {
  readonly profile: Profile;
  readonly asOf: string;
  private readonly controls: ReadonlyMap<string, Control>;
  private readonly waivers: Waiver[];
  private readonly failOn: FailOn;
  private readonly runs = new WeakMap<TerraformStack, StackRun>();

  /** Loads and validates the profile, params and waivers now: a bad file throws InputError at construction. */
  constructor(options: MuniguardAspectOptions) {
    if (!options || typeof options.profile !== 'string' || !options.profile) {
      throw new InputError('MuniguardAspect', 'needs { profile: "<id|file>" } (e.g. osaka)');
    }
    this.controls = options.controls ?? controlsById();
    this.profile = loadProfile(options.profile, { paramsFile: options.params, controls: this.controls });
    this.waivers = options.waivers ? loadWaivers(options.waivers, new Set(this.controls.keys())) : [];
    this.asOf = options.asOf ?? todayIso();
    if (!isIsoDate(this.asOf)) throw new InputError('MuniguardAspect', `asOf must be a date YYYY-MM-DD, not "${this.asOf}"`);
    this.failOn = options.failOn ?? 'fail';
    if (!['fail', 'unknown', 'never'].includes(this.failOn)) throw new InputError('MuniguardAspect', `failOn must be fail, unknown or never, not "${this.failOn}"`);
  }

  visit(node: IConstruct): void {
    if (isCheckpoint(node)) {
      if (node.owner === this) this.check(node.stack);
      return;
    }
    const stack = stackOf(node);
    if (!stack || this.runs.has(stack)) return;
    const run: StackRun = { root: node, done: false };
    this.runs.set(stack, run);
    let id = 'MuniguardCheck';
    for (let n = 2; node.node.tryFindChild(id); n++) id = `MuniguardCheck${n}`;
    try {
      new Checkpoint(node, id, this, stack);
    } catch {
      // a locked tree cannot take the checkpoint: evaluate what exists now
      this.check(stack);
    }
  }

  /** The result for a stack once the aspect has evaluated it (after synth / Testing.synth). */
  resultFor(stack: TerraformStack): ScanResult | undefined {
    return this.runs.get(stack)?.result;
  }

  /** Evaluate a stack as `muniguard scan` would evaluate its `cdk.tf.json` in cdktf.out. */
  evaluateStack(stack: TerraformStack): ScanResult {
    const name = stack.node.id;
    const file = `stacks/${name}/cdk.tf.json`;
    const doc = stack.toTerraform() as TfJsonConfig;
    const resources = normalize(readConfig([{ file, doc }], `${name}/`));
    return evaluate({ profile: this.profile, controls: this.controls, resources, asOf: this.asOf, waivers: this.waivers, inputs: [file] });
  }

  private check(stack: TerraformStack): void {
    const run = this.runs.get(stack);
    if (!run || run.done) return;
    run.done = true;
    let result: ScanResult;
    try {
      result = this.evaluateStack(stack);
    } catch (error) {
      // fail closed: a stack that could not be evaluated fails synth with the cause
      const cause = (error as Error)?.message ?? String(error);
      annotate(run.root, 'error', notice({
        ja: `スタック ${stack.node.id} を評価できませんでした: ${cause}`,
        en: `Could not evaluate stack ${stack.node.id}: ${cause}`,
      }));
      return;
    }
    run.result = result;
    this.annotate(stack, run.root, result);
  }

  private annotate(stack: TerraformStack, root: IConstruct, result: ScanResult): void {
    const byPath = new Map<string, IConstruct>();
    for (const c of stack.node.findAll()) byPath.set(c.node.path, c);
    for (const f of result.findings) {
      const level = annotationLevel(f, this.failOn);
      if (!level) continue;
      // the construct at the resource's metadata path; a finding without one (an expired waiver) on the scope's top
      const target = (f.resource.constructPath && byPath.get(f.resource.constructPath)) || root;
      if (target !== root && !this.covers(target)) continue;
      annotate(target, level, annotationMessage(f, this.profile));
    }
    for (const w of result.unmatchedWaivers) annotate(root, 'warning', unmatchedWaiverNotice(w, stack.node.id));
  }

  /** Is the construct in this aspect's scope: added to it or to one of its ancestors? */
  private covers(c: IConstruct): boolean {
    for (let x: IConstruct | undefined = c; x; x = x.node.scope) if (Aspects.of(x).all.includes(this)) return true;
    return false;
  }
}

const ENTRY_TYPES: Record<AnnotationLevel, string> = {
  error: AnnotationMetadataEntryType.ERROR,
  warning: AnnotationMetadataEntryType.WARN,
  info: AnnotationMetadataEntryType.INFO,
};

/**
 * What `Annotations.of(c).addError/addWarning/addInfo` record — the metadata entry cdktf's
 * synthesizer collects into the manifest, fails `app.synth()` on, and `cdktf synth` prints —
 * without the JavaScript stack trace Annotations attaches unless the app disables traces: it
 * would point into this aspect, not the user's code, and `cdktf synth` prints it under every error.
 */
function annotate(target: IConstruct, level: AnnotationLevel, text: string): void {
  target.node.addMetadata(ENTRY_TYPES[level], text, { stackTrace: false });
}
