/** Validators of network addresses and names: VPC CIDR blocks, DNS names, email addresses, HTTP paths. */

/** An IPv4 CIDR block with a prefix between /16 and /28 (the VPC limits). */
export function checkVpcCidr(value: string): string | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    const allowed = "must be an IPv4 CIDR block with a prefix from /16 to /28, such as 10.20.0.0/16";
    if (!match) return allowed;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix < 16 || prefix > 28) return allowed;
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    if (address % 2 ** (32 - prefix) !== 0) {
        return `has host bits set: the network address for /${prefix} is ${networkAddress(address, prefix)}`;
    }
    return undefined;
}

function networkAddress(address: number, prefix: number): string {
    const network = address - (address % 2 ** (32 - prefix));
    return [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".") + `/${prefix}`;
}

/** A DNS host name of at least two labels, lower case, no trailing dot. */
export function checkDomainName(value: string): string | undefined {
    const label = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    const pattern = new RegExp(`^(${label}\\.)+[a-z]{2,63}$`);
    return value.length <= 253 && pattern.test(value)
        ? undefined
        : "must be a lower-case DNS name with at least two labels, such as chatmrpt.example.org";
}

/** The names reserved for documentation (RFC 2606): a stack file that holds one was never finished. */
export const PLACEHOLDER_DOMAINS = ["example.org", "example.com", "example.net"] as const;

export function checkNotPlaceholderDomain(value: string): string | undefined {
    return PLACEHOLDER_DOMAINS.some((d) => value === d || value.endsWith(`.${d}`))
        ? `must not be a placeholder (${PLACEHOLDER_DOMAINS.join(", ")} or a subdomain of one); set the site's real name, or leave it unset to serve on the distribution's *.cloudfront.net name`
        : undefined;
}

/** An address SNS can deliver to: a dot-atom local part and a DNS domain (RFC 5321 limits). */
export function checkEmail(value: string): string | undefined {
    const at = value.lastIndexOf("@");
    const local = value.slice(0, at);
    const domain = value.slice(at + 1).toLowerCase();
    const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    const label = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    const ok =
        at > 0 &&
        local.length <= 64 &&
        value.length <= 254 &&
        new RegExp(`^${atom}(\\.${atom})*$`).test(local) &&
        new RegExp(`^(${label}\\.)+[a-z]{2,63}$`).test(domain);
    return ok ? undefined : "must be an email address such as ops@example.org";
}

/** The longest health-check path an ALB target group accepts (ELBv2 HealthCheckPath: 1-1024). */
export const MAX_HEALTH_CHECK_PATH = 1024;

/** An HTTP path for health checks: starts with `/`, no spaces or query, at most 1024 characters. */
export function checkHttpPath(value: string): string | undefined {
    if (!/^\/[A-Za-z0-9_\-./]*$/.test(value)) return "must be an absolute path such as /health";
    return value.length > MAX_HEALTH_CHECK_PATH
        ? `must be at most ${MAX_HEALTH_CHECK_PATH} characters (the ALB's limit); it has ${value.length}`
        : undefined;
}
