/** The SDK's own version; phases record the range they were built against in `phase.json`. */
export const SDK_VERSION = '0.1.0';
