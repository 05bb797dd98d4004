/** The policy page's summary line, from the pack's own list (so the count is never typed by hand). */
import { BASE_POLICIES, PACK_NAME } from "../../policies/pack";

export function policySummary(): string {
    const levels = new Map<string, number>();
    for (const p of BASE_POLICIES) levels.set(p.enforcementLevel ?? "advisory", (levels.get(p.enforcementLevel ?? "advisory") ?? 0) + 1);
    const byLevel = [...levels].map(([level, n]) => (n === BASE_POLICIES.length ? `all ${level}` : `${n} ${level}`)).join(", ");
    return `A CrossGuard pack, \`${PACK_NAME}\`: **${BASE_POLICIES.length} policies**, one per file in \`policies/rules/\`, ${byLevel}.`;
}

/** Every policy's name, for the check that the page names each one. */
export const policyNames = (): string[] => BASE_POLICIES.map((p) => p.name);
