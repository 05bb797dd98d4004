/**
 * Pure validators for stack configuration. Each returns `undefined` when the value
 * is acceptable, or a sentence that says what is allowed; the caller prefixes the
 * key and the bad value, so every message reads
 * `chatmrpt:minSize (5): must be <= chatmrpt:maxSize (4)`.
 */

export * from "./addresses";
export * from "./awsResources";
export * from "./numbers";
export * from "./schedules";
export * from "./tags";
export * from "./text";
