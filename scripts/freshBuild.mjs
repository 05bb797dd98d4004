#!/usr/bin/env node
// Rebuilds build/ only when it is stale, so `npm run plan` (and the other CLIs) no longer pay
// for `tsc -b` on every run: a few hundred stat calls (milliseconds) decide. Stale means a
// source or a tsconfig is newer than the last build's stamp, or a source was added or removed
// (the list of sources is part of the stamp). `tsc -b` never deletes the output of a removed
// source, and a stale build/components/webTier.js would shadow the components/webTier/ folder
// that replaced it, so outputs without a source are deleted. Then the pack's config validators are
// precompiled (offline/policy/precompileValidators.ts). `npm ci` builds once (prepare).
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { createRequire } from "module";
import { fileURLToPath } from "url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const BUILD = path.join(ROOT, "build");
const STAMP = path.join(BUILD, ".fresh-stamp");
/** What tsconfig.build.json compiles. */
const SOURCE_DIRS = ["components", "stacks", "policies", "offline"];
const CONFIGS = ["tsconfig.json", "tsconfig.build.json", "package-lock.json"];
/** Written after tsc: the pack's config validators, precompiled (offline/policy/precompileValidators.ts). */
const VALIDATORS = path.join(BUILD, "offline", "policy", "configValidators.generated.cjs");

/** Every .ts source under `dir` (relative to ROOT), skipping installed packages. */
function sources(dir, into) {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules") sources(rel, into);
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) into.push(rel);
    }
    return into;
}

function newestMtime(files) {
    let newest = 0;
    for (const f of files) newest = Math.max(newest, fs.statSync(path.join(ROOT, f)).mtimeMs);
    return newest;
}

/** Deletes build outputs whose source is gone (and empty folders left behind). */
function removeOrphans(dir, known) {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            removeOrphans(full, known);
            if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
        } else if (entry.name.endsWith(".js") || entry.name.endsWith(".d.ts")) {
            const rel = path.relative(BUILD, full).replace(/(\.d\.ts|\.js)$/, ".ts");
            if (!known.has(rel)) fs.rmSync(full);
        }
    }
}

/**
 * `npm run typecheck` (tsc -b tsconfig.typecheck.json) is up to date when the project's own
 * files are older than its record; an install that changed the SDKs' declarations would not
 * count, so the record goes when package-lock.json is newer than it.
 */
function dropStaleTypecheck() {
    const record = path.join(BUILD, ".typecheck.tsbuildinfo");
    const lock = path.join(ROOT, "package-lock.json");
    if (
        fs.existsSync(record) &&
        fs.existsSync(lock) &&
        fs.statSync(lock).mtimeMs > fs.statSync(record).mtimeMs
    )
        fs.rmSync(record);
}

/**
 * Rebuilds build/ when it is stale; 0 when it is current (or was rebuilt), tsc's exit code
 * when the build failed. scripts/cli.mjs calls it in the CLI's own process.
 */
export function freshBuild() {
    dropStaleTypecheck();
    const files = ["index.ts", ...SOURCE_DIRS.flatMap((d) => sources(d, []))].sort();
    const list = files.join("\n");
    const newest = Math.max(
        newestMtime(files),
        newestMtime(CONFIGS.filter((f) => fs.existsSync(path.join(ROOT, f)))),
    );
    if (
        fs.existsSync(STAMP) &&
        fs.statSync(STAMP).mtimeMs >= newest &&
        fs.readFileSync(STAMP, "utf8") === list &&
        fs.existsSync(VALIDATORS)
    )
        return 0;
    const tsc = spawnSync(
        process.execPath,
        [require.resolve("typescript/bin/tsc"), "-b", "tsconfig.build.json"],
        {
            cwd: ROOT,
            stdio: "inherit",
        },
    );
    if (tsc.status !== 0) return tsc.status ?? 1;
    removeOrphans(BUILD, new Set(files));
    const validators = spawnSync(
        process.execPath,
        [path.join(BUILD, "offline", "policy", "precompileValidators.js")],
        { cwd: ROOT, stdio: "inherit" },
    );
    if (validators.status !== 0) return validators.status ?? 1;
    fs.writeFileSync(STAMP, list);
    return 0;
}

if (process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url))
    process.exitCode = freshBuild();
