/**
 * Checks a Slack message against Block Kit's limits (shared/reference/slack.md), independently of the builders'
 * own constants, so a builder that drifts is caught. Lengths are UTF-16 units (`.length`): never fewer than the
 * characters Slack counts. Also refuses broadcast mentions (`<!channel>`, `<!here>`, `<!everyone>`), which no
 * message of this bot may contain.
 */

const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3000;
const MAX_FIELDS = 10;
const MAX_FIELD_TEXT = 2000;
const MAX_HEADER_TEXT = 150;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_TEXT_OBJECT = 3000;
const MAX_ACTIONS_ELEMENTS = 25;
const MAX_BUTTON_TEXT = 75;
const MAX_BUTTON_VALUE = 2000;
const MAX_ID = 255;
const MAX_FALLBACK_TEXT = 3000;
/** "Stay well under ~12,000 characters of text in total." */
const MAX_TOTAL_TEXT = 10_000;
const BROADCAST = /<!(channel|here|everyone)\b|<!subteam\^/i;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkTextObject(
  value: unknown,
  where: string,
  max: number,
  problems: string[],
  only?: 'plain_text' | 'mrkdwn',
): void {
  if (!isObject(value)) {
    problems.push(`${where}: missing text object`);
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') problems.push(`${where}: bad text type ${value.type}`);
  if (only && value.type !== only) problems.push(`${where}: must be ${only}, is ${value.type}`);
  if (typeof value.text !== 'string' || value.text.trim() === '') {
    problems.push(`${where}: empty text`);
    return;
  }
  if (value.text.length > max) problems.push(`${where}: text is ${value.text.length} characters (max ${max})`);
}

function checkId(value: unknown, where: string, problems: string[]): void {
  if (value !== undefined && (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID)) {
    problems.push(`${where}: id must be 1–${MAX_ID} characters`);
  }
}

function checkButton(element: Json, where: string, problems: string[]): void {
  checkTextObject(element.text, `${where}.text`, MAX_BUTTON_TEXT, problems, 'plain_text');
  checkId(element.action_id, `${where}.action_id`, problems);
  if (element.value !== undefined && (typeof element.value !== 'string' || element.value.length > MAX_BUTTON_VALUE)) {
    problems.push(`${where}.value: longer than ${MAX_BUTTON_VALUE}`);
  }
}

function checkBlock(block: unknown, where: string, problems: string[]): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    problems.push(`${where}: not a block`);
    return;
  }
  checkId(block.block_id, `${where}.block_id`, problems);
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined)
        problems.push(`${where}: section without text or fields`);
      if (block.text !== undefined) checkTextObject(block.text, `${where}.text`, MAX_SECTION_TEXT, problems);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > MAX_FIELDS) {
          problems.push(`${where}.fields: must hold 1–${MAX_FIELDS} items`);
        } else {
          for (const [i, field] of block.fields.entries()) {
            checkTextObject(field, `${where}.fields[${i}]`, MAX_FIELD_TEXT, problems);
          }
        }
      }
      if (isObject(block.accessory) && block.accessory.type === 'button') {
        checkButton(block.accessory, `${where}.accessory`, problems);
      }
      break;
    }
    case 'header':
      checkTextObject(block.text, `${where}.text`, MAX_HEADER_TEXT, problems, 'plain_text');
      break;
    case 'context': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > MAX_CONTEXT_ELEMENTS) {
        problems.push(`${where}.elements: must hold 1–${MAX_CONTEXT_ELEMENTS} items`);
        break;
      }
      elements.forEach((element, i) => {
        if (isObject(element) && element.type === 'image') {
          if (typeof element.image_url !== 'string' || typeof element.alt_text !== 'string') {
            problems.push(`${where}.elements[${i}]: image needs image_url and alt_text`);
          }
        } else {
          checkTextObject(element, `${where}.elements[${i}]`, MAX_TEXT_OBJECT, problems);
        }
      });
      break;
    }
    case 'actions': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > MAX_ACTIONS_ELEMENTS) {
        problems.push(`${where}.elements: must hold 1–${MAX_ACTIONS_ELEMENTS} items`);
        break;
      }
      elements.forEach((element, i) => {
        if (isObject(element) && element.type === 'button') checkButton(element, `${where}.elements[${i}]`, problems);
      });
      break;
    }
    case 'divider':
    case 'image':
    case 'rich_text':
    case 'markdown':
      break;
    default:
      problems.push(`${where}: unexpected block type ${block.type}`);
  }
}

/** Every `text` string anywhere in a value, for the total and for the broadcast check. */
function texts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) texts(item, out);
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && typeof inner === 'string') out.push(inner);
      else texts(inner, out);
    }
  }
  return out;
}

/** Every broken limit of `message`, in words; empty when Slack would accept it. */
export function blockKitViolations(message: { text: string; blocks: unknown[] }): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push('text: the fallback is empty');
  else if (message.text.length > MAX_FALLBACK_TEXT) {
    problems.push(`text: the fallback is ${message.text.length} characters (max ${MAX_FALLBACK_TEXT})`);
  }
  if (!Array.isArray(message.blocks)) {
    problems.push('blocks: not an array');
    return problems;
  }
  if (message.blocks.length > MAX_BLOCKS) problems.push(`blocks: ${message.blocks.length} blocks (max ${MAX_BLOCKS})`);
  for (const [i, block] of message.blocks.entries()) checkBlock(block, `blocks[${i}]`, problems);
  const all = [String(message.text ?? ''), ...texts(message.blocks)];
  const total = all.reduce((sum, text) => sum + text.length, 0);
  if (total > MAX_TOTAL_TEXT) problems.push(`message: ${total} characters of text in total (max ${MAX_TOTAL_TEXT})`);
  for (const text of all) {
    if (BROADCAST.test(text)) problems.push(`message: contains a broadcast mention: ${text.slice(0, 80)}`);
  }
  return problems;
}

/** Throws, listing every problem, when `message` breaks a Block Kit limit or would ping a whole channel. */
export function assertWithinBlockKitLimits(message: { text: string; blocks: unknown[] }): void {
  const problems = blockKitViolations(message);
  if (problems.length > 0) {
    throw new Error(`Message breaks Block Kit limits:\n  - ${problems.slice(0, 20).join('\n  - ')}`);
  }
}

/** A Home tab or modal holds at most 100 blocks (a message: 50). */
const MAX_VIEW_BLOCKS = 100;

/** Every broken limit of a Home tab view (no fallback text; 100 blocks), in words; empty when Slack would accept it. */
export function viewBlockKitViolations(view: { blocks: unknown[] }): string[] {
  const problems: string[] = [];
  if (!Array.isArray(view.blocks)) return ['blocks: not an array'];
  if (view.blocks.length > MAX_VIEW_BLOCKS)
    problems.push(`blocks: ${view.blocks.length} blocks (max ${MAX_VIEW_BLOCKS})`);
  for (const [i, block] of view.blocks.entries()) checkBlock(block, `blocks[${i}]`, problems);
  for (const text of texts(view.blocks)) {
    if (BROADCAST.test(text)) problems.push(`view: contains a broadcast mention: ${text.slice(0, 80)}`);
  }
  return problems;
}

/** Throws, listing every problem, when a Home tab view breaks a Block Kit limit or would ping a whole channel. */
export function assertViewWithinBlockKitLimits(view: { blocks: unknown[] }): void {
  const problems = viewBlockKitViolations(view);
  if (problems.length > 0) {
    throw new Error(`View breaks Block Kit limits:\n  - ${problems.slice(0, 20).join('\n  - ')}`);
  }
}
