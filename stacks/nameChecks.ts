/**
 * Names and header values that look valid but can never work: special-use DNS names no
 * public certificate or resolver will serve, AWS's own names, origins that loop or are
 * private, and secrets an HTTP header cannot carry. Each returns undefined or a sentence.
 */

/**
 * Special-use top-level names: RFC 2606 and 6761 (test, example, invalid, localhost), RFC 6762
 * (local, mDNS), RFC 7686 (onion), RFC 8375 (home.arpa), RFC 9476 (alt), and ICANN's private-use
 * internal (2024). No public CA issues a certificate for them and public DNS does not resolve them.
 */
export const SPECIAL_USE_SUFFIXES = [
    "test",
    "example",
    "invalid",
    "localhost",
    "local",
    "onion",
    "alt",
    "internal",
    "home.arpa",
] as const;

/** AWS's own zones: a viewer name there is AWS's to route, and ACM cannot validate it for us. */
export const AWS_OWNED_SUFFIXES = ["cloudfront.net", "amazonaws.com", "amazonaws.com.cn", "aws"] as const;

const under = (name: string, suffix: string) => name === suffix || name.endsWith(`.${suffix}`);

/** A name public DNS resolves and a public CA certifies: not a special-use name. */
export function checkSpecialUseName(value: string): string | undefined {
    const suffix = SPECIAL_USE_SUFFIXES.find((s) => under(value.toLowerCase(), s));
    return suffix === undefined
        ? undefined
        : `must not be under .${suffix}: special-use names (${SPECIAL_USE_SUFFIXES.map((s) => `.${s}`).join(", ")}; RFC 2606, 6761, 6762, 7686) never resolve publicly and no public certificate can name them`;
}

/** A name of the site's own, not one in AWS's zones (a distribution's or a load balancer's). */
export function checkNotAwsName(value: string): string | undefined {
    const suffix = AWS_OWNED_SUFFIXES.find((s) => under(value.toLowerCase(), s));
    return suffix === undefined
        ? undefined
        : `must not be under ${suffix}: that zone is AWS's, so CloudFront cannot take it as an alias and ACM cannot validate it; use a name your own DNS holds`;
}

/**
 * Old prod's load balancer as a CloudFront origin: public (CloudFront reaches custom origins
 * over the internet; an `internal-` ELB name resolves to private addresses) and not a distribution.
 */
export function checkLegacyOriginName(value: string): string | undefined {
    const name = value.toLowerCase();
    if (under(name, "cloudfront.net"))
        return "must be old prod's load balancer, not a CloudFront distribution (the request would loop through CloudFront)";
    if (/^internal-.*\.elb\.amazonaws\.com(\.cn)?$/.test(name)) {
        return "must be an internet-facing load balancer: internal- names resolve to private addresses CloudFront cannot reach (a custom origin must be reachable from the internet)";
    }
    return checkSpecialUseName(value);
}

/**
 * A value an HTTP header can carry as sent: visible ASCII only (RFC 9110 §5.5: a field value has
 * no leading or trailing whitespace, and CR, LF and other controls are forbidden; obs-text beyond
 * ASCII is not reliably passed). Says what is wrong and where, never the value (it is a secret).
 */
export function checkHeaderToken(value: string): string | undefined {
    for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x21 && code <= 0x7e) continue;
        const what =
            code === 0x0d || code === 0x0a
                ? "a line break"
                : code === 0x20 || code === 0x09
                  ? "whitespace"
                  : code < 0x20 || code === 0x7f
                    ? "a control character"
                    : "a non-ASCII character";
        return `must hold only visible ASCII characters (! to ~), as an HTTP header value carries them (RFC 9110 §5.5); it has ${what} at character ${i + 1}`;
    }
    return undefined;
}
