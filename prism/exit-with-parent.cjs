// Preloaded into Prism's node process by `cargo xtask test` (`node --require`). xtask holds the
// other end of Prism's standard input, so the input closes when xtask ends, however it ends
// (Ctrl-C, a crash, a kill): Prism then exits too and no mock server outlives its run.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
