// Preloaded (NODE_OPTIONS=--require) into the processes code-server starts by the
// server-crash scenario. In the Solaris IPMP language server only, and only while the file named
// by IPMP_CRASH_ON_INITIALIZE exists, it exits when the client sends `initialize`: a server that
// dies at every start, as one with a bug on start-up would.
'use strict';
const flag = process.env.IPMP_CRASH_ON_INITIALIZE;
if (flag && /dist[\\/]server[\\/]main\.js$/.test(process.argv[1] || '')) {
  process.on('message', (message) => {
    if (message && message.method === 'initialize' && require('node:fs').existsSync(flag)) process.exit(7);
  });
}
