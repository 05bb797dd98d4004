// Loads the tests' TypeScript through ts-node with its `swc` option: @swc/core transpiles
// each file, as ts-node's transpile-only mode does with TypeScript's compiler, in a fraction
// of the time (each mocha worker transpiles every source it loads: 8 s with TypeScript, under
// 3 s with SWC). Nothing is type-checked here: that is `npm run typecheck`'s job, with tsc.
require("ts-node").register({ swc: true });
