export { buildHelpMessage } from './help-message.js';
export { BLOCK_KIT_LIMITS } from './limits.js';
export { buildNoProvidersMessage } from './no-providers-message.js';
export { buildQuotaMessage, DETAILED_LAYOUT_MAX_PROVIDERS } from './quota-message.js';
export {
  buildCheckingMessage,
  buildInternalErrorMessage,
  buildNotAvailableMessage,
  buildWorkingMessage,
} from './status-messages.js';
export type { ProviderOutcome, SlackMessage } from './types.js';
export { buildUnknownProviderMessage } from './unknown-provider-message.js';
