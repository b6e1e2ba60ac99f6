import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { isScalar, isSeq, parseDocument } from 'yaml';
import { OAUTH_REDIRECT_PATH, SLACK_BOT_SCOPES } from '../src/slack/installations/oauth-install.js';
import { LISTENED_EVENTS } from '../src/slack/listeners/index.js';

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
  features: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name: string };
    slash_commands: SlashCommand[];
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
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

/**
 * The bot scopes each Web API method the code calls needs (bot token). A method missing here fails the test below,
 * so adding a call means deciding its scopes — and adding them to manifest.yml.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'apps.connections.open': [], // app-level token (connections:write), not a bot scope
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.open': ['im:write'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
  'views.push': [],
};
/** The bot scope each Events API event needs; an event missing here fails the test below. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  app_home_opened: [],
  app_uninstalled: [],
  tokens_revoked: [],
};
const WEB_API_FAMILIES =
  'apps|auth|bookmarks|bots|chat|conversations|dnd|emoji|files|pins|reactions|reminders|team|usergroups|users|views';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every match of `pattern`'s first group (or first two joined by a dot) in the bot's source. */
function usedInSource(pattern: RegExp): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      found.add(match[2] === undefined ? String(match[1]) : `${match[1]}.${match[2]}`);
    }
  }
  return found;
}

describe('manifest.yml keeps up with the code', () => {
  // Events are registered through one routing listener (src/slack/listeners/index.ts) from this list.
  const events = new Set<string>([...LISTENED_EVENTS, ...usedInSource(/\.event\(\s*['"]([a-z_.]+)['"]/g)]);
  const commands = usedInSource(/\.command\(\s*['"](\/[a-z0-9_-]+)['"]/g);
  const methods = usedInSource(new RegExp(`\\.(${WEB_API_FAMILIES})\\.([a-zA-Z]+)\\(`, 'g'));
  const interactive = usedInSource(/\.(action|view|shortcut|options)\(/g);
  const botEvents = manifest.settings.event_subscriptions.bot_events;
  const scopes = manifest.oauth_config.scopes.bot;

  it('subscribes to every event a listener is registered for', () => {
    expect(events.size).toBeGreaterThan(0);
    for (const event of events) expect(botEvents, `src/ listens to ${event}`).toContain(event);
  });

  it('subscribes to no event without a listener (Slack would deliver it for nothing)', () => {
    for (const event of botEvents) expect([...events], `bot_events has ${event}`).toContain(event);
  });

  it('declares every slash command the code registers', () => {
    expect(commands.size).toBeGreaterThan(0);
    const declared = manifest.features.slash_commands.map((c) => c.command);
    for (const command of commands) expect(declared, `${command} is registered in src/`).toContain(command);
  });

  it('requests exactly the bot scopes the Web API calls, events and commands in src/ need', () => {
    expect(methods.has('chat.postMessage')).toBe(true);
    const needed = new Set<string>(commands.size > 0 ? ['commands'] : []);
    for (const method of methods) {
      const required = METHOD_SCOPES[method];
      expect(required, `src/ calls ${method}: add it to METHOD_SCOPES with the scopes it needs`).toBeDefined();
      for (const scope of required ?? []) needed.add(scope);
    }
    for (const event of events) {
      const required = EVENT_SCOPES[event];
      expect(required, `src/ listens to ${event}: add it to EVENT_SCOPES with the scopes it needs`).toBeDefined();
      for (const scope of required ?? []) needed.add(scope);
    }
    expect([...scopes].sort()).toEqual([...needed].sort());
  });

  it('enables interactivity for buttons and modals, and the Home tab the bot publishes', () => {
    expect(interactive.size).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    if (methods.has('views.publish') || events.has('app_home_opened')) {
      expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    }
    // DMs to admins land in the Messages tab; without it users cannot see them.
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
  });

  it('asks an OAuth install for the same bot scopes as the manifest', () => {
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...scopes].sort());
  });

  it(`sends the OAuth install back to ${OAUTH_REDIRECT_PATH}`, () => {
    expect(manifest.oauth_config.redirect_urls).toEqual([`https://YOUR-HOST${OAUTH_REDIRECT_PATH}`]);
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
