// Lets Node run the project's TypeScript directly (a child process in a test), where imports
// name modules without an extension as the bundler allows: `./outbox` resolves to `./outbox.ts`.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromTypeScript = context.parentURL?.endsWith('.ts') ?? false;
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!fromTypeScript || !relative || /\.[cm]?[jt]s$/.test(specifier)) return nextResolve(specifier, context);
    return nextResolve(`${specifier}.ts`, context);
  },
});
