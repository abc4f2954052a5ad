/**
 * Lets the browser download, in parallel with the entry script, every chunk the page needs before
 * it can render: `<link rel="preload">` tags in the HtmlRspackPlugin page, computed from the
 * compilation's chunk graph. Without them, the host's entry (`import('./bootstrap')`, the async
 * boundary Module Federation needs) must run before the browser even learns the names of the
 * bootstrap chunk and of the shared modules it consumes: one more round trip on every cold load.
 *
 * Which chunks: the chunk groups an entry module imports itself (its async boundary), then, for
 * every shared module those chunks consume, the chunks of the copy this build provides (the one
 * Module Federation picks at start-up, when no remote is loaded yet), or of its fallback when the
 * build provides none, and so on for what those chunks consume. Chunks that code imports later
 * (lazy routes) are left out; a build with no async boundary (one bundle) gets no preloads.
 *
 * The entry scripts get `fetchpriority="high"`: deferred scripts are otherwise fetched after
 * every preload, and nothing runs before them.
 *
 * For those, `chunk-preloads.json` (`HostChunkPreloads`) lists the files of every named chunk
 * beyond the start's, so that a server can preload a lazy route's chunk on the pages that import
 * it at once, and says whether the build loads its phases through Module Federation (only then
 * does a course page preload the phase's remote files).
 */
import { HOST_CHUNK_PRELOADS_FILE } from '@coursekit/phase-sdk/contract';
import { HtmlRspackPlugin, sources } from '@rspack/core';

const NAME = 'StartChunkPreloadPlugin';

/** `as` of a preload for a file the page loads, or `null` for files no page loads (maps). */
function preloadAs(file) {
  if (/\.m?js$/.test(file)) return 'script';
  if (/\.css$/.test(file)) return 'style';
  return null;
}

/** The module an async block loads: a provided shared module's code, or a consume's fallback. */
function blockTarget(compilation, module) {
  const dependency = module.blocks[0]?.dependencies[0];
  return dependency ? compilation.moduleGraph.getModule(dependency) : null;
}

/**
 * The files `groups` need before their code can run, in the order they are found: their own, and
 * for every shared module their chunks consume, those of the copy this build provides, transitively.
 * `compilation` after its chunk graph is sealed.
 */
function filesToRun(compilation, groups) {
  const { chunkGraph } = compilation;
  /** Provided shared modules by the module they provide: the copy the share scope hands out. */
  const provided = new Map();
  for (const group of compilation.chunkGroups) {
    for (const { module } of group.origins) {
      if (module?.type !== 'provide-module') continue;
      const target = blockTarget(compilation, module);
      if (target) provided.set(target.identifier(), group);
    }
  }

  const files = new Set();
  const seen = new Set();
  const visit = (group) => {
    if (!group || seen.has(group)) return;
    seen.add(group);
    for (const file of group.getFiles()) if (preloadAs(file)) files.add(file);
    for (const chunk of group.chunks) {
      for (const module of chunkGraph.getChunkModulesIterable(chunk)) {
        if (module.type !== 'consume-shared-module') continue;
        const target = blockTarget(compilation, module);
        const block = module.blocks[0];
        visit(
          (target && provided.get(target.identifier())) ??
            (block ? chunkGraph.getBlockChunkGroup(block) : null),
        );
      }
    }
  };
  for (const group of groups) visit(group);
  return files;
}

/** The chunk groups the entries' modules import themselves: their async boundaries. */
function asyncBoundaries(compilation) {
  const { chunkGraph } = compilation;
  const boundaries = [];
  for (const entrypoint of compilation.entrypoints.values()) {
    const entryModules = new Set(
      entrypoint.chunks.flatMap((chunk) =>
        [...chunkGraph.getChunkEntryModulesIterable(chunk)].map((module) => module.identifier()),
      ),
    );
    for (const child of entrypoint.childrenIterable) {
      if (child.origins.some(({ module }) => module && entryModules.has(module.identifier()))) {
        boundaries.push(child);
      }
    }
  }
  return boundaries;
}

/** The files of the entries themselves, which the page names as its scripts and styles. */
function entryFiles(compilation) {
  return new Set([...compilation.entrypoints.values()].flatMap((entry) => entry.getFiles()));
}

/** The files the page needs to start: the entries' async boundaries and what they consume. */
export function startFiles(compilation) {
  const entries = entryFiles(compilation);
  return [...filesToRun(compilation, asyncBoundaries(compilation))].filter(
    (file) => !entries.has(file),
  );
}

/**
 * Per named chunk group that code imports later (`import(/* webpackChunkName: "course" *\/ …)`,
 * a lazy route), the files it needs beyond those of the start: what a server preloads on a page
 * that will import it at once.
 */
export function namedChunkFiles(compilation) {
  const before = new Set([...entryFiles(compilation), ...startFiles(compilation)]);
  const boundaries = new Set(asyncBoundaries(compilation));
  const named = {};
  for (const [name, group] of compilation.namedChunkGroups) {
    if (group.isInitial() || boundaries.has(group)) continue;
    named[name] = [...filesToRun(compilation, [group])].filter((file) => !before.has(file));
  }
  return named;
}

export class StartChunkPreloadPlugin {
  apply(compiler) {
    // A build without Module Federation (the bench's monolith) has its phases in its own chunks.
    const phases = compiler.options.plugins.some(
      (plugin) => plugin?.constructor.name === 'ModuleFederationPlugin',
    )
      ? 'federated'
      : 'bundled';
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      HtmlRspackPlugin.getCompilationHooks(compilation).alterAssetTags.tap(NAME, (data) => {
        const preloads = startFiles(compilation).map((file) =>
          HtmlRspackPlugin.createHtmlTagObject('link', {
            rel: 'preload',
            as: preloadAs(file),
            href: `${data.publicPath}${file}`,
          }),
        );
        data.assetTags.meta.push(...preloads);
        // A deferred script is fetched at low priority, after every preload: yet nothing runs
        // before the entry does. On HTTP/1.1 (six connections) it came last under slow 4G.
        for (const script of data.assetTags.scripts) script.attributes.fetchpriority = 'high';
        return data;
      });
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: compilation.constructor.PROCESS_ASSETS_STAGE_SUMMARIZE },
        () => {
          const chunks = Object.fromEntries(
            Object.entries(namedChunkFiles(compilation)).map(([name, files]) => [
              name,
              files.map((file) => ({ file, as: preloadAs(file) })),
            ]),
          );
          compilation.emitAsset(
            HOST_CHUNK_PRELOADS_FILE,
            new sources.RawSource(`${JSON.stringify({ phases, chunks }, null, 2)}\n`),
          );
        },
      );
    });
  }
}
