/**
 * Test setup (loaded by .mocharc after ts-node): Pulumi's SDK formats a stack trace for
 * every promise it tracks (runtime/debuggable.js, kept for its leak report) and a whole,
 * unlimited one for every resource it registers (Resource.callsites, parsed into the
 * source position it sends the engine). Under ts-node each of those was source-mapped
 * frame by frame, and even formatted plainly they were half of a mocked run. The offline
 * engine records no source positions (the mock monitor ignores them), so the stacks the
 * SDK captures for itself are left as their first line; every other stack (a failed
 * assertion, an error a test prints) is still mapped back to the TypeScript source.
 */
const mapped = Error.prepareStackTrace;
const SDK_CAPTURE = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/](runtime[\\/]debuggable|resource)\.js$/;

if (mapped !== undefined) {
    Error.prepareStackTrace = (error, frames) =>
        SDK_CAPTURE.test(frames[0]?.getFileName() ?? "")
            ? `${error.name}: ${error.message}`
            : mapped(error, frames);
}
