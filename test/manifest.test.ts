import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { isScalar, isSeq, parseDocument } from 'yaml';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const manifestPath = path.join(repoRoot, 'manifest.yml');
// Slack's published manifest schema lives beside the project, not in it (see ../shared/reference/slack.md).
const schemaPath = path.resolve(repoRoot, '..', 'shared', 'reference', 'manifest.schema.1.0.0.json');
const schemaExists = existsSync(schemaPath);

const SLACK_EVENTS_PATH = '/slack/events';

interface SlashCommand {
  command?: string;
  url?: string;
  description?: string;
  usage_hint?: string;
  should_escape?: boolean;
}

interface Manifest {
  display_information: { name: string };
  features: { bot_user?: { display_name: string }; slash_commands: SlashCommand[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const source = readFileSync(manifestPath, 'utf8');
const document = parseDocument(source, { prettyErrors: true });
const manifest = document.toJS() as Manifest;

function quotaCommand(m: Manifest): SlashCommand {
  const command = m.features.slash_commands.find((c) => c.command === '/quota');
  if (!command) throw new Error('manifest.yml has no /quota slash command');
  return command;
}

/** Every `format` the schema uses, so unknown ones can be declared instead of silently ignored. */
function formatsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) formatsIn(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') found.add(value);
      else formatsIn(value, found);
    }
  }
  return found;
}

/** Picks the Ajv class matching the schema's declared draft. */
function ajvFor(schema: AnySchemaObject): Ajv | Ajv2019 | Ajv2020 {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options = { strict: false, allErrors: true } as const;
  let ajv: Ajv | Ajv2019 | Ajv2020;
  if (declared.includes('2020-12')) ajv = new Ajv2020(options);
  else if (declared.includes('2019-09')) ajv = new Ajv2019(options);
  else if (declared === '' || declared.includes('draft-07') || declared.includes('draft-06')) ajv = new Ajv(options);
  else throw new Error(`manifest schema declares ${declared}, which this test does not know how to validate`);

  for (const format of formatsIn(schema)) {
    if (format === 'uri') ajv.addFormat('uri', { type: 'string', validate: (value: string) => URL.canParse(value) });
    else ajv.addFormat(format, true);
  }
  // Slack's schema carries a non-standard `regex` keyword (e.g. background_color); enforce it like `pattern`.
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (regex: string, value: string) => new RegExp(regex).test(value),
  });
  return ajv;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}

describe('manifest.yml', () => {
  it('is well-formed YAML', () => {
    expect(document.errors.map(String)).toEqual([]);
    expect(document.warnings.map(String)).toEqual([]);
  });

  it('names the app and its bot user "Quota Bot"', () => {
    expect(manifest.display_information.name).toBe('Quota Bot');
    expect(manifest.features.bot_user?.display_name).toBe('Quota Bot');
  });

  it('declares /quota with should_escape so channels and users arrive escaped', () => {
    const quota = quotaCommand(manifest);
    expect(quota.should_escape).toBe(true);
    expect(quota.usage_hint).toBe('[provider] | help');
    expect(quota.description?.length ?? 0).toBeGreaterThan(0);
  });

  it(`sends commands, events and interactivity to ${SLACK_EVENTS_PATH}`, () => {
    const urls = [
      quotaCommand(manifest).url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\/YOUR-HOST\//);
      expect(url?.endsWith(SLACK_EVENTS_PATH)).toBe(true);
    }
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('runs in HTTP mode without org deploy or token rotation', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
  });

  it('subscribes only to events whose scopes it requests', () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    const scopes = manifest.oauth_config.scopes.bot;
    expect(events).toContain('app_mention');
    expect(scopes).toContain('app_mentions:read');
    expect(scopes).toContain('commands');
    expect(scopes).toContain('chat:write');
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('explains every bot scope with a YAML comment', () => {
    const node = document.getIn(['oauth_config', 'scopes', 'bot'], true);
    expect(isSeq(node)).toBe(true);
    if (!isSeq(node)) return;
    expect(node.items.length).toBeGreaterThan(0);
    for (const item of node.items) {
      expect(isScalar(item)).toBe(true);
      if (!isScalar(item)) continue;
      const comment = `${item.commentBefore ?? ''} ${item.comment ?? ''}`.trim();
      expect(comment, `scope ${String(item.value)} needs a comment saying why`).not.toBe('');
    }
  });
});

describe.skipIf(!schemaExists)(
  schemaExists
    ? "manifest.yml against Slack's manifest schema"
    : "manifest.yml against Slack's manifest schema (skipped: ../shared/reference not present)",
  () => {
    let validate: ValidateFunction | undefined;
    const validator = (): ValidateFunction => {
      if (!validate) {
        const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as AnySchemaObject;
        validate = ajvFor(schema).compile(schema);
      }
      return validate;
    };

    it('validates', () => {
      const check = validator();
      const valid = check(manifest);
      expect(valid, describeErrors(check.errors)).toBe(true);
    });

    it('rejects a slash command without its command field (the validator is real)', () => {
      const broken = structuredClone(manifest);
      const quota = quotaCommand(broken);
      delete quota.command;
      const check = validator();
      expect(check(broken)).toBe(false);
      expect(check.errors?.some((e) => e.keyword === 'required' && e.params.missingProperty === 'command')).toBe(true);
    });
  },
);

if (!schemaExists) {
  console.warn(`manifest schema check skipped: ${schemaPath} not present (../shared/reference is outside the repo)`);
}
