/** A documented limit (see ./index) and the checks the service groups share. */

/** One documented limit on one Pulumi input. */
export interface DocRule {
    readonly type: string;
    /** Pulumi input path (`rules[].name`). */
    readonly property: string;
    /** What is wrong with the value (read with the resource's other inputs), or undefined when it complies. */
    readonly check: (value: unknown, inputs: Record<string, unknown>) => string | undefined;
    /** The documentation's own words. */
    readonly quote: string;
    readonly source: string;
}

export const API = (service: string, operation: string) =>
    `https://docs.aws.amazon.com/${service}/latest/APIReference/API_${operation}.html`;

/** A check that the value is a string matching `re` (and at most `max` characters). */
export function text(re: RegExp, max: number, what: string): (value: unknown) => string | undefined {
    return (value) => {
        const s = String(value);
        if ([...s].length > max) return `at most ${max} characters, is ${[...s].length}`;
        return re.test(s) ? undefined : what;
    };
}

/** A number within [min, max]. */
export function between(min: number, max: number): (value: unknown) => string | undefined {
    return (value) => (Number(value) >= min && Number(value) <= max ? undefined : `${min} to ${max}`);
}
