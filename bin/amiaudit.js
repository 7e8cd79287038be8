#!/usr/bin/env node
// The pinned AWS SDK warns on every run under Node 20 about its future releases; amiaudit pins
// its SDK version, so the warning is noise for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
