/** A production rspack build of a small host for the build helper's tests. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RspackOptions, type RspackPluginInstance, rspack, type Stats } from '@rspack/core';

/** The sample phase whose installed packages the tests build against. */
export const introCourse = fileURLToPath(
  new URL('../../../../phases/intro-course', import.meta.url),
);

/** Where intro-course's packages are, for modules written to a temporary folder. */
export const nodeModules = dirname(
  dirname(createRequire(join(introCourse, 'package.json')).resolve('react/package.json')),
);

export interface HostBuild {
  entry: string;
  output: NonNullable<RspackOptions['output']>;
  plugins: RspackPluginInstance[];
}

/** Build `entry` in production mode; rejects only when rspack itself fails. */
export function buildHost({ entry, output, plugins }: HostBuild): Promise<Stats | undefined> {
  const compiler = rspack({
    mode: 'production',
    context: introCourse,
    entry,
    devtool: false,
    resolve: { modules: [nodeModules, 'node_modules'] },
    output: { publicPath: 'auto', ...output },
    infrastructureLogging: { level: 'error' },
    plugins,
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => {});
      if (error) reject(error);
      else resolve(stats);
    }),
  );
}
