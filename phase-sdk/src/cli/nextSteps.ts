/**
 * What to do after scaffolding: build, test, release a first version, and from then on try every
 * change on yourself first with a phase override (nothing registered, nobody else sees it).
 */
import type { PhaseNames } from './phaseNames.js';

const REGISTRY = 'http://localhost:4000';

export function nextSteps(options: {
  dir: string;
  names: PhaseNames;
  server: boolean;
  installed: boolean;
}): string {
  const { dir, names, server } = options;
  const override = `${REGISTRY}/courses?phase-override=${names.phase}@http://localhost:${names.devPort}/phase.json`;
  const lines = [
    '',
    'Next steps:',
    ...(options.installed
      ? []
      : ['  npm install            # at the workspace root when the phase is in a monorepo']),
    `  cd ${dir}`,
    server
      ? '  npm run build          # the remote into dist/, the server into server/dist/'
      : '  npm run build          # the remote into dist/ (mf-manifest.json, phase.json)',
    '  npm test',
    '',
    ...(server ? registerFirstVersion(names) : publishFirstVersion()),
    'and add it to a course (Administration → the course → Add phase).',
    '',
    'Then try every change on yourself first; nothing is registered and nobody else sees it:',
    ...(server
      ? [
          `  npm run serve          # the server on http://localhost:${names.serverPort} (CORE_URL, DATABASE_URL, … in its README)`,
        ]
      : []),
    `  npm run dev            # the remote on http://localhost:${names.devPort} with live reload`,
    `  open ${override}`,
    '  (signed in as a developer or an admin, e.g. developer@coursekit.test; a banner shows the',
    `  override, and "Stop overriding ${names.phase}" goes back to the released version)`,
    '',
  ];
  return lines.join('\n');
}

function publishFirstVersion(): string[] {
  return [
    'Release its first version (dev login as the admin here; --token with a real registry):',
    `  npx coursekit-phase publish --registry ${REGISTRY}`,
  ];
}

/** A phase with a server: the gateway must know the server's URL, so its version is registered. */
function registerFirstVersion(names: PhaseNames): string[] {
  const version = `{"descriptorUrl":"http://localhost:${names.devPort}/phase.json","serverUrl":"http://localhost:${names.serverPort}"}`;
  const register = [
    [
      'POST /api/phase-types',
      `{"name":"${names.phase}","title":"${names.title}","kind":"client-and-server"}`,
    ],
    [`POST /api/phase-types/${names.phase}/versions`, version],
  ] as const;
  const width = Math.max(...register.map(([route]) => route.length)) + 2;
  return [
    'Register its first version with the registry, with its server (as an admin; see the main README):',
    ...register.map(([route, body]) => `  ${route.padEnd(width)}${body}`),
    'For example:',
    `  api=${REGISTRY}/api; json=(-H 'content-type: application/json' -H 'x-coursekit-csrf: 1' -b jar -c jar)`,
    `  curl "\${json[@]}" -d '{"email":"admin@coursekit.test"}' $api/auth/dev-login`,
    `  curl "\${json[@]}" -d '${register[0][1]}' $api/phase-types`,
    `  curl "\${json[@]}" -d '${version}' $api/phase-types/${names.phase}/versions`,
  ];
}
