import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { type Catalogue, messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
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

type Words = Catalogue['setup'];

/** The token sources in the order offered, with their label and description in the admin's language. */
function sources(t: Words): ReadonlyArray<[TokenSourceKind, string, string]> {
  return [
    ['component', t.sourceComponent, t.sourceComponentHint],
    ['central', t.sourceCentral, t.sourceCentralHint],
    ['static', t.sourceStatic, t.sourceStaticHint],
  ];
}

const option = ([value, text, description]: [TokenSourceKind, string, string]): PlainTextOption => ({
  text: { type: 'plain_text', text },
  description: { type: 'plain_text', text: description },
  value,
});

/** An optional one-line text input whose hint says what is stored and that empty keeps it. */
function textInput(
  field: SetupField,
  label: string,
  hint: string,
  editing: SetupModalEditing | null,
  t: Words,
): InputBlock {
  const masked = editing?.masked[field];
  const initial = editing?.prefill[field];
  const keep = masked ? t.stored({ masked }) : '';
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
  /** The admin's language. */
  locale?: Locale;
}): ModalView {
  const { editing } = input;
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).setup;
  const offered = sources(t);
  const initialSource = offered.find(([kind]) => kind === editing?.source);
  const field = (name: SetupField, label: string, hint: string) => textInput(name, label, hint, editing, t);
  const blocks: KnownBlock[] = [
    editing
      ? mrkdwnSection(t.editing({ name: escapeMrkdwn(editing.name, 200) }))
      : {
          type: 'input',
          block_id: SETUP_MODAL.blocks.name,
          label: { type: 'plain_text', text: t.nameLabel },
          hint: { type: 'plain_text', text: t.nameHint },
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
      label: { type: 'plain_text', text: t.sourceLabel },
      element: {
        type: 'radio_buttons',
        action_id: SETUP_MODAL.action,
        options: offered.map(option),
        ...(initialSource ? { initial_option: option(initialSource) } : {}),
      },
    },
    headerBlock(t.sourceComponent),
    field('componentAppId', t.componentAppId, t.componentAppIdHint),
    field('componentSecret', t.componentSecret, t.componentSecretHint),
    field('authorizerAppId', t.authorizerAppId, t.authorizerAppIdHint),
    field('refreshToken', t.refreshToken, t.refreshTokenHint),
    field('callbackToken', t.callbackToken, t.callbackTokenHint),
    field('encodingAesKey', t.encodingAesKey, t.encodingAesKeyHint),
    mrkdwnContext([t.pushContext]),
    headerBlock(t.sourceCentral),
    field('centralUrl', t.centralUrl, t.centralUrlHint),
    field('centralHeader', t.centralHeader, t.centralHeaderHint),
    headerBlock(t.sourceStatic),
    field('staticToken', t.staticToken, t.staticTokenHint),
    {
      type: 'input',
      block_id: SETUP_MODAL.blocks.staticExpiresAt,
      optional: true,
      label: { type: 'plain_text', text: t.expiresAt },
      hint: { type: 'plain_text', text: t.expiresAtHint },
      element: { type: 'datetimepicker', action_id: SETUP_MODAL.action },
    },
  ];
  return {
    type: 'modal',
    callback_id: SETUP_MODAL.callbackId,
    title: { type: 'plain_text', text: editing ? t.titleEdit : t.titleAdd },
    submit: { type: 'plain_text', text: t.submit },
    close: { type: 'plain_text', text: t.close },
    private_metadata: input.privateMetadata,
    blocks,
  };
}
