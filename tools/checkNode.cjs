/**
 * The Node.js version check that `npm start`, `npm test` and `.ci/run` run first, before npm
 * installs or builds anything: it compares the running Node.js with the `engines.node` range of the
 * root package.json (the one place that states the requirement) and, when it is too old, stops with
 * a message that says which version is needed and where to get it. Plain CommonJS without a build
 * step or dependencies, so that it runs on any Node.js old enough to need the message.
 *
 * Usage: node tools/checkNode.cjs
 */
'use strict';

const path = require('node:path');

/** `">=20.19.0"` → `[20, 19, 0]`; only the `>=` form, which is what the root package.json uses. */
function minimumOf(range) {
  const match = /^\s*>=\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(range || '');
  if (!match) {
    throw new Error(
      `Bug: engines.node in package.json is "${range}"; checkNode.cjs reads only ">=X.Y.Z".`,
    );
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The problem with running on `version` (e.g. "20.18.1") given `range`, or null when it fits. */
function nodeVersionProblem(version, range) {
  const minimum = minimumOf(range);
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((parts[i] || 0) > minimum[i]) return null;
    if ((parts[i] || 0) < minimum[i]) {
      return (
        `Coursekit needs Node.js ${minimum.join('.')} or newer (package.json engines: "${range}"); ` +
        `this is Node.js ${version.replace(/^v/, '')}. Install a current Node.js LTS ` +
        '(https://nodejs.org, or `nvm install --lts`) and run the command again.'
      );
    }
  }
  return null;
}

module.exports = { nodeVersionProblem };

if (require.main === module) {
  const range = require(path.join(__dirname, '..', 'package.json')).engines.node;
  const problem = nodeVersionProblem(process.versions.node, range);
  if (problem) {
    process.stderr.write(`error: ${problem}\n`);
    process.exit(1);
  }
}
