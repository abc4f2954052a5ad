/** What to do after scaffolding: build, test, run, and register the phase with the registry. */
import type { PhaseNames } from './phaseNames.js';

export function nextSteps(options: {
  dir: string;
  names: PhaseNames;
  server: boolean;
  installed: boolean;
}): string {
  const { dir, names, server } = options;
  const kind = server ? 'client-and-server' : 'client-only';
  const version = server
    ? `{"descriptorUrl":"http://localhost:${names.devPort}/phase.json","serverUrl":"http://localhost:${names.serverPort}"}`
    : `{"descriptorUrl":"http://localhost:${names.devPort}/phase.json"}`;
  const register = [
    [
      'POST /api/phase-types',
      `{"name":"${names.phase}","title":"${names.title}","kind":"${kind}"}`,
    ],
    [`POST /api/phase-types/${names.phase}/versions`, version],
  ] as const;
  const width = Math.max(...register.map(([route]) => route.length)) + 2;
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
    ...(server
      ? [
          `  npm run serve          # the server on http://localhost:${names.serverPort} (CORE_URL, DATABASE_URL, … in its README)`,
        ]
      : []),
    `  npm run dev            # the remote on http://localhost:${names.devPort} with live reload`,
    '',
    'Register it with the registry (as an admin; see the main README for signing in with curl):',
    ...register.map(([route, body]) => `  ${route.padEnd(width)}${body}`),
    '',
    'For example:',
    "  api=http://localhost:4000/api; json=(-H 'content-type: application/json' -H 'x-coursekit-csrf: 1' -b jar -c jar)",
    `  curl "\${json[@]}" -d '{"email":"admin@coursekit.test"}' $api/auth/dev-login`,
    `  curl "\${json[@]}" -d '{"name":"${names.phase}","title":"${names.title}","kind":"${kind}"}' $api/phase-types`,
    `  curl "\${json[@]}" -d '${version}' $api/phase-types/${names.phase}/versions`,
    '',
  ];
  return lines.join('\n');
}
