import type { Plugin } from 'vite';

/** A route whose chunks index.html starts loading at once, before the app asks for them. */
export interface PreloadedRoute {
  /** Matched against `location.pathname` in the browser. */
  readonly path: RegExp;
  /** The module the route loads lazily, relative to the web package (`src/dashboard/DashboardPage.tsx`). */
  readonly module: string;
}

/**
 * Vite plugin: for each route, an inline script in index.html that, on that route only, adds
 * `<link rel="modulepreload">` for the route's lazy chunk and the chunks it imports, and their
 * styles. The wall's code then downloads alongside the app's first chunk rather than after it has
 * run, and the other pages download none of it. The script comes first in <head>: a script after
 * a stylesheet waits for it (the gateway's content-type names the charset, so the meta tag may
 * come after it).
 */
export function routePreload(routes: readonly PreloadedRoute[]): Plugin {
  return {
    name: 'hub-route-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) {
          return [];
        }
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        /** The chunk a module became and every chunk it imports statically, transitively, with their styles (the entry's aside). */
        const closure = (module: string): string[] => {
          const entry = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(`/${module}`));
          if (!entry) {
            throw new Error(`route-preload: no chunk was built for ${module}`);
          }
          const files = new Set<string>();
          const visit = (fileName: string) => {
            const chunk = chunks.find((candidate) => candidate.fileName === fileName);
            // The entry and its styles are in index.html already.
            if (files.has(fileName) || !chunk || chunk.isEntry) {
              return;
            }
            files.add(fileName);
            for (const css of chunk.viteMetadata?.importedCss ?? []) {
              files.add(css);
            }
            chunk.imports.forEach(visit);
          };
          visit(entry.fileName);
          return [...files].map((file) => `/${file}`);
        };
        const table = routes.map((route) => [route.path.source, closure(route.module)]);
        // Scripts as module preloads, styles as preloads: the app applies them after its own, in its order.
        const script = `for(const[p,f]of ${JSON.stringify(table)})if(new RegExp(p).test(location.pathname))for(const h of f){const l=document.createElement('link');if(h.endsWith('.css')){l.rel='preload';l.as='style'}else{l.rel='modulepreload'}l.crossOrigin='';l.href=h;document.head.append(l)}`;
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }];
      },
    },
  };
}
