import type { Plugin } from 'vite';

/** The codegen's output: every operation of the app as a typed document, in one module. */
const generatedModule = /[\\/]src[\\/]generated[\\/]graphql\.ts$/;
const documentLine = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/;
const prefix = '\0hub-document:';

/**
 * Vite plugin: makes each document of src/generated/graphql.ts a module of its own, so a page's
 * chunk carries the operations it uses. A bundler keeps a module whole, in one chunk; as one
 * module, every operation of every page landed in the first chunk every page loads. The file's
 * other lines are types, which the build drops; a runtime line the plugin does not know fails the
 * build rather than being lost.
 */
export function splitDocuments(): Plugin {
  const documents = new Map<string, string>();
  return {
    name: 'hub-split-documents',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!generatedModule.test(id)) {
        return null;
      }
      const exports: string[] = [];
      for (const line of code.split('\n')) {
        const document = documentLine.exec(line);
        if (document) {
          const [, name = '', body = ''] = document;
          documents.set(name, body);
          exports.push(`export { ${name} } from ${JSON.stringify(prefix + name)};`);
        } else if (/^export (const|let|var|function|class|enum) /.test(line)) {
          throw new Error(`split-documents: a runtime export it does not know in ${id}: ${line.slice(0, 120)}`);
        }
      }
      return { code: exports.join('\n'), map: null };
    },
    resolveId(source) {
      return source.startsWith(prefix) ? source : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) {
        return null;
      }
      const name = id.slice(prefix.length);
      return `export const ${name} = ${documents.get(name)};`;
    },
  };
}
