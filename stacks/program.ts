import { ChatMrptOutputs, createChatMrpt } from "./chatmrpt";
import { ConfigSource, loadStackConfig, pulumiConfigSource } from "./stackConfig";

/**
 * The whole program: read and validate the stack's config once, then build.
 * A bad config throws here, before any resource is registered.
 */
export function runProgram(source: ConfigSource = pulumiConfigSource()): ChatMrptOutputs {
    const config = loadStackConfig(source);
    return createChatMrpt(config);
}
