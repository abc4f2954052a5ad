/**
 * What browser builds get for zod's locale index (see `zodEnglishOnly`): English, the locale zod
 * sets by default, and no other.
 */
export { default as en } from 'zod/v4/locales/en.js';
