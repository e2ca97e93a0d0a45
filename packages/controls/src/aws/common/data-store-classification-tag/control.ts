import { defineControl, DATA_STORE_KINDS, isUnknown, clusterParent, type CheckContext, type CheckResult, type Resource } from '@muniguard/core';

/** The scheme's values, most sensitive first, each with the aliases the profile accepts. */
function acceptedValues(ctx: CheckContext): string {
  return [...ctx.profile.levels]
    .sort((a, b) => b.rank - a.rank)
    .map((l) => (l.aliases?.length ? `${l.value} (${l.aliases.join(', ')})` : l.value))
    .join(' / ');
}

export default defineControl({
  id: 'data-store-classification-tag',
  family: 'classification',
  kinds: DATA_STORE_KINDS,
  scope: 'stack',
  severity: 'medium',
  title: {
    ja: 'データを保存するリソースに情報の分類タグを付けること',
    en: 'Data stores carry a classification tag with a value of the scheme',
  },
  summary: {
    ja: 'S3・RDS・DynamoDB・EFS・EBS・ElastiCache・SQS・SNS などデータを保存するリソースに、自治体の分類体系に定められた値の分類タグがあることを確認します。分類がなければどの対策が必要か判断できないため、タグのないリソースは最も機密性の高い区分として扱われます。',
    en: 'Checks that every store of data (S3, RDS, DynamoDB, EFS, EBS, ElastiCache, SQS, SNS…) carries a classification tag whose value belongs to the municipality\'s scheme. Without a class nobody can tell which safeguards apply, so an untagged store is treated as the most sensitive class.',
  },
  remediation: {
    ja: 'リソースの tags（またはプロバイダの default_tags）に DataClassification = "<分類の値>" を追加してください。値はプロファイルの分類体系のいずれかにします。Aurora のクラスタインスタンスと ElastiCache のノードは、自身にタグがなければ所属するクラスタ／レプリケーショングループのタグで判定します。',
    en: 'Add DataClassification = "<class>" to the resource\'s tags (or to the provider\'s default_tags), using one of the values of the profile\'s scheme. Aurora cluster instances and ElastiCache nodes without a tag of their own are judged by the tag of their cluster / replication group.',
  },
  messages: {
    missing: {
      ja: '分類タグ（{{keys}} のいずれか）がありません。最も機密性の高い区分として扱います。',
      en: 'No classification tag (any of {{keys}}): the store is treated as the most sensitive class.',
    },
    invalid: {
      ja: 'タグ {{key}} の値「{{value}}」は{{schemeJa}}の区分にありません。使える値: {{accepted}}',
      en: 'Tag {{key}} has the value "{{value}}", which is not a class of the scheme ({{schemeEn}}). Accepted values: {{accepted}}',
    },
    inheritedUnknown: {
      ja: '自身に分類タグがなく、所属する {{parent}} の分類タグがスキャン時点で確定していないため判定できません。',
      en: 'Cannot decide: the store has no classification tag of its own and the tag of {{parent}}, which it belongs to, is not known at scan time.',
    },
  },
  checkStack(resources, ctx) {
    const keys = ctx.tagKeys('classification');
    const accepted = acceptedValues(ctx);
    const scheme = ctx.profile.classification.name;

    /** The store's own tag: a verdict, or 'missing' when it has none. */
    const own = (resource: Resource): CheckResult | 'missing' => {
      const hit = ctx.tag(resource, 'classification');
      if (isUnknown(hit)) return ctx.unknown('tags');
      if (!hit) return 'missing';
      // an Unknown, or a Ref to a sibling's attribute: present, but its value is not known yet
      if (typeof hit.value !== 'string') return ctx.unknown(`tags.${hit.key}`);
      const c = ctx.classification(resource);
      if (c.status === 'valid') return ctx.pass();
      return ctx.fail('invalid', {
        path: `tags.${hit.key}`,
        data: { key: hit.key, value: hit.value, accepted, schemeJa: scheme.ja, schemeEn: scheme.en },
      });
    };

    // a parent (cluster, replication group) may be asked for by many members: judge it once
    const parents = new Map<string, CheckResult | 'missing'>();
    const parentVerdict = (parent: Resource) => {
      let v = parents.get(parent.id);
      if (v === undefined) parents.set(parent.id, (v = own(parent)));
      return v;
    };

    return resources.map((resource) => {
      const result = own(resource);
      if (result !== 'missing') return { resource, result };
      const parent = clusterParent(resource, ctx);
      if (parent) {
        const inherited = parentVerdict(parent);
        if (inherited !== 'missing' && inherited.verdict === 'pass') return { resource, result: ctx.pass() };
        if (inherited !== 'missing' && inherited.verdict === 'unknown') {
          return { resource, result: ctx.unknown('tags', 'inheritedUnknown', { parent: parent.source.address }) };
        }
      }
      return { resource, result: ctx.fail('missing', { path: 'tags', data: { keys } }) };
    });
  },
});
