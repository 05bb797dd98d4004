/**
 * What @pulumi/pulumi loads at start-up only to serialize closures, deferred to first use.
 *
 * The SDK's runtime requires two heavy things when it loads, for `pulumi.runtime.serializeFunction`
 * (behind aws.lambda.CallbackFunction) alone: TypeScript's compiler, 9 MB, through its
 * `typescript-shim`, and npm's Arborist (with pacote, sigstore and the rest) for the code paths
 * of a serialized function. Together they are about half of loading the SDK. This project
 * never serializes a closure (its Lambda code is text), and Pulumi meant the same, see
 * https://github.com/pulumi/pulumi/pull/10185 ("Avoid importing typescript unless necessary").
 *
 * `deferClosureSerializerDeps` puts a stand-in for each in Node's module cache (adding entries
 * to `require.cache` is documented Node behaviour) before the SDK loads. The stand-in loads the
 * real module the first time anything reads it, and forwards to it from then on, so a program
 * that does serialize a closure works exactly as before, only paying the load then.
 *
 * For the offline CLIs only (plan, policy, readiness, route, docs): `pulumi up` and the tests
 * load the SDK as it ships. This file must not import the SDK, or the SDK would be loaded
 * before anything could be deferred; test/pulumiInternals.test.ts pins both parts.
 */
import Module from "module";
import * as path from "path";

/** Each deferred module: what the SDK requires, and the SDK file (under its root) that requires it. */
export const CLOSURE_SERIALIZER_DEPS: ReadonlyArray<{ request: string; requiredBy: string }> = [
    { request: "../../typescript-shim", requiredBy: "runtime/closure/parseFunction.js" },
    { request: "@npmcli/arborist", requiredBy: "runtime/closure/codePaths.js" },
];

/**
 * A module object for `file` whose exports load the real module on first use. `__esModule`
 * is answered without loading, so that TypeScript's `__importStar` (how the SDK imports
 * Arborist) keeps the stand-in instead of copying every export at once.
 */
function standIn(file: string): Module {
    let real: Record<PropertyKey, unknown> | undefined;
    const load = (): Record<PropertyKey, unknown> => {
        if (real === undefined) {
            delete require.cache[file];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred module, by its resolved path
            real = require(file) as Record<PropertyKey, unknown>;
        }
        return real;
    };
    const exports = new Proxy<Record<PropertyKey, unknown>>(
        {},
        {
            get: (_target, key) => {
                if (key === "__esModule") return true;
                const loaded = load();
                // What __importDefault or __importStar would give for a CommonJS module.
                if (key === "default" && !("default" in loaded) && loaded.__esModule !== true) return loaded;
                return loaded[key];
            },
            has: (_target, key) => key in load(),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_target, key) => {
                const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
                // A proxy may not report a non-configurable property its (empty) target lacks.
                return descriptor && { ...descriptor, configurable: true };
            },
        },
    );
    const entry = new Module(file);
    entry.filename = file;
    entry.exports = exports;
    entry.loaded = true;
    return entry;
}

/**
 * Defers {@link CLOSURE_SERIALIZER_DEPS} in this process; returns the files deferred. Does
 * nothing once the SDK is loaded (it holds the real modules then), and skips a module an SDK
 * upgrade no longer requires from the same place (the adapter test fails on that instead).
 */
export function deferClosureSerializerDeps(): string[] {
    let sdkRoot: string;
    try {
        sdkRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    } catch {
        return [];
    }
    if (require.cache[path.join(sdkRoot, "index.js")] !== undefined) return [];
    const deferred: string[] = [];
    for (const dep of CLOSURE_SERIALIZER_DEPS) {
        let file: string;
        try {
            file = require.resolve(dep.request, {
                paths: [path.dirname(path.join(sdkRoot, dep.requiredBy))],
            });
        } catch {
            continue;
        }
        if (require.cache[file] !== undefined) continue;
        require.cache[file] = standIn(file);
        deferred.push(file);
    }
    return deferred;
}
