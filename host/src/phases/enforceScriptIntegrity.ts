/**
 * Fail-closed integrity for every script of a phase build, including the chunks that the phase's
 * own bundler runtime loads later (lazy chunks), which never pass through the MF runtime's hooks:
 * when a script element's `src` is set to a file of a build whose hashes are enforced, it gets
 * that file's recorded `integrity` (or one no file has, when the build does not list it) and
 * `crossorigin`, before the element is inserted, so the browser refuses changed bytes before any
 * of them run. Installed once by the host's MF runtime plugin.
 */
import { expectedIntegrity, remoteLoadSettings } from './remoteLoadSettings';

/** A valid SRI value that no file has: the browser refuses the script without running it. */
export const UNLISTED_FILE = `sha384-${'A'.repeat(64)}`;

let installed = false;

/** Set `integrity` and `crossorigin` on a script of an enforced phase build; others are left alone. */
export function applyScriptIntegrity(script: HTMLScriptElement, url: string): void {
  if (script.integrity) return;
  const settings = remoteLoadSettings.forUrl(url);
  if (!settings?.enforceIntegrity) return;
  script.integrity = expectedIntegrity(settings, url) ?? UNLISTED_FILE;
  script.crossOrigin = 'anonymous';
}

export function enforceScriptIntegrity(): void {
  if (installed || typeof HTMLScriptElement === 'undefined') return;
  const descriptor = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src');
  const { set, get } = descriptor ?? {};
  if (!descriptor || !set || !get) return;
  installed = true;
  Object.defineProperty(HTMLScriptElement.prototype, 'src', {
    ...descriptor,
    set(this: HTMLScriptElement, value: string) {
      set.call(this, value);
      applyScriptIntegrity(this, String(get.call(this)));
    },
  });
}
