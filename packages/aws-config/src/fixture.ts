/**
 * The aws-config fixture format: what a live scan reads, recorded in AWS's documented response
 * shapes, run through the same normalizer and account builder as `scanAccount()`.
 *
 * ```json
 * {
 *   "accountId": "123456789012",
 *   "configurationItems": [ { BatchGetResourceConfig / Config rule-event item } ],
 *   "selectResults": [ "<SelectResourceConfig Results row (JSON text)>" ],
 *   "credentialReport": "user,arn,user_creation_time,password_enabled,…\n…",
 *   "account": { "GetAccountSummary": { "SummaryMap": { … } }, "DescribeTrails": { … }, … }
 * }
 * ```
 * `account` holds AccountResponses (account.ts) minus `accountId`; when it is absent, the file
 * yields no account resource. The resource under test is the one named `subject`: the Config
 * resource or IAM user named `subject`, or for account checks the account itself, whose id the
 * fixture gives as `"accountId": "subject"` (its address is then `AWS::::Account:subject`).
 */
import * as fs from 'node:fs';
import { InputError, parseJsonFile, Unknown, type Resource } from '@muniguard/core';
import { accountResource, type AccountResponses } from './account';
import { itemFromSelectRow, resourcesFromConfigurationItems, type ConfigurationItemLike } from './config-items';
import { foldCredentialReport, parseCredentialReport } from './credential-report';

export interface ConfigFixture {
  accountId?: string;
  configurationItems?: ConfigurationItemLike[];
  selectResults?: string[];
  credentialReport?: string | { failed: string };
  account?: Omit<AccountResponses, 'accountId'>;
}

export function resourcesFromFixture(doc: ConfigFixture, file = 'fixture'): Resource[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(file, 'an aws-config fixture is a JSON object');
  const items = [...(doc.configurationItems ?? []), ...(doc.selectResults ?? []).map((row) => itemFromSelectRow(row))];
  const resources = resourcesFromConfigurationItems(items);
  const accountId = doc.accountId ?? '123456789012';
  if (doc.account) resources.push(accountResource({ ...doc.account, accountId }));
  if (doc.credentialReport !== undefined) {
    const rows = typeof doc.credentialReport === 'string' ? parseCredentialReport(doc.credentialReport) : new Unknown(`the credential report could not be read (${doc.credentialReport.failed})`);
    foldCredentialReport(resources, rows);
  }
  return resources;
}

/** Load one fixture file (`<expect>--<slug>.config.json`). */
export function loadConfigFixture(file: string, display = file): Resource[] {
  const text = fs.readFileSync(file, 'utf8');
  return resourcesFromFixture(parseJsonFile(display, text) as ConfigFixture, display);
}
