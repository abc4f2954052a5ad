/**
 * The README of a scaffolded phase: about that phase (its name, ports, core and commands), not
 * about the template it was made from. Its first part is written here; the reference part (layout,
 * configuration, errors) is the template's own README from its "## Layout" on, renamed like every
 * other file, so the two cannot drift apart.
 */
import type { PhaseNames } from './phaseNames.js';

export function phaseReadme(options: {
  names: PhaseNames;
  server: boolean;
  /** The template's README (the variant's for a client-only phase), already renamed. */
  templateReadme: string;
}): string {
  const { names, server } = options;
  const kind = server ? 'client-and-server' : 'client-only';
  const start = options.templateReadme.indexOf('\n## Layout');
  const reference = (start === -1 ? '' : options.templateReadme.slice(start + 1))
    .split('\n')
    .filter((line) => !line.includes('variants/client-only'))
    .join('\n');
  const remote = `http://localhost:${names.devPort}`;
  const api = `${names.coreUrl}/api`;
  return `# ${names.title}

A ${kind} Coursekit phase (\`${names.phase}\`): a React remote that the Coursekit host loads at
run time${server ? `, and its own Fastify server that the core's gateway reaches at \`/phase-api/${names.phase}/*\`` : ''}.
Made with \`create-coursekit-phase\`. Everything generic (hooks, test kit${server ? ', the phase-server kit' : ''})
comes from \`@coursekit/phase-sdk\`: upgrading it brings platform fixes without touching this folder.
It works with the Coursekit core at ${names.coreUrl}.

## Develop

\`\`\`sh
npm run dev          # the remote on ${remote} with live reload${server ? `\nnpm run dev:server   # the server on http://localhost:${names.serverPort}, rebuilt and restarted on every change` : ''}
npm run typecheck    # tsc over the remote${server ? ' and the server' : ''}
npm test             # the components, rendered with renderPhase from @coursekit/phase-sdk/testing${server ? '\n                     # and the server routes on PGlite (and PostgreSQL: TEST_DATABASE_URL)' : ''}
npm run build        # type-checks first, then the remote into dist/${server ? ' and the server into server/dist/' : ''}
\`\`\`

## Release a first version

${
  server
    ? `The core's gateway needs the server's URL, so register the version (as an admin; see the
main Coursekit README for signing in with curl):

\`\`\`sh
api=${api}; json=(-H 'content-type: application/json' -H 'x-coursekit-csrf: 1' -b jar -c jar)
curl "\${json[@]}" -d '{"name":"${names.phase}","title":"${names.title}","kind":"client-and-server"}' $api/phase-types
curl "\${json[@]}" -d '{"descriptorUrl":"${remote}/phase.json","serverUrl":"http://localhost:${names.serverPort}"}' \\
  $api/phase-types/${names.phase}/versions
\`\`\``
    : `\`\`\`sh
npm run build
npx coursekit-phase publish --registry ${names.coreUrl}   # --token <API token> with a real registry
\`\`\``
}

Then add it to a course: Administration → the course → Add phase.

## Try every change on yourself first

With \`npm run dev\` running, signed in as a developer or an admin, open

    ${names.coreUrl}/courses?phase-override=${names.phase}@${remote}/phase.json

Your browser loads the phase from your dev server; nothing is registered and nobody else sees it.
A banner shows the override, and "Stop overriding ${names.phase}" goes back to the released version.

${reference}`;
}
