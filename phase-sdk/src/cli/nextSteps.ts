/**
 * What to do after scaffolding: build, test, release a first version, and from then on try every
 * change on yourself first with a phase override (nothing registered, nobody else sees it).
 */
import type { PhaseNames } from './phaseNames.js';

export function nextSteps(options: {
  dir: string;
  names: PhaseNames;
  server: boolean;
  installed: boolean;
}): string {
  const { dir, names, server } = options;
  const override = `${names.coreUrl}/courses?phase-override=${names.phase}@http://localhost:${names.devPort}/phase.json`;
  const lines = [
    '',
    'Next steps:',
    ...(options.installed
      ? []
      : ['  npm install            # at the workspace root when the phase is in a monorepo']),
    `  cd ${dir}`,
    `  npm run typecheck      # tsc over the remote${server ? ' and the server' : ''}`,
    '  npm test               # the components (renderPhase)' +
      (server ? ' and the server routes' : ''),
    server
      ? '  npm run build          # type-checks, then the remote into dist/, the server into server/dist/'
      : '  npm run build          # type-checks, then the remote into dist/ (mf-manifest.json, phase.json)',
    '',
    ...(server ? registerFirstVersion(names) : publishFirstVersion(names)),
    'and add it to a course (Administration → the course → Add phase).',
    '',
    'Then try every change on yourself first; nothing is registered and nobody else sees it:',
    ...(server
      ? [
          `  npm run dev:server     # the server on http://localhost:${names.serverPort}, rebuilt and restarted on change (config in README.md)`,
        ]
      : []),
    `  npm run dev            # the remote on http://localhost:${names.devPort} with live reload`,
    `  open ${override}`,
    '  (signed in as a developer or an admin, e.g. developer@coursekit.test; "Load this build" sets',
    `  the override, a banner shows it, and "Stop overriding ${names.phase}" goes back to the released version)`,
    '',
    'README.md in the phase says all of this again, with its layout and configuration.',
    '',
  ];
  return lines.join('\n');
}

function publishFirstVersion(names: PhaseNames): string[] {
  return [
    'Release its first version (dev login as the admin here; --token with a real registry):',
    `  npx coursekit-phase publish --registry ${names.coreUrl}`,
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
    `  api=${names.coreUrl}/api; json=(-H 'content-type: application/json' -H 'x-coursekit-csrf: 1' -b jar -c jar)`,
    `  curl "\${json[@]}" -d '{"email":"admin@coursekit.test"}' $api/auth/dev-login`,
    `  curl "\${json[@]}" -d '${register[0][1]}' $api/phase-types`,
    `  curl "\${json[@]}" -d '${version}' $api/phase-types/${names.phase}/versions`,
  ];
}
