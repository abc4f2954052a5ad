// The monolith baseline of `npm run bench`: the host's own rspack configuration and code, with the
// intro-course phase imported statically instead of through Module Federation, built as one
// bundle (no federation, no async boundary). Only the module that talks to the federation runtime
// is replaced; the bench serves the result from a registry of its own.
import { join } from 'node:path';
import { NormalModuleReplacementPlugin } from '@rspack/core';
import hostConfig from '../../../host/rspack.config.mjs';

const here = import.meta.dirname;

export default (env, argv) => {
  const config = hostConfig(env, { ...argv, mode: 'production' });
  return {
    ...config,
    context: join(here, '../../../host'),
    entry: { main: './src/bootstrap.tsx' },
    output: { ...config.output, path: process.env.MONOLITH_DIST ?? join(here, 'dist') },
    devtool: false,
    plugins: [
      ...config.plugins.filter((plugin) => plugin.constructor.name !== 'ModuleFederationPlugin'),
      new NormalModuleReplacementPlugin(
        /[\\/]federationRuntime$/,
        join(here, 'staticFederationRuntime.ts'),
      ),
    ],
  };
};
