/**
 * Test setup (loaded by .mocharc after ts-node): Pulumi's SDK captures a stack trace for
 * every promise it tracks and every resource it registers (runtime/debuggable.js,
 * Resource.callsites). Under ts-node each capture is source-mapped frame by frame, which
 * made a mocked run of the program about twice as slow as the compiled one. Stacks the
 * SDK captures for itself are formatted the plain V8 way; every other stack (a failed
 * assertion, an error a test prints) is still mapped back to the TypeScript source.
 */
const mapped = Error.prepareStackTrace;
const SDK_CAPTURE = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/](runtime[\\/]debuggable|resource)\.js$/;

function plain(error: Error, frames: NodeJS.CallSite[]): string {
    return `${error.name}: ${error.message}${frames.map((f) => `\n    at ${f.toString()}`).join("")}`;
}

if (mapped !== undefined) {
    Error.prepareStackTrace = (error, frames) => (SDK_CAPTURE.test(frames[0]?.getFileName() ?? "") ? plain(error, frames) : mapped(error, frames));
}
