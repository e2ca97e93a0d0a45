/**
 * MuniguardAspect on small stacks: which construct gets which annotation, when the stack is
 * evaluated (once, after every other aspect), waivers, unknowns and the fail-closed paths.
 * The example app (examples/cdktf-app, test/e2e/cdktf-app.test.ts) covers a whole estate.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Aspects, TerraformStack, TerraformVariable, Testing, type IAspect } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
// one file per resource class: the package root loads every AWS resource (seconds, hundreds of MB)
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { InputError } from '@muniguard/core';
import { MuniguardAspect } from '../index';

process.env.CHECKPOINT_DISABLE = '1';
const AS_OF = '2026-04-01';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-cdktf-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LEVELS: Record<string, 'error' | 'warning' | 'info'> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'info' };

/** The annotations on one construct (not its children), as cdktf records them. */
function annotationsOn(c: IConstruct): { level: string; message: string }[] {
  return c.node.metadata.filter((m) => LEVELS[m.type]).map((m) => ({ level: LEVELS[m.type], message: String(m.data) }));
}

/** Every annotation in the stack, keyed `<level> <construct path>`. */
function allAnnotations(stack: TerraformStack): { level: string; path: string; message: string }[] {
  return stack.node.findAll().flatMap((c) => annotationsOn(c).map((a) => ({ ...a, path: c.node.path })));
}

function newStack(id = 'app'): TerraformStack {
  const stack = new TerraformStack(Testing.app({ stackTraces: false }), id);
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
  return stack;
}

const classified = { 重要性分類: 'Ⅱ', ContractEnd: '2030-03-31' };

function writeWaivers(name: string, waivers: object[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify({ waivers }));
  return file;
}

describe('annotations on the offending construct', () => {
  it('a mandatory failure is an error on the construct at its metadata path, Japanese line first, clause named', () => {
    const stack = newStack();
    Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka', asOf: AS_OF }));
    const logging = new Construct(stack, 'logging');
    const short = new CloudwatchLogGroup(logging, 'audit', { name: '/city/audit', retentionInDays: 30 });
    const ok = new CloudwatchLogGroup(logging, 'app', { name: '/city/app', retentionInDays: 3653 });
    Testing.synth(stack);

    const errors = annotationsOn(short).filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    const [ja, en, ...rest] = errors[0].message.split('\n');
    expect(rest).toEqual([]);
    // the construct path is cdktf's prefix when it prints; the message names control, address, clause
    expect(ja).toMatch(/^\[muniguard\] 不適合（必須・/);
    expect(ja).toContain('log-group-retention');
    expect(ja).toContain('10(1)④ア');
    expect(ja).toContain('大阪市情報セキュリティ対策基準');
    expect(ja).toMatch(/30 日/);
    // the address is the synthesized one (path app/logging/audit -> logging_audit_<hash>), stack-prefixed as in cdktf.out
    expect(ja).toMatch(/app\/aws_cloudwatch_log_group\.logging_audit_[0-9A-F]{8}/);
    expect(en).toMatch(/^\[muniguard\] Fail \(mandatory, /);
    expect(en).toContain('10(1)④ア');
    expect(annotationsOn(ok)).toEqual([]);
    // nothing else in the stack is annotated
    expect(allAnnotations(stack).map((a) => a.path)).toEqual(['app/logging/audit']);
  });

  it('covers constructs created after the aspect was added, and evaluates each stack once', () => {
    const stack = newStack();
    const aspect = new MuniguardAspect({ profile: 'osaka', asOf: AS_OF });
    const spy = jest.spyOn(aspect, 'evaluateStack');
    Aspects.of(stack).add(aspect);
    for (let i = 0; i < 5; i++) new CloudwatchLogGroup(stack, `late-${i}`, { name: `/late/${i}`, retentionInDays: i === 3 ? 7 : 3653 });
    Testing.synth(stack);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(allAnnotations(stack).map((a) => `${a.level} ${a.path}`)).toEqual(['error app/late-3']);
    expect(aspect.resultFor(stack)?.resourceCount).toBe(5);
    // a second synth of the same tree neither re-evaluates nor repeats the annotations
    Testing.synth(stack);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(allAnnotations(stack)).toHaveLength(1);
  });

  it('covers resources another aspect creates during the aspect pass', () => {
    // e.g. an organisation aspect that gives every queue a log group (here with too short a retention)
    class QueueLogs implements IAspect {
      visit(node: IConstruct): void {
        if (node instanceof SqsQueue) new CloudwatchLogGroup(node.node.scope as Construct, `${node.node.id}-logs`, { name: `/queues/${node.node.id}`, retentionInDays: 14 });
      }
    }
    const stack = newStack();
    Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka', asOf: AS_OF }));
    Aspects.of(stack).add(new QueueLogs());
    new SqsQueue(new Construct(stack, 'queues'), 'jobs', { name: 'jobs', kmsMasterKeyId: 'alias/city-data', tags: classified });
    Testing.synth(stack);
    expect(allAnnotations(stack).map((a) => `${a.level} ${a.path}`)).toEqual(['error app/queues/jobs-logs']);
  });

  it('still evaluates a locked construct tree (no checkpoint can be added): at its first visit', () => {
    const stack = newStack();
    Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka', asOf: AS_OF }));
    new CloudwatchLogGroup(stack, 'short', { name: '/short', retentionInDays: 30 });
    stack.node.lock();
    Testing.synth(stack);
    expect(stack.node.tryFindChild('MuniguardCheck')).toBeUndefined();
    expect(allAnnotations(stack).map((a) => `${a.level} ${a.path}`)).toEqual(['error app/short']);
  });

  it('sees what other aspects change during the same pass (cdktf docs tag-adding aspect added after it)', () => {
    class AddTags implements IAspect {
      visit(node: IConstruct): void {
        if (node instanceof SqsQueue) node.tags = { ...classified, ...(node.tagsInput ?? {}) };
      }
    }
    const build = (withTags: boolean) => {
      const stack = newStack();
      Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka', asOf: AS_OF }));
      if (withTags) Aspects.of(stack).add(new AddTags());
      new SqsQueue(new Construct(stack, 'queues'), 'jobs', { name: 'jobs', sqsManagedSseEnabled: false, kmsMasterKeyId: 'alias/city-data' });
      Testing.synth(stack);
      return allAnnotations(stack).filter((a) => a.level === 'error');
    };
    // without the tags the queue is unclassified (a finding), with them it is a compliant class Ⅱ store
    expect(build(false).map((a) => a.message)).toEqual(expect.arrayContaining([expect.stringContaining('data-store-classification-tag')]));
    expect(build(true)).toEqual([]);
  });

  it('annotates only its own scope when added to constructs below the stack', () => {
    const stack = newStack();
    const aspect = new MuniguardAspect({ profile: 'osaka', asOf: AS_OF });
    for (const team of ['team-a', 'team-b']) {
      const scope = new Construct(stack, team);
      Aspects.of(scope).add(aspect);
      new CloudwatchLogGroup(scope, 'short', { name: `/${team}/short`, retentionInDays: 30 });
    }
    new CloudwatchLogGroup(stack, 'other-short', { name: '/other/short', retentionInDays: 30 });
    Testing.synth(stack);
    expect(allAnnotations(stack).map((a) => `${a.level} ${a.path}`)).toEqual(['error app/team-a/short', 'error app/team-b/short']);
  });
});

describe('levels: advisory, unknown, failOn', () => {
  it('an advisory failure is a warning (Osaka region), an unknown is a warning unless failOn is unknown', () => {
    const build = (failOn?: 'unknown' | 'never') => {
      const stack = newStack();
      Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka', asOf: AS_OF, failOn }));
      const us = new AwsProvider(stack, 'aws-us', { alias: 'us', region: 'us-east-1' });
      new CloudwatchLogGroup(stack, 'us-logs', { provider: us, name: '/us', retentionInDays: 3653 });
      const days = new TerraformVariable(stack, 'retention', { type: 'number' });
      new CloudwatchLogGroup(stack, 'var-logs', { name: '/var', retentionInDays: days.numberValue });
      new CloudwatchLogGroup(stack, 'short-logs', { name: '/short', retentionInDays: 1 });
      Testing.synth(stack);
      return allAnnotations(stack).map((a) => `${a.level} ${a.path} ${a.message.split('\n')[1].split(' ').slice(1, 3).join(' ')}`);
    };
    expect(build()).toEqual([
      'warning app/us-logs Fail (advisory,',
      'warning app/var-logs Unknown (mandatory,',
      'error app/short-logs Fail (mandatory,',
    ]);
    expect(build('unknown')).toContain('error app/var-logs Unknown (mandatory,');
    expect(build('never').filter((a) => a.startsWith('error'))).toEqual([]);
  });
});

describe('waivers (例外措置)', () => {
  const waiver = (expires: string, resources = ['audit/aws_cloudwatch_log_group.*']) => ({
    control: 'log-group-retention', resources, reason: 'archived to S3 Glacier by the vendor', approvedBy: 'CISO', approvedOn: '2026-01-10', expires,
  });

  function run(waivers: string): TerraformStack {
    const stack = newStack('audit');
    Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka', asOf: AS_OF, waivers }));
    new CloudwatchLogGroup(stack, 'short', { name: '/short', retentionInDays: 30 });
    Testing.synth(stack);
    return stack;
  }

  it('an active waiver turns the error into info that names the waiver; addresses are <stack>/<address> as in cdktf.out', () => {
    const all = allAnnotations(run(writeWaivers('active.json', [waiver('2026-12-31')])));
    expect(all.map((a) => `${a.level} ${a.path}`)).toEqual(['info audit/short']);
    expect(all[0].message).toMatch(/^\[muniguard\] 例外承認済/);
    expect(all[0].message).toContain('active.json#waivers[0]');
    expect(all[0].message).toContain('2026-12-31');
  });

  it('an expired waiver is an error on the stack, and the finding it covered fails again', () => {
    const all = allAnnotations(run(writeWaivers('expired.json', [waiver('2026-03-31')])));
    expect(all.map((a) => `${a.level} ${a.path}`).sort()).toEqual(['error audit', 'error audit/short']);
    expect(all.find((a) => a.path === 'audit')!.message).toContain('expired.json#waivers[0]');
  });

  it('a waiver that matches nothing in the stack is a warning on the stack', () => {
    const all = allAnnotations(run(writeWaivers('nothing.json', [waiver('2026-12-31', ['other-stack/*'])])));
    expect(all.map((a) => `${a.level} ${a.path}`).sort()).toEqual(['error audit/short', 'warning audit']);
    expect(all.find((a) => a.level === 'warning')!.message).toMatch(/^\[muniguard\] 例外措置 .*nothing\.json#waivers\[0\].*どの検出結果にも該当しません/);
  });
});

describe('fail closed', () => {
  it('bad options throw InputError at construction, naming the file and the problem', () => {
    expect(() => new MuniguardAspect({ profile: 'atlantis' })).toThrow(InputError);
    expect(() => new MuniguardAspect({ profile: 'osaka', asOf: '2026-02-30' })).toThrow(/asOf must be a date/);
    const bad = writeWaivers('bad.json', [{ control: 'no-such-control', resources: ['*'], reason: 'r', approvedBy: 'x', approvedOn: '2026-01-01', expires: '2026-12-31' }]);
    expect(() => new MuniguardAspect({ profile: 'osaka', waivers: bad })).toThrow(/bad\.json.*no-such-control/);
    expect(() => new MuniguardAspect({ profile: 'osaka', failOn: 'sometimes' as never })).toThrow(/failOn/);
  });

  it('a stack that cannot be evaluated gets an error annotation with the cause, so synth fails', () => {
    const stack = newStack();
    Aspects.of(stack).add(new MuniguardAspect({ profile: 'osaka', asOf: AS_OF }));
    new CloudwatchLogGroup(stack, 'logs', { name: '/logs', retentionInDays: 3653 });
    const original = stack.toTerraform.bind(stack);
    jest.spyOn(stack, 'toTerraform').mockImplementationOnce(() => {
      throw new Error('simulated resolution failure');
    }).mockImplementation(original);
    Testing.synth(stack);
    const all = allAnnotations(stack);
    expect(all.map((a) => `${a.level} ${a.path}`)).toEqual(['error app']);
    expect(all[0].message).toMatch(/^\[muniguard\] スタック app を評価できませんでした: simulated resolution failure\n\[muniguard\] Could not evaluate stack app/);
  });

});
