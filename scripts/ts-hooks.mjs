// Lets Node run the project's TypeScript directly (a child process in a test). Imports name modules
// without an extension, as the bundler allows: `./outbox` resolves to `./outbox.ts`. And Node's own
// type stripping refuses the few constructs that need a transform (parameter properties, as in
// `RpcFailure`), while `--experimental-transform-types` doubles a child's start-up with source maps
// it does not need, so sources are transformed here without them.
import { registerHooks, stripTypeScriptTypes } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromTypeScript = context.parentURL?.endsWith('.ts') ?? false;
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!fromTypeScript || !relative || /\.[cm]?[jt]s$/.test(specifier)) return nextResolve(specifier, context);
    return nextResolve(`${specifier}.ts`, context);
  },
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context);
    if (loaded.format !== 'module-typescript') return loaded;
    const source = stripTypeScriptTypes(String(loaded.source), { mode: 'transform', sourceMap: false });
    return { ...loaded, format: 'module', source };
  },
});
