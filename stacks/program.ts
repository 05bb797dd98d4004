import * as pulumi from "@pulumi/pulumi";
import { ChatMrptOutputs, createChatMrpt } from "./chatmrpt";
import { checkOnCall, ConfigSource, loadStackConfig, pulumiConfigSource } from "./stackConfig";

/** What the engine is doing with the program: deploying it, or previewing it (nothing is deployed). */
export type ProgramMode = "up" | "preview";

/** The engine's mode: `pulumi preview` runs the program as a dry run, `pulumi up` does not. */
export function engineMode(): ProgramMode {
    return pulumi.runtime.isDryRun() ? "preview" : "up";
}

/**
 * The whole program: read and validate the stack's config once, then build.
 * A bad config throws here, before any resource is registered. A stack that pages nobody
 * (chatmrpt:alertEmails unset or a placeholder) is refused by `up` and only warned about
 * in a preview, where pull requests are checked before a team has set its address.
 */
export function runProgram(
    source: ConfigSource = pulumiConfigSource(),
    mode: ProgramMode = engineMode(),
): ChatMrptOutputs {
    const config = loadStackConfig(source, { deploying: mode === "up" });
    const onCall = checkOnCall(config.alertEmails);
    // A warning diagnostic: `pulumi preview` prints it (the offline engine records it).
    if (!onCall.ok) void pulumi.log.warn(onCall.message);
    return createChatMrpt(config);
}
