/**
 * How a Pulumi resource's inputs reach the AWS operations that create or update it.
 *
 * By default a Pulumi input is matched to the operation's member of the same name, ignoring
 * case and underscores (`visibilityConfig.cloudwatchMetricsEnabled` →
 * `VisibilityConfig.CloudWatchMetricsEnabled`), level by level. `send` says where the
 * provider sends a value under another name or shape; `notSent` lists, with the reason,
 * inputs that reach no constrained member (provider-only settings, values in another call).
 */

/**
 * How the provider turns the Pulumi value into what the member holds.
 * - `entries`: a `{key: value}` map sent as a list of `{Key, Value}` structures (tags), or
 *   as the map the member is; `key`/`value` name the structure's members (default: the
 *   members named …Key and …Value).
 * - `csv`: a list sent as one comma-separated string.
 * - `attribute`: one entry `{Key: attribute, Value: String(value)}` of a list of key/value
 *   structures, or `attribute → String(value)` of a map (ELB attributes, SNS topic attributes).
 */
export type Form = "entries" | "csv" | "attribute";

/** Where a Pulumi input goes. */
export interface Target {
    /**
     * The member path, from the root of each of the type's operations (`LaunchTemplateData.ImageId`),
     * or `service:Operation Member.Path` for one operation (possibly not in `operations`).
     */
    readonly to: string;
    readonly form?: Form;
    /** For `entries`: the key and value member names. For `attribute`: the attribute key sent. */
    readonly key?: string;
    readonly value?: string;
    readonly attribute?: string;
}

/** One Pulumi resource type's mapping. */
export interface TypeMapping {
    /**
     * The operations that send the inputs, create first, as `service:Operation` optionally
     * followed by a space and the member path the inputs sit under
     * (`cloudfront:CreateDistributionWithTags DistributionConfigWithTags.DistributionConfig`).
     * Every input must match in the first; the others are checked where they match.
     */
    readonly operations: readonly string[];
    /** Pulumi input path (`healthCheck.path`, `rules[].statement`) → where the provider sends it. */
    readonly send?: Readonly<Record<string, string | Target | readonly Target[]>>;
    /** Pulumi input path → why nothing constrained receives it. */
    readonly notSent?: Readonly<Record<string, string>>;
}

/** The common tag mapping: a `{key: value}` map sent as `Tags[].Key`/`Tags[].Value`. */
export const TAGS: Target = { to: "Tags", form: "entries" };
