/**
 * Test setup (loaded by .mocharc after ts-node): the stacks Pulumi's SDK captures for
 * itself (one per tracked promise, a whole one per resource) are left as their first line,
 * as the offline engine leaves them (skipSdkStackFormatting, components/lib/pulumiInternals.ts).
 * Installed here, after ts-node, so that every other stack (a failed assertion, an error a
 * test prints) is still mapped back to the TypeScript source: under ts-node each SDK stack
 * was source-mapped frame by frame, and even formatted plainly they were half of a mocked run.
 */
import { skipSdkStackFormatting } from "../components/lib/pulumiInternals";

skipSdkStackFormatting();
