import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { TokenSourceKind } from '../../quota/types.js';
import { SETUP_MODAL, type SetupField } from '../ids.js';
import { headerBlock, mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn, plainText } from './text.js';

/** The provider being edited, with every secret already masked (the builder never sees one). */
export interface SetupModalEditing {
  readonly name: string;
  readonly source: TokenSourceKind;
  /** Non-secret values to prefill (appids). */
  readonly prefill: Partial<Record<SetupField, string>>;
  /** What is stored, masked, per field, e.g. `••••••••abcd`; shown in the field's hint. */
  readonly masked: Partial<Record<SetupField, string>>;
}

const SOURCES: ReadonlyArray<[TokenSourceKind, string, string]> = [
  ['component', 'The bot refreshes it', 'From the platform’s component credentials and the ticket WeChat pushes'],
  ['central', 'Central token server', 'Your own server answers GET requests with the current token'],
  ['static', 'A token pasted here', 'For trying the bot out: it stops working after about 2 hours'],
];

const option = ([value, text, description]: [TokenSourceKind, string, string]): PlainTextOption => ({
  text: { type: 'plain_text', text },
  description: { type: 'plain_text', text: description },
  value,
});

/** An optional one-line text input whose hint says what is stored and that empty keeps it. */
function textInput(field: SetupField, label: string, hint: string, editing: SetupModalEditing | null): InputBlock {
  const masked = editing?.masked[field];
  const initial = editing?.prefill[field];
  const keep = masked ? `Stored: ${masked}. Leave empty to keep it. ` : '';
  return {
    type: 'input',
    block_id: SETUP_MODAL.blocks[field],
    optional: true,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: plainText(`${keep}${hint}`, 2000) },
    element: {
      type: 'plain_text_input',
      action_id: SETUP_MODAL.action,
      max_length: 3000,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

/**
 * The `/quota setup` modal: a provider's name (fixed when editing), where its token comes from, and the fields of
 * each source. Secrets are typed here only, never shown back except masked. 17–18 blocks, title within 24 chars.
 */
export function buildSetupModal(input: {
  editing: SetupModalEditing | null;
  privateMetadata: string;
  /** When adding: the name typed after `/quota setup`, prefilled. */
  suggestedName?: string;
}): ModalView {
  const { editing } = input;
  const initialSource = SOURCES.find(([kind]) => kind === editing?.source);
  const blocks: KnownBlock[] = [
    editing
      ? mrkdwnSection(`Editing *${escapeMrkdwn(editing.name, 200)}*. Fill in only what changes.`)
      : {
          type: 'input',
          block_id: SETUP_MODAL.blocks.name,
          label: { type: 'plain_text', text: 'Provider name' },
          hint: { type: 'plain_text', text: 'How /quota NAME refers to it, e.g. Acme Mini Programs' },
          element: {
            type: 'plain_text_input',
            action_id: SETUP_MODAL.action,
            max_length: 80,
            ...(input.suggestedName ? { initial_value: input.suggestedName } : {}),
          },
        },
    {
      type: 'input',
      block_id: SETUP_MODAL.blocks.source,
      label: { type: 'plain_text', text: 'Where the access token comes from' },
      element: {
        type: 'radio_buttons',
        action_id: SETUP_MODAL.action,
        options: SOURCES.map(option),
        ...(initialSource ? { initial_option: option(initialSource) } : {}),
      },
    },
    headerBlock('The bot refreshes it'),
    textInput('componentAppId', 'Component appid', 'The third-party platform’s appid (wx…)', editing),
    textInput('componentSecret', 'Component secret', 'The platform’s AppSecret', editing),
    textInput('authorizerAppId', 'Authorizer appid', 'A mini program that granted permission set 18', editing),
    textInput('refreshToken', 'Authorizer refresh token', 'authorizer_refresh_token of that mini program', editing),
    textInput('callbackToken', 'Push token', 'The “Token” of the platform’s message settings', editing),
    textInput('encodingAesKey', 'EncodingAESKey', 'The 43-character key of the same settings', editing),
    mrkdwnContext([
      'WeChat pushes a ticket every 10 minutes: point the platform’s authorization event URL (or a forwarder) at ' +
        '`https://YOUR-HOST/wechat/callback`. The first token arrives after the first push.',
    ]),
    headerBlock('Central token server'),
    textInput('centralUrl', 'Token URL', 'GET returns JSON like {"access_token": "…", "expires_in": 7200}', editing),
    textInput('centralHeader', 'Header to send', 'Optional, e.g. Authorization: Bearer … (type - to remove)', editing),
    headerBlock('A token pasted here'),
    textInput('staticToken', 'Authorizer access token', 'Lives about 2 hours', editing),
    {
      type: 'input',
      block_id: SETUP_MODAL.blocks.staticExpiresAt,
      optional: true,
      label: { type: 'plain_text', text: 'It expires at' },
      hint: { type: 'plain_text', text: 'So the bot can say when it has expired' },
      element: { type: 'datetimepicker', action_id: SETUP_MODAL.action },
    },
  ];
  return {
    type: 'modal',
    callback_id: SETUP_MODAL.callbackId,
    title: { type: 'plain_text', text: editing ? 'Edit WeChat provider' : 'Add WeChat provider' },
    submit: { type: 'plain_text', text: 'Save and check' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: input.privateMetadata,
    blocks,
  };
}
