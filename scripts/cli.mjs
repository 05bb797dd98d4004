#!/usr/bin/env node
// `npm run plan` and the other offline CLIs: node scripts/cli.mjs TOOL [ARGS...]. Checks
// build/ for staleness (scripts/freshBuild.mjs, rebuilding if needed) and then runs the
// compiled CLI in this same process, so a run pays for one node start, not two
// (`node scripts/freshBuild.mjs && node build/...` started node twice, about 50 ms idle).
// The CLI sees only its own arguments, as when started as `node build/offline/TOOL/cli.js`.
import { createRequire } from "module";
import { freshBuild } from "./freshBuild.mjs";

const require = createRequire(import.meta.url);

/** The CLIs started this way: the compiled module and its entry function. */
const TOOLS = {
    plan: ["../build/offline/plan/cli.js", "runPlanCli"],
    policy: ["../build/offline/policy/cli.js", "runPolicyCli"],
    readiness: ["../build/offline/readiness/cli.js", "runReadinessCli"],
    route: ["../build/offline/route/cli.js", "runRouteCli"],
    docs: ["../build/offline/docs/cli.js", "runDocsCli"],
};

const tool = process.argv[2];
if (!Object.hasOwn(TOOLS, tool)) {
    process.stderr.write(`error: unknown tool ${tool}; allowed: ${Object.keys(TOOLS).join(", ")}\n`);
    process.exitCode = 2;
} else {
    const built = freshBuild();
    if (built !== 0) process.exitCode = built;
    else {
        const [file, entry] = TOOLS[tool];
        // runCommand reads process.argv.slice(2): the tool's arguments, without its name.
        process.argv.splice(2, 1);
        const { runCommand } = require("../build/offline/command.js");
        const run = require(file)[entry];
        runCommand((argv, write) => run(argv, write));
    }
}
