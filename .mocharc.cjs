// Mocha's settings. In parallel mode mocha hands test files to its two workers in list order,
// so a long file that starts last keeps one core busy while the other sits idle: the files
// that take longest (child processes, the policy views, the fuzz) go first, the rest follow
// in name order. A file missing from SLOWEST_FIRST still runs, only later.
const fs = require("fs");
const path = require("path");

const SLOWEST_FIRST = [
    "plan",
    "mistakes",
    "guardPolicies",
    "workflowLint",
    "shapeFuzz",
    "adoption",
    "policies",
    "route",
    "legacySessionsDocument",
    "webTier",
    "workflows",
    "diagram",
].map((name) => `test/${name}.test.ts`);

const all = fs
    .readdirSync(path.join(__dirname, "test"))
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `test/${f}`)
    .sort();

module.exports = {
    require: ["./test/tsRegister.cjs"],
    extension: ["ts"],
    spec: [...SLOWEST_FIRST.filter((f) => all.includes(f)), ...all.filter((f) => !SLOWEST_FIRST.includes(f))],
    timeout: 60000,
    "forbid-only": true,
    reporter: "./test/summaryReporter.ts",
    parallel: true,
    jobs: 2,
};
